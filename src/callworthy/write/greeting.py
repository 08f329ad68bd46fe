"""Write the rep's own voicemail greeting (P13): a few scripts as data, filled from the Rep.

A greeting is not a message to a prospect, so only its length is judged:
each script's first phrasing (in seeded order) that lasts 12-30 spoken
seconds is offered, with the length findings the critique gave it.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from callworthy.critique import Finding, critique
from callworthy.write.profile import Rep
from callworthy.write.shapes import GreetingOut
from callworthy.write.slots import SlotFiller, render, template_slots
from callworthy.write.strategies import GreetingScript, default_greetings
from callworthy.write.writer import BAR, Bar


@dataclass(frozen=True, slots=True)
class Greeting:
    """One greeting for the rep's own voicemail."""

    script: str
    name: str
    principle: str
    text: str
    spoken: str
    spoken_seconds: float
    humor: bool
    findings: tuple[Finding, ...]
    """The critique's length findings only (the other rules are for prospect messages)."""

    def to_dict(self) -> GreetingOut:
        """Return the JSON shape of the CLI and the API."""
        return {
            "script": self.script,
            "name": self.name,
            "principle": self.principle,
            "text": self.text,
            "spoken": self.spoken,
            "spoken_seconds": self.spoken_seconds,
            "humor": self.humor,
            "findings": [{"rule": f.rule, "message": f.message} for f in self.findings],
        }


def _write_one(script: GreetingScript, filler: SlotFiller, bar: Bar) -> Greeting | None:
    order = list(range(len(script.phrasings)))
    filler.rng.shuffle(order)
    for index in order:
        template = script.phrasings[index]
        names = template_slots(template)
        if filler.missing(names):
            continue  # e.g. no company: never guess one
        values = filler.fill(names).values
        text = render(template, values, filler.written)
        result = critique(text, region=filler.region)
        if not bar.min_seconds <= result.spoken_seconds <= bar.max_seconds:
            continue
        return Greeting(
            script=script.id,
            name=script.name,
            principle=script.principle,
            text=text,
            spoken=render(template, values, filler.spoken),
            spoken_seconds=result.spoken_seconds,
            humor=script.humor,
            findings=tuple(f for f in result.findings if f.rule.startswith("length.")),
        )
    return None


def write_greetings(
    rep: Rep,
    *,
    seed: int = 0,
    scripts: tuple[GreetingScript, ...] | None = None,
    bar: Bar = BAR,
) -> tuple[Greeting, ...]:
    """Write one greeting per script for the rep, each 12-30 spoken seconds."""
    filler = SlotFiller(None, rep, None, random.Random(seed))
    written = (_write_one(script, filler, bar) for script in scripts or default_greetings())
    return tuple(g for g in written if g is not None)

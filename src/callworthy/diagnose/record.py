"""Read the record of attempts: what was left, how often, how it scored, what came back.

Pure: takes plain values (attempts with their critique findings, callback
times, now) and returns signals, each with a strength from 0 to 1 and a
sentence a rep can check against the log. Cause files weigh the signals by id
(SIGNALS below is the catalogue a cause file may name). How many messages make
too many, and how close is too close, is the contact cadence's (the one policy
`next` follows too: experiments/cadence.py).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import datetime, timedelta

from callworthy.diagnose.model import Attempt, Record, Signal
from callworthy.experiments.cadence import Cadence, default_cadence
from callworthy.text.plural import count

#: Signals the record can show, and what each means (cause files name these ids).
SIGNALS: dict[str, str] = {
    "self_focused": "messages about you: self-focus, pitch phrases, an opening about you (P3)",
    "no_value": "messages with no tip, idea, lead or question for them (P11)",
    "bare_call_me": "bare 'call me back' with no reason (P4)",
    "money_saving": "'save money' pitched as the gain (P2)",
    "generic": "generic wording, like the five other calls this week (P10)",
    "low_scores": "messages that scored under 50 in the critique",
    "strong_value_ignored": "a strong message (score 75+) among many, and still no call (P7/P11)",
    "many_attempts": "as many messages without a call back as the contact cadence allows",
    "calls_crowded": "more messages within a few days than the contact cadence calls a flood",
    "same_strategy": "most messages used the same strategy",
    "never_returned": "three or more messages and never a call back",
    "returned_before": "called back once, silent since",
    "long_gap": "a long time since the last message",
    "humor_unwelcome": "humor left for a prospect marked as not open to it (P8)",
}

#: Rule ids whose findings mean "this message was about you" (P3).
SELF_FOCUS_RULES = frozenset(
    {
        "focus.self-focus",
        "focus.opening-about-you",
        "pitch.about-us",
        "pitch.introduce-myself",
        "pitch.hype",
        "pitch.sales-speak",
    }
)
STRONG_SCORE = 75
LONG_GAP_DAYS = 45


def _share(attempts: Sequence[Attempt], rules: frozenset[str]) -> tuple[int, int]:
    critiqued = [a for a in attempts if a.findings is not None]
    hits = sum(1 for a in critiqued if rules.intersection(a.findings or ()))
    return hits, len(critiqued)


def _finding_signals(attempts: Sequence[Attempt]) -> list[Signal]:
    kinds = [
        ("self_focused", SELF_FOCUS_RULES, "were about you (self-focus, pitch phrases)"),
        ("no_value", frozenset({"value.no-value"}), "gave them nothing: no tip, idea or lead"),
        ("bare_call_me", frozenset({"callback.bare-call-me"}), "were a bare 'call me back'"),
        ("money_saving", frozenset({"value.money-saving"}), "pitched saving money as the gain"),
        ("generic", frozenset({"generic.number-six"}), "sounded like every other rep's"),
    ]
    signals = []
    for sid, rules, said in kinds:
        hits, total = _share(attempts, rules)
        if hits:
            signals.append(Signal(sid, hits / total, f"{hits} of {total} messages {said}."))
    scores = [a.score for a in attempts if a.score is not None]
    if scores and (mean := sum(scores) / len(scores)) < 50:
        signals.append(
            Signal("low_scores", (50 - mean) / 50, f"Your messages averaged {mean:.0f}/100.")
        )
    return signals


def _max_in_window(times: Sequence[datetime], window: timedelta) -> int:
    best, start = 0, 0
    for end, at in enumerate(times):
        while at - times[start] > window:
            start += 1
        best = max(best, end - start + 1)
    return best


def _rhythm_signals(
    attempts: Sequence[Attempt], callbacks: Sequence[datetime], policy: Cadence
) -> list[Signal]:
    times = sorted(a.left_at for a in attempts)
    since = [t for t in times if not callbacks or t > max(callbacks)]
    signals = []
    crowded = _max_in_window(times, timedelta(days=policy.crowded_days))
    if crowded >= policy.crowded_messages:
        per_day = max(Counter(t.date() for t in times).values())
        signals.append(
            Signal(
                "calls_crowded",
                min(1.0, (crowded - policy.crowded_messages + 1) / 5),
                f"{crowded} messages within {policy.crowded_days:g} days "
                f"(up to {per_day} on one day).",
            )
        )
    if len(since) >= policy.max_unanswered:
        signals.append(
            Signal(
                "many_attempts",
                min(1.0, (len(since) - policy.max_unanswered + 2) / 5),
                f"{len(since)} messages without a call back.",
            )
        )
    if len(times) >= 3 and not callbacks:
        signals.append(Signal("never_returned", 1.0, f"Never called back in {len(times)} tries."))
    if callbacks and since:
        signals.append(
            Signal("returned_before", 1.0, f"Called back once, then silent for {len(since)} tries.")
        )
    strategy, used = Counter(a.strategy for a in attempts).most_common(1)[0]  # never empty
    if len(attempts) >= 3 and used / len(attempts) >= 0.75:
        signals.append(
            Signal(
                "same_strategy",
                used / len(attempts),
                f"{used} of {len(attempts)} messages used the same strategy ({strategy}).",
            )
        )
    return signals


def _strong_value(attempts: Sequence[Attempt], callbacks: Sequence[datetime]) -> Signal | None:
    last_callback = max(callbacks) if callbacks else None
    strong = [
        a
        for a in attempts
        if (a.score or 0) >= STRONG_SCORE
        and "value.no-value" not in (a.findings or ())
        and (last_callback is None or a.left_at > last_callback)
    ]
    unanswered = [a for a in attempts if last_callback is None or a.left_at > last_callback]
    if not strong or len(unanswered) < 4:
        return None
    best = max(strong, key=lambda a: a.score or 0)
    return Signal(
        "strong_value_ignored",
        min(1.0, len(unanswered) / 6),
        f"Even your best message ({best.strategy}, {best.score}/100) went unanswered, "
        f"one of {len(unanswered)} without a call back.",
    )


def read_record(
    attempts: Sequence[Attempt],
    callbacks: Sequence[datetime] = (),
    *,
    now: datetime,
    humor_ok: bool | None = None,
    policy: Cadence | None = None,
) -> Record:
    """Return the signals a prospect's record shows; an empty record shows none and says so."""
    if not attempts:
        return Record(
            attempts=0,
            callbacks=len(callbacks),
            signals=(),
            notes=("The record is empty: no voicemail was logged, so only your answers count.",),
        )
    ordered = sorted(attempts, key=lambda a: a.left_at)
    signals = _finding_signals(ordered) + _rhythm_signals(
        ordered, callbacks, policy or default_cadence()
    )
    strong = _strong_value(ordered, callbacks)
    if strong is not None:
        signals.append(strong)
    days = max(0, (now - ordered[-1].left_at).days)
    if days >= LONG_GAP_DAYS:
        signals.append(
            Signal("long_gap", min(1.0, days / 90), f"{days} days since your last message.")
        )
    humor = [a for a in ordered if any(f.startswith("humor.") for f in a.findings or ())]
    if humor and humor_ok is False:
        signals.append(
            Signal(
                "humor_unwelcome",
                1.0,
                f"{count(len(humor), 'humorous message')} for a prospect marked as not open "
                "to humor.",
            )
        )
    unscripted = sum(1 for a in ordered if a.findings is None)
    notes = (
        (f"{unscripted} of {len(ordered)} messages have no script kept, so no critique.",)
        if unscripted
        else ()
    )
    return Record(len(ordered), len(callbacks), tuple(signals), notes, days)

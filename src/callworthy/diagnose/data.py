"""Load the ten P1 causes (one YAML file each) and the questionnaire through the shared loader.

A cause's id is its file name, a letter a-j (P1's list). A step's text may name
the contact cadence's figures (`{spacing_days}`, `{max_unanswered}`), filled from
the one policy `next` follows too, so Diagnose never advises another rhythm.
Signals and answers a cause names must exist; a step that recommends a wrong answer of P1 ("call
until he picks up", "go around him through the assistant") is refused at
load, so no team file can slip one in. Any problem is a CauseFileError naming
the file and the line.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from callworthy.datafile import line_of, load_entry, package_data
from callworthy.diagnose.record import SIGNALS
from callworthy.diagnose.schema import (
    CAUSE_LETTERS,
    ActionSpec,
    CauseExample,
    CauseSpec,
    NeverSpec,
    QuestionnaireSpec,
    QuestionSpec,
    SignSpec,
)
from callworthy.errors import CauseFileError
from callworthy.experiments.cadence import Cadence, default_cadence

DOCS = "docs/diagnose.md"

#: Steps P1 calls wrong answers; an action matching one is refused when the data loads.
FORBIDDEN_ACTIONS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), why)
    for pattern, why in [
        (r"\buntil (?:he|she|they|someone)\b[^.]*\bpicks? up", "calling until he picks up (P1)"),
        (r"\bkeep (?:on )?(?:calling|dialing|ringing)\b", "calling until he picks up (P1)"),
        (
            r"\b(?:around|past|over|behind) (?:him|her|them|the prospect)\b",
            "going around him (P1)",
        ),
        (
            r"\bthrough (?:the|his|her|their) (?:assistant|secretary|receptionist|gatekeeper)",
            "going around him through the assistant (P1)",
        ),
        (r"\b(?:give up|drop (?:him|her|them)) (?:now|for good)\b", "giving up (P1)"),
    ]
)


@dataclass(frozen=True, slots=True)
class Cause:
    """A loaded P1 cause: its signs, steps, wrong answers and examples."""

    id: str
    title: str
    """Its name, in the words a rep reads (`name` in the file)."""
    principle: str
    related_principles: tuple[str, ...]
    prior: float
    description: str
    signs: tuple[SignSpec, ...]
    actions: tuple[ActionSpec, ...]
    never: tuple[NeverSpec, ...]
    examples: tuple[CauseExample, ...]
    path: str


@dataclass(frozen=True, slots=True)
class DiagnoseModel:
    """The causes and the questionnaire a diagnosis runs on, with a version of the data."""

    causes: tuple[Cause, ...]
    questionnaire: QuestionnaireSpec
    version: str

    def question(self, qid: str) -> QuestionSpec:
        """Return the question with this id; KeyError if there is none."""
        for question in self.questionnaire.questions:
            if question.id == qid:
                return question
        raise KeyError(qid)

    def choices(self) -> list[tuple[str, list[str]]]:
        """Return every question id with its option ids, in order."""
        return [(q.id, [o.id for o in q.options]) for q in self.questionnaire.questions]


def forbidden_reason(text: str) -> str | None:
    """Return why a step is a wrong answer of P1, or None if it is not one."""
    for pattern, why in FORBIDDEN_ACTIONS:
        if pattern.search(text):
            return why
    return None


def load_questionnaire(path: Path | None = None) -> QuestionnaireSpec:
    """Load and check the questionnaire (ids unique, each option weighing on causes a-j)."""
    path = path or package_data("questionnaires", "diagnose.yaml")
    entry = load_entry(path, QuestionnaireSpec, error=CauseFileError, docs=DOCS)
    spec, node = entry.spec, entry.node
    seen: set[str] = set()
    for qi, question in enumerate(spec.questions):
        if question.id in seen:
            raise CauseFileError(
                str(path), line_of(node, ["questions", qi, "id"]), f"{question.id!r} is twice."
            )
        seen.add(question.id)
        ids = [o.id for o in question.options]
        if len(set(ids)) != len(ids):
            raise CauseFileError(
                str(path),
                line_of(node, ["questions", qi, "options"]),
                f"question {question.id!r} repeats an option id.",
            )
    return spec


def _check_cause(path: Path, node: Any, spec: CauseSpec, answers: set[str]) -> None:
    known = set(SIGNALS) | answers
    for index, sign in enumerate(spec.signs):
        if sign.signal not in SIGNALS:
            raise CauseFileError(
                str(path),
                line_of(node, ["signs", index, "signal"]),
                f"{sign.signal!r} is no signal.",
                f"Use one of: {', '.join(SIGNALS)}.",
                docs=DOCS,
            )
    for index, action in enumerate(spec.actions):
        why = forbidden_reason(action.text)
        where = line_of(node, ["actions", index, "text"])
        if why:
            raise CauseFileError(
                str(path), where, f"step {action.id!r} recommends {why}.", "List it under never:."
            )
        unknown = [w for w in action.when if w not in known]
        if unknown:
            raise CauseFileError(
                str(path),
                where,
                f"step {action.id!r}: {unknown[0]!r} is neither a signal nor a question.option.",
                "Name a signal or a question.option.",
                docs=DOCS,
            )
    for example in spec.examples:
        bad = [s for s in example.signals if s not in SIGNALS]
        if bad:
            raise CauseFileError(str(path), None, f"example names no signal {bad[0]!r}.")


#: The cadence figures a step's text may name.
CADENCE_FIELDS = ("spacing_days", "max_unanswered")


def _with_cadence(path: Path, node: Any, spec: CauseSpec, policy: Cadence) -> CauseSpec:
    values = {name: f"{getattr(policy, name):g}" for name in CADENCE_FIELDS}
    actions = []
    for index, action in enumerate(spec.actions):
        try:
            text = action.text.format_map(values) if "{" in action.text else action.text
        except KeyError as exc:
            problem = f"names {{{exc.args[0]}}}, which is no cadence figure"
        except (ValueError, IndexError):  # "{0}", a lone "{"
            problem = "has braces that name no cadence figure"
        else:
            actions.append(action.model_copy(update={"text": text}))
            continue
        raise CauseFileError(
            str(path), line_of(node, ["actions", index, "text"]), f"step {action.id!r} {problem}.",
            f"Use one of: {', '.join('{' + f + '}' for f in CADENCE_FIELDS)}.", docs=DOCS,
        )  # fmt: skip
    return spec.model_copy(update={"actions": actions})


def load_cause_file(
    path: Path, questionnaire: QuestionnaireSpec, policy: Cadence | None = None
) -> Cause:
    """Load and check one cause file; its id is the file name (a-j)."""
    if path.stem not in CAUSE_LETTERS:
        raise CauseFileError(
            str(path), None, f"{path.stem!r} is not a P1 cause.", "Name it a.yaml to j.yaml."
        )
    entry = load_entry(path, CauseSpec, error=CauseFileError, docs=DOCS)
    node = entry.node
    spec = _with_cadence(path, node, entry.spec, policy or default_cadence())
    answers = {f"{q.id}.{o.id}" for q in questionnaire.questions for o in q.options}
    _check_cause(path, node, spec, answers)
    return Cause(
        id=path.stem,
        title=spec.name,
        principle=spec.principle,
        related_principles=tuple(spec.related_principles),
        prior=spec.prior,
        description=spec.description,
        signs=tuple(spec.signs),
        actions=tuple(spec.actions),
        never=tuple(spec.never),
        examples=tuple(spec.examples),
        path=str(path),
    )


def load_model_from(
    causes_dir: Path | None = None, questionnaire: Path | None = None
) -> DiagnoseModel:
    """Load the ten causes and the questionnaire (the built-ins by default)."""
    folder = causes_dir or package_data("causes")
    spec = load_questionnaire(questionnaire)
    paths = sorted(folder.glob("*.yaml"))
    causes = tuple(load_cause_file(p, spec) for p in paths)
    missing = [c for c in CAUSE_LETTERS if c not in {cause.id for cause in causes}]
    if missing:
        named = (
            f"cause {missing[0]} is" if len(missing) == 1 else f"causes {', '.join(missing)} are"
        )
        raise CauseFileError(str(folder), None, f"{named} missing.", "P1 lists ten, a-j.")
    digest = hashlib.sha256()
    for p in [questionnaire or package_data("questionnaires", "diagnose.yaml"), *paths]:
        digest.update(p.read_bytes())
    return DiagnoseModel(causes, spec, digest.hexdigest()[:12])


@lru_cache(maxsize=1)
def default_model() -> DiagnoseModel:
    """Return the built-in causes and questionnaire, loaded once on first use."""
    return load_model_from()

"""Compile rule patterns safely: literal tokens, and regexes that cannot hang a critique.

A team writes its own rules, and in Python's `re` a pattern such as
`\\w*\\w*\\w*\\w*!` or `(?:(?:\\w{0,10}){0,10}){0,10}!` takes seconds on one
script, holding the GIL: the worker serves no one meanwhile. So every pattern that
is not a built-in (a team's rule, a `--rules` folder) is compiled and run by RE2,
whose matching time is linear in the script's length; a pattern RE2 cannot run (a
backreference, a look-around) or whose compiled program is too large is refused
when the rule loads, with why. The built-in rules run in `re` (they use
look-arounds) and are checked for catastrophic backtracking instead: an unbounded
repeat inside another, or a repeated alternation whose branches can start alike.
"""

from __future__ import annotations

import re
import re._constants as sre_c  # type: ignore[import-not-found]  # private, no stubs
import re._parser as sre_parse  # type: ignore[import-not-found]
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any, Protocol, cast

from callworthy.errors import CallworthyError
from callworthy.text.fastre import AsciiPattern, ascii_pattern, re2, re2_options

Span = tuple[int, int]
_SPAN = re.Match.span

_UNBOUNDED = 10  # a repeat allowing more than this many is treated as unbounded
#: Most RE2 instructions a team pattern may compile to. The largest built-in pattern needs
#: about 1,900; nested counted repeats multiply (`(?:(?:\\w{0,10}){0,10}){0,10}!` needs 9,104)
#: and past a few thousand RE2's automaton no longer fits its cache: a 5,000-character
#: script then takes a tenth of a second. Under this bound the worst we found took ~10 ms.
MAX_PROGRAM = 3_000


class PatternProblem(CallworthyError):
    """A pattern that does not compile or could backtrack catastrophically."""

    def __init__(self, problem: str, fix: str, *, unsafe: bool = False) -> None:
        self.unsafe = unsafe
        super().__init__(problem, fix)


class MatchLike(Protocol):
    """A match of either engine (`re.Match` or RE2's): where it is and what it matched."""

    def start(self) -> int:
        """Return where the match starts."""
        ...

    def end(self) -> int:
        """Return where the match ends."""
        ...

    def span(self) -> tuple[int, int]:
        """Return (start, end)."""
        ...

    def group(self) -> str | Any:
        """Return the matched text."""
        ...


# Why RE2 refuses a pattern Python's `re` takes, by the start of RE2's message.
_RE2_LACKS = (
    ("invalid escape sequence: \\Z", "it uses \\Z, which RE2 writes \\z"),
    ("invalid escape sequence: \\", "it uses a backreference (\\1) or an escape RE2 lacks"),
    ("invalid perl operator: (?<", "it uses a look-behind, which RE2 does not have"),
    ("invalid perl operator: (?=", "it uses a look-ahead, which RE2 does not have"),
    ("invalid perl operator: (?!", "it uses a look-ahead, which RE2 does not have"),
    ("invalid perl operator: (?>", "it uses an atomic group, which RE2 does not have"),
    ("invalid perl operator: (?P", "it uses a backreference by name ((?P=name)), which RE2 lacks"),
    ("invalid perl operator: (?#", "it uses a comment ((?#...)), which RE2 does not have"),
    ("invalid perl operator: (?(", "it uses a conditional group, which RE2 does not have"),
    ("invalid perl operator: (?", "it uses a flag RE2 does not have (RE2 has i, m and s)"),
    ("invalid named capture group", "it uses a backreference or a group syntax RE2 lacks"),
    ("bad repetition operator", "it uses a possessive repeat (++, *+), which RE2 does not have"),
    ("invalid repetition size", "a repeat allows more than 1,000 (RE2's limit)"),
    ("pattern too large", "its repeats expand to more steps than a rule may take"),
)


def _re2_refusal(pattern: str, message: str) -> PatternProblem:
    why = next((w for start, w in _RE2_LACKS if message.startswith(start)), message)
    return PatternProblem(
        f"pattern {pattern!r} cannot run in linear time: {why}.",
        "Rewrite it for RE2, which runs a team's patterns (no backreferences, look-arounds "
        "or atomic groups), or list plain phrases under `tokens:`.",
        unsafe=True,
    )


#: An unescaped "{," (with the backslashes before it, if any, in pairs).
_OPEN_REPEAT = re.compile(r"(?<!\\)((?:\\\\)*)\{,")


def _open_lower_bound(pattern: str) -> bool:
    """Return True when the pattern repeats something `{,n}` times, outside a class.

    Python reads `{,3}` as `{0,3}`; RE2 reads it as the characters themselves, so the
    rule would match something else than its author means. Escaping each "{," changes
    how Python parses the pattern exactly when one was such a repeat.
    """
    if "{," not in pattern:
        return False
    try:
        as_written = sre_parse.parse(pattern).data
        escaped = sre_parse.parse(_OPEN_REPEAT.sub(r"\1\\{,", pattern)).data
    except re.error:
        return False  # an invalid pattern is refused for that, below
    return bool(as_written != escaped)


def linear_regex(pattern: str, *, case_sensitive: bool = False) -> Any:
    """Compile a pattern with RE2 (linear-time matching); PatternProblem says why it cannot."""
    if re2 is None:  # pragma: no cover - google-re2 is a dependency
        raise PatternProblem(
            f"pattern {pattern!r} cannot be checked: RE2 is not installed.",
            "Install google-re2, or list plain phrases under `tokens:`.",
        )
    if _open_lower_bound(pattern):
        raise PatternProblem(
            f"pattern {pattern!r} repeats with no lower bound ({{,n}}), which RE2 reads "
            "as the characters themselves.",
            "Write the lower bound: `{0,3}`, not `{,3}`.",
        )
    options = re2_options()
    options.case_sensitive = case_sensitive
    options.max_mem = 64 << 20  # room to measure a large program; MAX_PROGRAM decides
    try:
        compiled = re2.compile(pattern, options)
    except re2.error as exc:
        message = exc.args[0].decode() if exc.args and isinstance(exc.args[0], bytes) else str(exc)
        try:
            re.compile(pattern)
        except re.error as invalid:
            raise PatternProblem(
                f"pattern {pattern!r} is not a valid regular expression ({invalid}).",
                "Fix the regex, or use `tokens:` for plain phrases.",
            ) from exc
        raise _re2_refusal(pattern, message) from exc
    size = compiled._regexp.ProgramSize()  # private, but the one place RE2 reports it
    if size > MAX_PROGRAM:
        raise PatternProblem(
            f"pattern {pattern!r} is too complex for a rule: it compiles to {size:,} steps "
            f"(at most {MAX_PROGRAM:,}), so every critique would slow down.",
            "Nest fewer counted repeats (e.g. `(?:\\w+\\s){0,10}` rather than repeats inside "
            "repeats), or list plain phrases under `tokens:`.",
            unsafe=True,
        )
    return compiled


def token_regex(token: str) -> str:
    """Turn a literal phrase into a word-bounded regex; spaces and apostrophes match loosely."""
    token = token.strip()
    body = r"\s+".join(re.sub("['’]", "['’]", re.escape(word)) for word in token.split())
    left = r"\b" if re.match(r"\w", token) else ""
    right = r"\b" if re.search(r"\w$", token) else ""
    return f"{left}{body}{right}"


def _first_literals(items: list[Any]) -> set[Any]:
    """Return a rough set of what a branch can start with; '*' when unknown."""
    if not items:
        return {"*"}
    op, arg = items[0]
    if op is sre_c.LITERAL:
        return {arg}
    if op is sre_c.SUBPATTERN:
        return _first_literals(list(arg[-1]))
    return {"*"}


def _walk(items: Iterable[Any], inside_repeat: bool) -> str | None:
    """Return why a parsed pattern could backtrack catastrophically, or None."""
    for op, arg in items:
        if op in (sre_c.MAX_REPEAT, sre_c.MIN_REPEAT):
            _, high, body = arg
            unbounded = high is sre_c.MAXREPEAT or high > _UNBOUNDED
            if unbounded and inside_repeat:
                return "a repeat (+, * or {n,}) nested inside another repeat"
            reason = _walk(body, inside_repeat or unbounded)
            if reason:
                return reason
        elif op is sre_c.SUBPATTERN:
            reason = _walk(arg[-1], inside_repeat)
            if reason:
                return reason
        elif op is sre_c.BRANCH:
            branches = arg[1]
            if inside_repeat:
                starts = [_first_literals(list(b)) for b in branches]
                seen: set[Any] = set()
                for s in starts:
                    if "*" in s or seen & s:
                        return "a repeated alternation whose branches can match the same text"
                    seen |= s
            for branch in branches:
                reason = _walk(branch, inside_repeat)
                if reason:
                    return reason
        elif op is sre_c.ASSERT or op is sre_c.ASSERT_NOT:
            reason = _walk(arg[1], inside_repeat)
            if reason:
                return reason
    return None


@lru_cache(maxsize=4096)  # a team's rules are loaded again at each change of any of them
def check_pattern(pattern: str) -> None:
    """Raise PatternProblem if a regex is invalid or could backtrack catastrophically."""
    try:
        parsed = sre_parse.parse(pattern, re.IGNORECASE)
    except re.error as exc:
        raise PatternProblem(
            f"pattern {pattern!r} is not a valid regular expression ({exc}).",
            "Fix the regex, or use `tokens:` for plain phrases.",
        ) from exc
    reason = _walk(list(parsed), False)
    if reason:
        raise PatternProblem(
            f"pattern {pattern!r} could backtrack catastrophically: {reason}.",
            "Rewrite it without nesting repeats (e.g. `(\\w+\\s?)+` -> `[\\w\\s]+`), "
            "or list plain phrases under `tokens:`.",
            unsafe=True,
        )


def _token_alternation(tokens: Iterable[str]) -> str:
    """Join token regexes grouped by first character, longest first within a group.

    Grouping lets `re` fail fast on a character; longest-first makes "we are a
    leading provider" win over "we are". Phrases that can match at the same place
    share a group whatever the case or apostrophe they start with ("We are", "we
    are a"; "'til", "’til now"), and their length is the phrase's, not its regex's
    (the `\\b` of "asap" made it longer than "asap!").
    """
    groups: dict[str, list[tuple[int, str]]] = {}
    for token in tokens:
        phrase = token.strip()
        # Lower, upper, lower: the letters IGNORECASE matches alike share a key (ſ and s, ı and i).
        first = phrase[:1].lower().upper().lower().replace("’", "'")
        groups.setdefault(first, []).append((len(" ".join(phrase.split())), token_regex(phrase)))
    parts = []
    for group in groups.values():
        group.sort(key=lambda sized: sized[0], reverse=True)  # stable: equal lengths keep order
        regexes = [regex for _, regex in group]
        parts.append(regexes[0] if len(regexes) == 1 else "(?:" + "|".join(regexes) + ")")
    return "|".join(parts)


class Regex(Protocol):
    """A compiled pattern of either engine: Python's `re.Pattern` or an RE2 regex."""

    @property
    def pattern(self) -> str:
        """Return the pattern's source."""
        ...

    def finditer(self, text: str) -> Iterable[MatchLike]:
        """Yield the matches in the text, left to right."""
        ...


@dataclass(frozen=True, slots=True)
class Scan:
    """One regex pass, over the lower-cased text (`on_lower`) or the original.

    The regex is compiled when first used: the RE2 prefilter rules most scans out
    of a script before `re` runs, and compiling every rule's alternations up front
    was a third of the time a command took to start. The loader compiles a team's
    rules at once (`compile_now`), so their errors still show when they load.

    `twin` is the same pattern compiled by RE2 where RE2 can express it exactly
    (no look-arounds), also on first use. On plain ASCII text — where the two
    engines agree on every character class and a byte offset is a character
    offset — it finds the same spans as `re` in linear time, several times faster
    on the bounded repeats ("[^.;?!]{0,60}?") the detectors are written with.

    `linear` scans are RE2's only (a team's patterns, compiled when the rule
    loads): case-insensitive by their own option, on the original text, and left
    out of the prefilter.
    """

    source: str
    flags: int
    on_lower: bool
    linear: bool = False
    _compiled: Regex | None = field(default=None, compare=False, repr=False)
    _twin: AsciiPattern | bool | None = field(default=False, compare=False, repr=False)
    """False until the twin is looked for; then the twin, or None where there is none."""

    @property
    def regex(self) -> Regex:
        """Return the compiled regex, compiled on first use (a race compiles it twice: harmless)."""
        compiled = self._compiled
        if compiled is None:
            compiled = re.compile(self.source, self.flags)
            object.__setattr__(self, "_compiled", compiled)
        return compiled

    @property
    def twin(self) -> AsciiPattern | None:
        """Return the RE2 twin of a scan on the lower-cased text, made on first use."""
        twin = self._twin
        if twin is False:
            twin = ascii_pattern(self.source) if self.on_lower and not self.linear else None
            object.__setattr__(self, "_twin", twin)
        return cast("AsciiPattern | None", twin)

    def spans(self, text: str, lower: str | None, ascii: bytes | None = None) -> list[Span]:
        """Return the (start, end) of every match in the text this scan runs on."""
        if self.linear:
            return [m.span() for m in self.regex.finditer(text)]
        regex = cast("re.Pattern[str]", self.regex)  # not linear: Python's `re`
        if self.on_lower and lower is not None:
            if ascii is not None and self.twin is not None:
                return self.twin.spans(ascii)
            return list(map(_SPAN, regex.finditer(lower)))
        return list(map(_SPAN, regex.finditer(text)))

    def count(self, text: str, lower: str | None, ascii: bytes | None = None) -> int:
        """Return how many non-empty matches there are (in `re`: counting makes no spans)."""
        if self.on_lower and lower is not None and ascii is not None and self.twin is not None:
            return sum(1 for s, e in self.twin.spans(ascii) if e > s)  # RE2: a third faster
        target = lower if self.on_lower and lower is not None else text
        if self.linear:
            return sum(1 for m in self.regex.finditer(target) if m.end() > m.start())
        regex = cast("re.Pattern[str]", self.regex)
        if _never_empty(regex):
            return len(regex.findall(target))  # no match objects to make
        return sum(1 for m in regex.finditer(target) if m.end() > m.start())


@cache
def _never_empty(regex: re.Pattern[str]) -> bool:
    """Return whether a regex cannot match the empty string (its shortest match is a character)."""
    return bool(sre_parse.parse(regex.pattern, regex.flags).getwidth()[0] > 0)


@dataclass(frozen=True, slots=True)
class CompiledTerms:
    """Compiled tokens and patterns, matched case-insensitively.

    `fast` scans hold the literals lower-cased and run case-sensitively on the
    lower-cased text: three times faster in `re` than IGNORECASE, and what the
    RE2 prefilter (prefilter.py) checks in one pass. `fallback` holds IGNORECASE
    twins for text whose lower-casing would shift offsets. Patterns with inline
    case flags run IGNORECASE on the original text in both.
    """

    fast: tuple[Scan, ...]
    fallback: tuple[Scan, ...]

    def spans(
        self,
        text: str,
        lower: str | None,
        ruled_out: frozenset[int] = frozenset(),
        ascii: bytes | None = None,
    ) -> list[Span]:
        """Return the (start, end) of every match, in order, skipping ruled-out scans.

        `ascii`: the lower-cased text as bytes when it is plain ASCII that RE2 may
        match (the prefilter says so); scans with an RE2 twin then run on it.
        """
        scans = self._scans(lower, ruled_out)
        if len(scans) == 1:
            return scans[0].spans(text, lower, ascii)
        found = [span for scan in scans for span in scan.spans(text, lower, ascii)]
        found.sort()
        return found

    def count(
        self,
        text: str,
        lower: str | None,
        ruled_out: frozenset[int] = frozenset(),
        ascii: bytes | None = None,
    ) -> int:
        """Return how many non-empty matches there are (`ascii` as for `spans`)."""
        return sum(scan.count(text, lower, ascii) for scan in self._scans(lower, ruled_out))

    def _scans(self, lower: str | None, ruled_out: frozenset[int]) -> tuple[Scan, ...]:
        if lower is None:
            return self.fallback
        if ruled_out:
            return tuple([s for s in self.fast if id(s) not in ruled_out])
        return self.fast


_CASE_SPECIFIC = re.compile(r"\(\?[a-zA-Z]*-?[a-zA-Z]*i|\\[xuUN0-7]")
#: A named group, lower-cased with the rest: "(?p<" and "(?p=" are no syntax.
_NAMED_GROUP = re.compile(r"(?<!\\)\(\?p(?=[<=])")


def lowered_pattern(pattern: str) -> str | None:
    """Return the pattern with its literals lower-cased, or None if that would change it.

    Escapes keep their case (`\\D` stays `\\D`), and so does a named group's `(?P`; a
    pattern with inline case flags or character escapes (`(?-i:...)`, `\\x41`) is left
    to IGNORECASE matching.
    """
    if _CASE_SPECIFIC.search(pattern):
        return None
    out, escaped = [], False
    for char in pattern:
        out.append(char if escaped else char.lower())
        escaped = not escaped and char == "\\"
    return _NAMED_GROUP.sub("(?P", "".join(out))


def _join(tokens: list[str], patterns: Iterable[str]) -> str | None:
    parts = [_token_alternation(tokens)] if tokens else []
    parts += [f"(?:{p})" for p in patterns]
    return "|".join(parts) if parts else None


def compile_terms(
    tokens: Iterable[str],
    patterns: Iterable[str],
    *,
    case_sensitive: bool = False,
    linear: bool = False,
) -> CompiledTerms:
    """Compile tokens and patterns; either may be empty.

    With `linear` (every rule but the built-ins) each pattern is an RE2 scan of its
    own; tokens, which are literal phrases, stay in `re` like the built-ins'. The
    built-ins' patterns must have passed `check_pattern` (a test checks them).
    """
    token_list = [t.strip() for t in tokens if t.strip()]
    if linear:
        words = compile_terms(token_list, (), case_sensitive=case_sensitive)
        scans = tuple(
            Scan(p, 0, False, linear=True, _compiled=linear_regex(p, case_sensitive=case_sensitive))
            for p in patterns
        )
        return CompiledTerms(words.fast + scans, words.fallback + scans)
    pattern_list = sorted(patterns, key=len, reverse=True)
    if case_sensitive:
        source = _join(token_list, pattern_list)
        scans = (Scan(source, 0, False),) if source else ()
        return CompiledTerms(scans, scans)
    lowered = [(p, lowered_pattern(p)) for p in pattern_list]
    fast_src = _join([t.lower() for t in token_list], [low for _, low in lowered if low])
    folded_src = _join(token_list, [p for p, low in lowered if low])
    slow_src = _join([], [p for p, low in lowered if low is None])
    slow = (Scan(slow_src, re.IGNORECASE, False),) if slow_src else ()
    fast = (Scan(fast_src, 0, True),) if fast_src else ()
    folded = (Scan(folded_src, re.IGNORECASE, False),) if folded_src else ()
    return CompiledTerms(fast + slow, folded + slow)


def compile_now(terms: CompiledTerms) -> None:
    """Compile every scan of the terms at once (raises re.error for one that cannot compile)."""
    for scan in (*terms.fast, *terms.fallback):
        scan.regex  # noqa: B018 - the property compiles and keeps it

"""`python -m callworthy.critique.fit CORPUS [--out PATH]`: what it prints, writes and refuses.

Most runs here fit a small corpus written by the test against team rules built in the test
(the command's rule loader is pointed at them), so the summary it prints follows from the
corpus: which rules weigh 0 points, which never fired.
"""

from __future__ import annotations

import csv
import locale
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from fit_rules import rule

from callworthy.critique import loader
from callworthy.critique.fit import FitResult, RuleFit
from callworthy.critique.fit import __main__ as command
from callworthy.critique.loader import RuleSet, load_rules
from callworthy.critique.weights import read_weights

COLUMNS = ("id", "source", "label", "situation", "text", "source_says", "note")


def write_corpus(path: Path, rows: list[tuple[str, str, str]]) -> Path:
    """Write a corpus of (page, label, text) rows; return its path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as stream:
        out = csv.writer(stream)
        out.writerow(COLUMNS)
        for n, (page, label, text) in enumerate(rows, start=1):
            out.writerow(
                [f"{page}-{n:02d}", f"https://{page}.example/p", label, "cold", text, "s", ""]
            )
    return path


ROWS = [
    ("acme", "bad", "Hi Lou, just want to touch base."),
    ("acme", "good", "Hi Lou, we save crews a day."),
    ("zeta", "bad", "Hi Sam, touch base when you can."),
    ("zeta", "recommended", "Hi Sam, we save you an hour."),
]


def command_rules(*texts: str) -> RuleSet:
    """Return team rules: t.vague ("touch base", a problem), t.save (a strength), and more."""
    extra = [rule("t.vague", "warning", "touch base"), rule("t.save", "strength", "save")]
    extra += [rule(f"t.{token}", "warning", token) for token in texts]
    return load_rules(builtin=False, extra=extra)


@pytest.fixture
def rules_of(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Point the command's rule loader at the team rules (the learned weights it passes kept)."""
    rules = command_rules("hello", "van", "wax")
    monkeypatch.setattr(command, "load_rules", lambda weights: rules.with_weights(weights))
    yield


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = command.main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def test_the_summary_names_the_rules_at_zero_and_the_unobserved_ones(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], rules_of: None
) -> None:
    # "touch base" and "hello" fire only in good messages: problems pinned at 0 points.
    corpus = write_corpus(
        tmp_path / "c.csv",
        [
            ("acme", "good", "Hi Lou, just want to touch base."),
            ("acme", "good", "Hi Lou, hello, we save crews a day."),
            ("zeta", "good", "Hi Sam, we save you an hour."),
            ("zeta", "bad", "Hi Sam, call me."),
            ("zeta", "bad", "Hi Sam, call me back."),
        ],
    )
    out = tmp_path / "w.yaml"
    code, said, err = run([str(corpus), "--out", str(out)], capsys)
    assert (code, err) == (0, "")
    assert said == (
        "fitted 3 rules on 5 messages from 2 pages (converged: True); "
        "2 weigh 0 points: t.hello, t.vague; unobserved: t.van, t.wax\n"
        f"wrote {out}\n"
    )
    weights = yaml.safe_load(out.read_text(encoding="utf-8"))["weights"]
    assert {rid: w["points"] for rid, w in weights.items() if not w["points"]} == {
        "t.hello": 0,
        "t.vague": 0,
    }


def test_the_summary_says_none_when_no_rule_is_at_zero_or_unobserved(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    rules = command_rules()
    monkeypatch.setattr(command, "load_rules", lambda weights: rules.with_weights(weights))
    corpus = write_corpus(tmp_path / "c.csv", ROWS)
    out = tmp_path / "w.yaml"
    code, said, _ = run([str(corpus), "--out", str(out)], capsys)
    assert code == 0
    assert said.splitlines()[0] == (
        "fitted 2 rules on 4 messages from 2 pages (converged: True); "
        "0 weigh 0 points: -; unobserved: -"
    )
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert data["weights"]["t.vague"]["points"] < 0 < data["weights"]["t.save"]["points"]
    assert (data["rows"], data["pages"], data["unobserved"]) == (4, 2, [])


def test_a_script_quoted_over_two_lines_is_read_whole(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], rules_of: None
) -> None:
    # The line break falls inside "touch base": the rule still reads the two words.
    corpus = write_corpus(
        tmp_path / "c.csv", [*ROWS[1:], ("acme", "bad", "Hi Lou, just want to touch\nbase.")]
    )
    out = tmp_path / "w.yaml"
    assert run([str(corpus), "--out", str(out)], capsys)[0] == 0
    vague = yaml.safe_load(out.read_text(encoding="utf-8"))["weights"]["t.vague"]
    assert (vague["fired_good"], vague["fired_bad"]) == (0, 2)


def test_without_out_it_rewrites_the_builtin_file_and_ignores_what_it_held(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # A weights file broken by hand does not stop the refit that replaces it.
    builtin = tmp_path / "critique.yaml"
    builtin.write_text("model: [unclosed\n", encoding="utf-8")
    monkeypatch.setattr(command, "builtin_weights_path", lambda: builtin)
    monkeypatch.setattr(loader, "builtin_weights_path", lambda: builtin)
    corpus = write_corpus(tmp_path / "c.csv", ROWS)
    code, said, err = run([str(corpus)], capsys)
    assert (code, err) == (0, "")
    assert said.endswith(f"wrote {builtin}\n")
    weights = read_weights(builtin)
    assert weights.points and all(isinstance(p, int) for p in weights.points.values())


def test_a_broken_corpus_is_reported_on_stderr_with_its_file_and_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("id,source\n", encoding="utf-8")
    out = tmp_path / "w.yaml"
    code, said, err = run([str(bad), "--out", str(out)], capsys)
    assert (code, said) == (1, "")
    assert err == (
        f"callworthy fit: {bad}:1: the header is 'id,source'. Use exactly: {','.join(COLUMNS)}.\n"
    )
    assert not out.exists()


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (None, "{path}: cannot read it (No such file or directory). Give the path of the corpus"
         " CSV, e.g. data/coaching/voicemails.csv."),
        (b"id,\xff\n", "{path}: the file is not UTF-8 text. Save it as UTF-8."),
    ],
)  # fmt: skip
def test_an_unreadable_corpus_is_named_with_its_fix_and_nothing_is_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes | None, problem: str
) -> None:
    corpus = tmp_path / "c.csv"
    if content is not None:
        corpus.write_bytes(content)
    out = tmp_path / "w.yaml"
    code, said, err = run([str(corpus), "--out", str(out)], capsys)
    assert (code, said) == (1, "")
    assert err == "callworthy fit: " + problem.format(path=corpus) + "\n"
    assert not out.exists()


def test_help_says_what_the_command_does(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        command.main(["--help"])
    assert done.value.code == 0
    said = " ".join(capsys.readouterr().out.split())
    assert (
        "Refit the critique's weights from the coaching corpus and write the weights file." in said
    )
    assert "corpus the coaching corpus CSV" in said


@pytest.fixture
def ascii_locale() -> Iterator[None]:
    """Run under the C locale, whose default text encoding is ASCII."""
    saved = locale.setlocale(locale.LC_CTYPE)
    locale.setlocale(locale.LC_CTYPE, "C")
    try:
        yield
    finally:
        locale.setlocale(locale.LC_CTYPE, saved)


def test_a_corpus_path_outside_ascii_is_written_as_is_in_utf8(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], rules_of: None, ascii_locale: None
) -> None:
    corpus = write_corpus(tmp_path / "données" / "voicemails.csv", ROWS)
    out = tmp_path / "w.yaml"
    assert run([str(corpus), "--out", str(out)], capsys)[0] == 0
    text = out.read_bytes().decode("utf-8")
    assert f"\ncorpus: {corpus.as_posix()}\n" in text


def test_the_file_keeps_the_scale_to_four_places_and_a_long_path_on_one_line() -> None:
    rules = command_rules()
    result = FitResult((RuleFit("t.vague", -9, -0.4512, 0, 2),), -0.1, 20.123456, 4, True)
    corpus = "data/" + "a long folder name/" * 4 + "voicemails.csv"  # 95 characters
    text = command.render(result, corpus, "ab" * 32, 2, rules)
    assert "\npoints_per_logit: 20.1235\n" in text
    assert f"\ncorpus: {corpus}\n" in text
    data = yaml.safe_load(text)
    assert list(data) == [
        "model",
        "corpus",
        "corpus_sha256",
        "rows",
        "pages",
        "prior_sd",
        "points_per_logit",
        "intercept",
        "weights",
        "unobserved",
        "declared",
    ]
    assert data["weights"] == {
        "t.vague": {"points": -9, "logit": -0.4512, "fired_good": 0, "fired_bad": 2}
    }


def test_a_corpus_in_utf8_is_read_as_utf8_whatever_the_locale(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], rules_of: None, ascii_locale: None
) -> None:
    rows = [(page, label, text.replace("Lou", "Zoë")) for page, label, text in ROWS]
    corpus = write_corpus(tmp_path / "voicemails.csv", rows)
    out = tmp_path / "w.yaml"
    code, said, err = run([str(corpus), "--out", str(out)], capsys)
    assert (code, err) == (0, "")
    assert said.startswith("fitted 2 rules on 4 messages from 2 pages")

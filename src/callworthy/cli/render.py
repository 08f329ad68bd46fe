"""Render a critique for the terminal with Rich: the highlighted script, then the findings."""

from __future__ import annotations

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from callworthy.critique import Critique, Finding, Level
from callworthy.critique.model import SUBSCORE_MAX, Subscore

LEVEL_STYLE = {
    Level.ERROR: "bold red underline",
    Level.WARNING: "yellow underline",
    Level.INFO: "cyan",
    Level.STRENGTH: "bold green",
}
LEVEL_MARK = {Level.ERROR: "✗", Level.WARNING: "!", Level.INFO: "·", Level.STRENGTH: "✓"}
SUBSCORE_LABEL = {
    Subscore.PROSPECT_FOCUS: "prospect focus",
    Subscore.VALUE: "value",
    Subscore.BREVITY: "brevity",
    Subscore.CALLBACK: "callback",
    Subscore.DIFFERENTIATION: "differentiation",
}


def _score_style(score: int) -> str:
    return "bold green" if score >= 75 else "bold yellow" if score >= 50 else "bold red"


def highlighted(critique: Critique) -> Text:
    """Return the script with each finding's span styled by level (whole-script ones skipped)."""
    text = Text(critique.text)
    length = len(critique.text)
    for finding in sorted(critique.findings, key=lambda f: f.level is Level.ERROR):
        if finding.start == 0 and finding.end == length:
            continue  # a finding about the whole script would colour everything
        text.stylize(LEVEL_STYLE[finding.level], finding.start, finding.end)
    return text


def _summary(critique: Critique) -> Text:
    line = Text()
    line.append(f"Score {critique.score}/100", style=_score_style(critique.score))
    parts = [
        f"{SUBSCORE_LABEL[s]} {critique.subscores[s.value]}/{SUBSCORE_MAX[s]}" for s in Subscore
    ]
    line.append("   " + " · ".join(parts), style="dim")
    numbers = ", ".join(
        f"{critique.text[p.start : p.end]} at {p.position:.0%}" for p in critique.phone_numbers
    )
    line.append(f"\n~{critique.spoken_seconds:.0f} s spoken, {critique.word_count} words")
    line.append(f" · number: {numbers}" if numbers else " · no phone number")
    return line


def _finding_row(critique: Critique, finding: Finding) -> tuple[Text, Text, Text]:
    mark = Text(LEVEL_MARK[finding.level], style=LEVEL_STYLE[finding.level].split()[-1])
    points = Text(f"{finding.points:+d}" if finding.points else " 0", style="dim")
    body = Text()
    body.append(finding.message)
    body.append(f"  [{finding.rule}, {finding.principle}]", style="dim")
    if finding.level is not Level.STRENGTH:
        body.append(f"\nFix: {finding.fix}", style="italic")
    return mark, points, body


def render_critique(critique: Critique, console: Console) -> None:
    """Print the score, the highlighted script and every finding with its fix."""
    table = Table.grid(padding=(0, 1))
    table.add_column(width=1)
    table.add_column(justify="right", width=3)
    table.add_column()
    ordered = sorted(
        critique.findings, key=lambda f: (f.level is Level.STRENGTH, f.points, f.start)
    )
    for finding in ordered:
        table.add_row(*_finding_row(critique, finding))
    console.print(Panel(highlighted(critique), title="Script", title_align="left"))
    console.print(Group(_summary(critique), Text(""), table))

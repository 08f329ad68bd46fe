"""The reference pages in docs/ are generated from the code and must be current."""

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parents[1]


def test_generated_reference_pages_are_up_to_date() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "docs" / "generate.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_readme_gives_the_two_set_up_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make run" in readme and "make test" in readme


def test_web_md_lists_every_setting_of_the_app() -> None:
    from callworthy.web.settings import Settings

    page = (ROOT / "docs" / "web.md").read_text(encoding="utf-8")
    listed = set(re.findall(r"^\| `CALLWORTHY_(\w+)` \|", page, re.MULTILINE))
    assert listed == {name.upper() for name in Settings.model_fields}

"""Print the coaching corpus's count tables, or write them into its README.

    python data/coaching/counts.py           # print the tables
    python data/coaching/counts.py --write   # refresh them in data/coaching/README.md
    python data/coaching/counts.py --check   # exit 1 if the README's tables are stale

The tables come from `callworthy.critique.corpus.count_tables`, so they cannot drift from
the CSV; the README keeps them between the two marker comments below.
"""

from __future__ import annotations

import sys
from pathlib import Path

from callworthy.critique.corpus import count_tables, read_corpus

HERE = Path(__file__).parent
CSV = HERE / "voicemails.csv"
README = HERE / "README.md"
START, END = "<!-- counts:start -->", "<!-- counts:end -->"


def tables() -> str:
    """Return the count tables of the corpus as it is now."""
    with CSV.open(encoding="utf-8", newline="") as stream:
        return count_tables(read_corpus(stream, str(CSV)))


def readme_tables(text: str) -> str:
    """Return what the README holds between the markers."""
    return text.split(START, 1)[1].split(END, 1)[0].strip("\n") + "\n"


def main(argv: list[str]) -> int:
    """Print, write or check the tables; return the exit status."""
    now = tables()
    if "--write" in argv:
        text = README.read_text(encoding="utf-8")
        head, rest = text.split(START, 1)
        tail = rest.split(END, 1)[1]
        README.write_text(f"{head}{START}\n{now}{END}{tail}", encoding="utf-8")
    elif "--check" in argv:
        if readme_tables(README.read_text(encoding="utf-8")) != now:
            print("data/coaching/README.md's tables are stale: run counts.py --write.")
            return 1
    else:
        print(now, end="")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

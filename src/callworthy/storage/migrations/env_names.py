"""Which database objects the migrations own (env.py and the migration test share it)."""

from __future__ import annotations


def include_name(name: str | None, type_: str, _parents: object) -> bool:
    """Leave procrastinate's own tables (the job queue, migration 0009) out of comparisons."""
    return not (type_ == "table" and (name or "").startswith("procrastinate_"))

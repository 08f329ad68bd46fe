"""Seeded prospect/rep profiles across every industry pack, for the writer's property tests."""

from __future__ import annotations

import random
from typing import Any

FIRST = [
    "Dana",
    "Lou",
    "Maria",
    "Tony",
    "Priya",
    "John",
    "Alicia",
    "Dee",
    "Rita",
    "Tom",
    "Nora",
    "Kwame",
    "Siobhan",
    "Mateo",
    "Yuki",
    "Olusegun",
    "Ines",
    "Bo",
    "Marguerite",
    "Raj",
]
LAST = [
    "Whitfield",
    "Marino",
    "Chen",
    "Russo",
    "Nair",
    "Harper",
    "Gomez",
    "Walsh",
    "Park",
    "Reyes",
    "Blake",
    "Mensah",
    "O'Neill",
    "Fernández",
    "Tanaka",
    "Adeyemi",
    "Duarte",
]
COMPANIES = [
    "Bright Smiles",
    "Harbor Point",
    "Blue Ridge Group",
    "Cedar & Stone",
    "Northwind",
    "Summit Partners",
    "Oak Street Co",
    "Riverside",
]
REPS = ["Kim Alvarez", "Jo Patel", "Sam Ortiz", "Jeffrey Gitomer", "Ana Lima", "Chris Dunn"]
PHONES = [
    "704-333-1112",
    "(312) 555-0147",
    "704.555.0188",
    "+1 415 555 0132",
    "2125550199",
    "1-646-555-0123",
    "(919) 555-0100",
]
FACTS = [
    "opened a second location",
    "hired a new office manager",
    "won a local business award",
    "moved to a bigger space",
    "started opening on weekends",
]
CONCERNS = [
    "cash flow",
    "keeping good people",
    "rising costs",
    "finding time to plan",
    "online reviews",
    "morale after a tough year",
]
LEADS = [
    ("Harvey Zilch", "a new supplier before the spring"),
    ("Megan Ross", None),
    ("Luis Ortega", "help with a second site"),
]
RELATIONSHIPS = ["cold", "met_briefly", "referred"]
REFERRERS = ["Marcus Webb", "Helen Price", "Dev Shah"]


def make_profile(rng: random.Random, industry: str | None) -> dict[str, Any]:
    """Return one profile mapping (prospect and rep) with optional fields present or not."""
    prospect: dict[str, Any] = {
        "name": f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        if rng.random() < 0.8
        else rng.choice(FIRST),
        "industry": industry,
        "humor_ok": rng.random() < 0.5,
        "relationship": rng.choice(RELATIONSHIPS),
    }
    if rng.random() < 0.7:
        prospect["company"] = rng.choice(COMPANIES)
    if rng.random() < 0.4:
        prospect["role"] = rng.choice(["owner", "office manager", "general manager"])
    if rng.random() < 0.5:
        prospect["facts"] = rng.sample(FACTS, rng.randint(1, 2))
    if rng.random() < 0.5:
        prospect["concerns"] = rng.sample(CONCERNS, rng.randint(1, 3))
    if rng.random() < 0.4:
        name, detail = rng.choice(LEADS)
        prospect["lead"] = {"name": name, **({"detail": detail} if detail else {})}
    if prospect["relationship"] == "referred" and rng.random() < 0.7:
        prospect["referred_by"] = rng.choice(REFERRERS)
    rep: dict[str, Any] = {"name": rng.choice(REPS), "phone": rng.choice(PHONES)}
    if rng.random() < 0.5:
        rep["company"] = rng.choice(["Acme Payroll", "Northwind Supply", "Ortiz & Co"])
    return {"prospect": prospect, "rep": rep}


def profiles(count: int, industries: list[str | None], seed: int = 7) -> list[dict[str, Any]]:
    """Return `count` profiles, cycling through every industry given."""
    rng = random.Random(seed)
    return [make_profile(rng, industries[i % len(industries)]) for i in range(count)]

"""The message writer (capability 2): strategies and industry packs as data, profiles, greetings.

Pure core: takes a profile and returns critiqued candidates; no storage, no web, no CLI.
"""

from callworthy.write.deliver import Deliverable, FollowUp, Item
from callworthy.write.evidence import Evidence, Expectation, expect
from callworthy.write.greeting import Greeting, write_greetings
from callworthy.write.packs import Pack, default_packs, find_pack, load_packs
from callworthy.write.profile import (
    Lead,
    Profile,
    Prospect,
    Relationship,
    Rep,
    load_profile,
    profile_from_mapping,
    rep_from_mapping,
)
from callworthy.write.registry import Fit, Registry, default_registry, fit_problem
from callworthy.write.strategies import (
    GreetingScript,
    Strategy,
    default_greetings,
    default_strategies,
    load_strategies,
)
from callworthy.write.writer import BAR, Bar, Candidate, Skipped, Writeup, write_messages

__all__ = [
    "BAR",
    "Bar",
    "Candidate",
    "Deliverable",
    "Evidence",
    "Expectation",
    "Fit",
    "FollowUp",
    "Greeting",
    "GreetingScript",
    "Item",
    "Lead",
    "Pack",
    "Profile",
    "Prospect",
    "Registry",
    "Relationship",
    "Rep",
    "Skipped",
    "Strategy",
    "Writeup",
    "default_greetings",
    "default_packs",
    "default_registry",
    "default_strategies",
    "expect",
    "find_pack",
    "fit_problem",
    "load_packs",
    "load_profile",
    "load_strategies",
    "profile_from_mapping",
    "rep_from_mapping",
    "write_greetings",
    "write_messages",
]

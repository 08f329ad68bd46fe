"""A seeded corpus of varied voicemail scripts for the benchmarks (good, bad and in between)."""

from __future__ import annotations

import random

NAMES = ["John", "Maria", "Dana", "Lou", "Priya", "Sam", "Ana", "Kim", "Tom", "Lee"]
COMPANIES = ["Harbor Dental", "Oak Street Realty", "Blue Fin Logistics", "Acme Copiers", "Nova HR"]
CALLERS = ["Jeffrey", "Bob Smith", "Kate", "Raj", "Elena"]
NUMBERS = ["(704) 333-1112", "704-333-1112", "555-1234", "7043331112", "seven oh four, 555, 0199"]
OPENINGS = [
    "Hi {name}, this is {caller}, {number}.",
    "Hello, {name}, this is {caller}.",
    "Hi, this is {caller} from {company}.",
    "This is {caller}.",
    "{name}, it's {caller} at {number}.",
    "Hi {name}, um, this is {caller}, I just wanted to introduce myself.",
]
BODIES = [
    "There are three websites you should check out to build your office productivity. "
    "I'll email them to you.",
    "I was talking to someone yesterday about your services. He sounded pretty interested; "
    "call me and I'll give you his number and a few details.",
    "We are a leading provider of managed print services and the services we offer include "
    "leasing, maintenance and supplies at competitive rates.",
    "We can save you money on your phone bill, up to 30% off what you pay today.",
    "Do you know why two of your best people left last spring? I'll call you with the answer.",
    "I'm calling with the weather today. It's cloudy here, but it could get real sunny if "
    "you call me back.",
    "I met a couple of your competitors yesterday and they were talking about you and they "
    "said. . . .",
    "I'd like to schedule a meeting at your convenience to touch base about our solutions.",
    "There are five ways to keep loyal customers coming back in your slow season.",
    "Just following up on my last message, give me a call.",
    "Three of your competitors changed their opening hours this month; one doubled its "
    "walk-in trade. I'll tell you which.",
    "We help companies like yours improve their bottom line with innovative, cutting-edge "
    "solutions from our team of experts with years of experience.",
]
CLOSINGS = [
    "Again, {number}.",
    "Call me at {number}.",
    "You can reach me at {number}.",
    "",
    "Talk soon.",
    "My number is {number}, that's {number}.",
]


def corpus(size: int = 1000, seed: int = 7) -> list[str]:
    """Return `size` scripts built from the parts above, reproducibly for a seed."""
    rng = random.Random(seed)
    scripts = []
    for _ in range(size):
        values = {
            "name": rng.choice(NAMES),
            "caller": rng.choice(CALLERS),
            "company": rng.choice(COMPANIES),
            "number": rng.choice(NUMBERS),
        }
        body = " ".join(rng.sample(BODIES, rng.choice([1, 1, 2, 3])))
        parts = [rng.choice(OPENINGS), body, rng.choice(CLOSINGS)]
        scripts.append(" ".join(p for p in parts if p).format(**values))
    return scripts

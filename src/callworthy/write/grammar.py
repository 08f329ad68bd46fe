"""A small slot grammar: what a rep typed, made to fit the sentence a phrasing puts it in.

A lead's detail may be typed as a need ("needs two trucks"), a want, a noun phrase
("two trucks") or a whole sentence ("He needs two trucks."); a fact as a verb phrase
("opened a second depot"), a sentence ("They opened ...") or a noun phrase. The
phrasings need one form of each: a third-person verb phrase after "who" for a
lead, the object of "I saw" for a fact. Articles ("a tip", "an idea") are fixed
after the slots are filled. Hand-written rather than `inflect`: that library costs
over two seconds of import (typeguard instruments it), longer than the whole writer.
"""

from __future__ import annotations

import re

from num2words import num2words

_VOWEL_LETTERS = "aeiou"
#: Letters whose English name starts with a vowel sound ("an MBA", "an X-ray").
_VOWEL_NAMED_LETTERS = "aefhilmnorsx"
#: Beginnings spelt with a vowel but said with a consonant, and the reverse.
_CONSONANT_SOUND = (
    "uni", "use", "usu", "uti", "ure", "uro", "euro", "eu", "ewe", "one", "once", "ubiq", "u-",
)  # fmt: skip
_VOWEL_SOUND = ("hour", "honest", "honor", "honour", "heir")
#: "a"/"an" anywhere, "A"/"An" only where a sentence starts ("Plan A is" stays).
_ARTICLE_RES = (
    re.compile(r"(?<![\w'’-])(an?) ([\w'’-]+)"),
    re.compile(r"(?:^|(?<=[.!?]\s))(An?) ([\w'’-]+)"),
)

#: Words after which a lead's detail is a verb phrase already ("needs", "asked").
_VERBS = frozenset(
    """
    need needs want wants is are was were has have had would will could should might may
    plans plan hopes hope seeks seek requires require asked asks ask mentioned mentions
    said says told tells called calls runs run owns own just recently also already still
    wishes wish expects expect intends intend got gets get
    """.split()
)
#: Base forms a lead's detail may open with after "they" ("They need ..."): made to agree.
_BASE_VERBS = frozenset(
    """
    need want plan hope seek require ask mention say tell call run own wish expect intend get
    """.split()
)
_AUXILIARIES_TO_YOU = {"is": "are", "was": "were", "has": "have", "does": "do", "'s": "'re"}
_AUXILIARIES_TO_3SG = {"are": "is", "were": "was", "have": "has", "do": "does", "'re": "'s"}
_IRREGULAR_3SG = {"be": "is", "am": "is", "go": "goes"}
#: Words that follow a verb and never an adjective: "asked about", "opened a", "moved to".
_FUNCTION = frozenset(
    """
    a an the your their his her its my our this that these those to into about for with in on
    at from by over up out off back him her them me us it two three four five six seven eight
    nine ten some several one another
    """.split()
)
#: Words before a noun that make a following "-ed" word an adjective ("new refrigerated").
_PRENOMINAL = frozenset("new second third first bigger larger own old".split())
_CONTRACTED = {"s": "is", "re": "are"}
_CONTRACTION_RE = re.compile(r"^(he|she|it|they|we)[’'](s|re)\b", re.I)
#: Past participles after which "'s" is "has": "he's got a van", "she's just opened".
_HAS_PARTICIPLES = frozenset(
    """
    got gotten been had done gone won built bought sold grown taken made given written hired
    opened launched started signed raised expanded added doubled tripled
    """.split()
)
_ADVERBS = frozenset("just recently also already finally now still newly".split())
#: Words ending in "-ly" that are not adverbs ("Family needs a van").
_LY_NOUNS = frozenset("family supply assembly ally rally reply italy july belly bully".split())
#: Words ending in "-ing" that name a thing, not something being done ("financing for ...").
_ING_NOUNS = frozenset(
    """
    advertising accounting bookkeeping building catering ceiling cleaning clothing consulting
    evening financing flooring funding housing landscaping lighting marketing morning packaging
    parking plumbing pricing printing roofing seating shipping staffing training wedding
    something nothing everything anything bring sing ring spring string swing thing king
    """.split()
)
#: Participles that open a fact in the passive ("Named best bakery", "Featured in the Tribune")
#: when what follows is no object ("Acquired a rival", "Acquired Acme" are done by them).
_PASSIVE = frozenset(
    """
    named acquired featured ranked listed voted awarded certified promoted selected chosen
    profiled mentioned recognized recognised nominated honored honoured quoted interviewed
    """.split()
)
#: Words after such a participle that make it passive: "named best", "featured in", "ranked #3".
_PASSIVE_NEXT = frozenset("by in on as for to at with among best top".split())
#: Nouns after "the"/"their"/"your" that name the prospect or their business (a fact's "you").
_THEIR_BUSINESS = ("company", "business", "firm", "practice", "owner", "lead")
_SUBJECTS = frozenset("they he she it we i".split())
_POSSESSIVES = {"their": "your", "his": "your", "her": "your", "its": "your"}
_DETERMINERS = frozenset(
    """
    a an the your this that these those some two three four five six seven eight nine ten
    several many one another
    """.split()
)
#: Irregular past tenses a fact often opens with ("won an award", "built a new plant").
_IRREGULAR_PAST = frozenset(
    """
    won began became got made took built bought sold grew hit broke ran set went left brought
    held kept lost met paid put read said saw sent spent stood struck told thought wrote gave
    found led moved opened hired launched
    """.split()
)
#: First words a rep types in lower case mid-sentence but capitalises out of habit.
_COMMON = (
    _VERBS
    | _DETERMINERS
    | _ADVERBS
    | _SUBJECTS
    | frozenset("help new more looking in interested a an for about with".split())
)


def indefinite_article(phrase: str) -> str:
    """Return "a" or "an" for the phrase, by how its first word is said."""
    word = phrase.strip().split(" ", 1)[0] if phrase.strip() else ""
    if not word:
        return "a"
    number = re.match(r"\d+", word)
    if number:  # "an 8-week plan", "an 11-step list", "a 12-step list"
        return "an" if num2words(int(number.group())).startswith(("eight", "eleven")) else "a"
    letters = re.sub(r"[^A-Za-z-]", "", word)
    if letters.isupper() or re.match(r"^[A-Za-z]-", word):
        return "an" if letters[0].lower() in _VOWEL_NAMED_LETTERS else "a"
    lower = letters.lower()
    if lower.startswith(_VOWEL_SOUND):
        return "an"
    if lower.startswith(_CONSONANT_SOUND):
        return "a"
    return "an" if lower[:1] in _VOWEL_LETTERS else "a"


def with_article(phrase: str) -> str:
    """Return the phrase with its indefinite article: "an idea", "a tip", "an hour"."""
    return f"{indefinite_article(phrase)} {phrase}"


def fix_articles(text: str) -> str:
    """Return the text with every "a"/"an" agreeing with the word after it."""

    def fix(match: re.Match[str]) -> str:
        written, word = match.group(1), match.group(2)
        right = indefinite_article(word)
        return f"{right.capitalize() if written[0].isupper() else right} {word}"

    for pattern in _ARTICLE_RES:
        text = pattern.sub(fix, text)
    return text


def count_word(count: int) -> str:
    """Return a count as a message says it: "three", "twelve"."""
    return str(num2words(count))


def third_person(verb: str) -> str:
    """Return the third-person singular present of a verb: need -> needs, are -> is."""
    lower = verb.lower()
    if lower in _AUXILIARIES_TO_3SG:
        return _AUXILIARIES_TO_3SG[lower]
    if lower in _IRREGULAR_3SG:
        return _IRREGULAR_3SG[lower]
    if lower.endswith(("s", "sh", "ch", "x", "z", "o")):
        return verb + "es"
    if len(lower) > 1 and lower.endswith("y") and lower[-2] not in _VOWEL_LETTERS:
        return verb[:-1] + "ies"
    return verb + "s"


def second_person(verb: str) -> str:
    """Return the verb as it follows "you": is -> are, has -> have, opens -> open."""
    lower = verb.lower()
    if lower in _AUXILIARIES_TO_YOU:
        return _AUXILIARIES_TO_YOU[lower]
    if lower.endswith("ies") and len(lower) > 4:
        return verb[:-3] + "y"
    if lower.endswith(("sses", "shes", "ches", "xes", "zes", "oes")):
        return verb[:-2]
    if lower.endswith("s") and not lower.endswith(("ss", "us", "is")):
        return verb[:-1]
    return verb


def _clean(text: str) -> str:
    text = " ".join(text.split()).strip().rstrip(".!;,").strip()
    # "She's looking", "They're hiring": the pronoun is the subject, the verb follows.
    match = _CONTRACTION_RE.match(text)
    if not match:
        return text
    rest = text[match.end() :].split()
    verb = _CONTRACTED[match.group(2).lower()]
    if verb == "is" and _after_has(rest):  # "He's got a van": he has got a van
        verb = "has"
    return f"{match.group(1)} {verb}{text[match.end() :]}"


def _after_has(words: list[str]) -> bool:
    """Return True when "'s" before these words means "has" ("'s got", "'s just opened")."""
    if words and words[0].lower() in _ADVERBS:
        words = words[1:]
    return bool(words) and words[0].lower() in _HAS_PARTICIPLES


def _progressive(word: str) -> bool:
    """Return True for an "-ing" word that says what someone is doing ("hiring", "opening")."""
    lower = word.lower()
    return lower.endswith("ing") and lower not in _ING_NOUNS


def _adverb(words: list[str]) -> bool:
    """Return True when the first word is an adverb before a verb ("just", "really needs")."""
    first = words[0].lower()
    if len(words) < 2:
        return False
    if first in _ADVERBS:
        return True
    return first.endswith("ly") and first not in _LY_NOUNS and _is_verb(words, 1)


def _lower_first(text: str) -> str:
    """Lower-case the first word if it is capitalised only because it opened a sentence."""
    first, _, rest = text.partition(" ")
    lowered = first.lower()
    looks_common = lowered in _COMMON or lowered.endswith(("ed", "ing", "ly"))
    if first[:1].isupper() and first[1:].islower() and looks_common:
        return f"{lowered} {rest}".strip()
    return text


def _strip_subject(
    words: list[str], names: tuple[str, ...], own: tuple[str, ...] = _THEIR_BUSINESS
) -> tuple[list[str], bool]:
    """Drop a leading subject (a pronoun, a name given, "the company"); say if one was dropped.

    `own` are the nouns that, after "the", "their" or "your", name the person themself.
    """
    lowered = " ".join(words).lower().replace("’", "'")
    for name in sorted((n for n in names if n), key=len, reverse=True):
        size = len(name.split())
        if lowered.startswith(name.lower() + " "):
            return words[size:], True
        if lowered.startswith(name.lower() + "'s "):  # a word follows: the name and 's are not all
            rest = words[size:]
            if _is_verb(rest):  # "Harvey's looking for" (an -ing word first reads as a verb)
                return ["has" if _after_has(rest) else "is", *rest], True
            return ["your", *rest], False  # "Harbor Point's sales doubled"
    if words and words[0].lower() in _SUBJECTS:
        return words[1:], True
    if len(words) > 1 and words[0].lower() in ("the", "their", "your") and words[1].lower() in own:
        return words[2:], True
    return words, False


def _is_verb(words: list[str], index: int = 0) -> bool:
    """Return True when words[index] reads as a verb where it stands."""
    lower = words[index].lower().strip(",")
    if lower in _VERBS or lower in _IRREGULAR_PAST:
        return True
    after = words[index + 1].lower() if index + 1 < len(words) else ""
    before = words[index - 1].lower() if index else ""
    if index and lower.endswith("ed"):  # "sales doubled": after a noun; "your new" is no verb
        return before not in _FUNCTION | _DETERMINERS | _PRENOMINAL
    # "expanded into", "expands into": a verb; "refrigerated trucks", "sales doubled": not.
    if lower.endswith(("ed", "s")) and not lower.endswith("ss"):
        return after in _FUNCTION or (not after and lower.endswith("ed"))
    return index == 0 and _progressive(lower)


def lead_clause(detail: str, names: tuple[str, ...] = ()) -> str:
    """Return a lead's detail as a third-person verb phrase that follows "who" or their name.

    "two refrigerated trucks" -> "is looking for two refrigerated trucks";
    "He needs two trucks." -> "needs two trucks"; "need a roof" -> "needs a roof";
    "looking to buy a van" -> "is looking to buy a van".
    """
    lead_own = (*_THEIR_BUSINESS, "team", "client", "customer")
    words, _ = _strip_subject(_clean(detail).split(), names, lead_own)
    if not words:
        return ""
    first = words[0].lower()
    owned = _owned_subject(words)
    if owned:  # "Harvey's company needs a van" -> "has a company that needs a van"
        thing, need = " ".join(words[1:owned]), " ".join(words[owned:])
        if _plural(words[owned - 1]):  # "his trucks need tyres": as many as typed
            return f"has {thing} that {need}"
        return f"has {with_article(thing)} that {lead_clause(need)}"
    if _adverb(words):  # "just needs", "really needs"
        return f"{first} {lead_clause(' '.join(words[1:]), names)}"
    if first in ("interested", "in") or _progressive(first):  # "hiring": "is hiring"
        return "is " + _lower_first(" ".join(words))
    if _is_verb(words):
        if first in _AUXILIARIES_TO_3SG:
            first = _AUXILIARIES_TO_3SG[first]
        elif first in _BASE_VERBS:  # "They need", "need": the lead is one person
            first = third_person(first)
        return " ".join([first, *words[1:]])
    return "is looking for " + _lower_first(" ".join(words))


def _owned_subject(words: list[str]) -> int:
    """Return where the verb stands after a possessive subject ("his company needs ..."), or 0."""
    if words[0].lower() not in ("your", "his", "her", "their", "its", "the", "a", "an"):
        return 0
    for index in range(2, min(len(words), 5)):
        if _is_verb(words, index):
            return index
    return 0


def _plural(noun: str) -> bool:
    """Return True for a noun that reads as plural ("trucks", not "business" or "campus")."""
    lower = noun.lower()
    return lower.endswith("s") and not lower.endswith(("ss", "us", "is"))


def _noun_subject(words: list[str]) -> bool:
    """Return True when an "-s" word opens a sentence with a later verb ("Sales at X doubled")."""
    first = words[0].lower()
    if first in _VERBS or first in _IRREGULAR_PAST or not _plural(first):
        return False
    return any(_is_verb(words, i) for i in range(2, len(words)))


def _passive(words: list[str]) -> bool:
    """Return True when a fact opens with a participle said of them ("Named best bakery")."""
    first = words[0].lower()
    after = words[1].lower() if len(words) > 1 else ""
    if after == "by":  # "Acquired by Oracle", "Bought by a rival"
        return first.endswith("ed") or first in _IRREGULAR_PAST
    passive_next = not after or after in _PASSIVE_NEXT or after[:1] in "#0123456789"
    return first in _PASSIVE and passive_next


def fact_clause(fact: str, names: tuple[str, ...] = ()) -> str:
    """Return a fact about the prospect as the object of "I saw": "that you opened ...".

    A verb phrase or a sentence about them becomes "that you ..." (with the verb made to
    agree: "is hiring" -> "that you are hiring"); a sentence about something of theirs
    becomes "that your ..."; a noun phrase becomes "the news about ...".
    """
    words, had_subject = _strip_subject(_clean(fact).split(), names)
    if not words:
        return ""
    first = words[0].lower()
    adverb = ""
    if _adverb(words):
        adverb, words = first + " ", words[1:]
        first = words[0].lower()
    if not had_subject and _progressive(first):  # "hiring two drivers": a progressive
        return f"that you {adverb}are {_lower_first(' '.join(words))}"
    if not had_subject and _passive(words):  # "Acquired by Oracle": done to them
        said = first if words[0][1:].islower() else words[0]  # a capital only from the sentence
        return " ".join([f"that you were {adverb}{said}", *words[1:]])
    verb_first = _is_verb(words) or first in _PASSIVE  # "Acquired Acme": done by them
    if had_subject or (verb_first and not _noun_subject(words)):
        verb = second_person(first)
        return " ".join([f"that you {adverb}{verb}", *words[1:]]).strip()
    if any(_is_verb(words, i) for i in range(1, len(words))):  # "Their sales doubled last year"
        text = " ".join(_POSSESSIVES.get(w.lower(), w) for w in words)
        first = text.split(" ", 1)[0]
        if first[1:].islower():  # capitalised only because it opened the sentence
            text = first.lower() + text[len(first) :]
        return "that " + text
    text = " ".join(_POSSESSIVES.get(w.lower(), w) for w in words)
    if words[0].lower() not in _DETERMINERS and words[0].lower() not in _POSSESSIVES:
        text = "your " + _lower_first(text)
    return "the news about " + _lower_first(text)

"""Who asserts a claim, as a name that is the same across articles (no Django).

"Interior Minister Tomas Vell", "Mr. Vell's" and "Tomas Vell" are one person; "U.N.
Special Envoy for the region, Jane Doe" is Jane Doe. Titles,
honorifics and roles are stripped by the words they are made of (a lexicon of kinds of
role, never of names); what is left is the display name, and its folded form the key.
"""

from __future__ import annotations

import re
import unicodedata

# Words that stand for the speaker without naming one: resolved inside the article (by
# the extractor) or not at all, never a source of their own.
PRONOUNS = frozenset(
    [
        "he",
        "she",
        "they",
        "it",
        "him",
        "her",
        "them",
        "we",
        "i",
        "you",
        "this",
        "that",
        "these",
        "those",
        "who",
        "someone",
    ]
)
HONORIFICS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "miss",
        "mx",
        "dr",
        "prof",
        "professor",
        "sir",
        "dame",
        "lord",
        "lady",
        "sheikh",
        "shaikh",
        "rev",
        "reverend",
        "fr",
        "father",
        "mister",
        "madam",
        "madame",
        "monsieur",
        "mme",
        "mlle",
        "herr",
        "frau",
        "sr",
        "sra",
    ]
)
# Words a title or role is made of ("Interior Minister", "U.N. Special Envoy for Syria",
# "Foreign Affairs Spokesperson"): stripped only where a name follows them.
ROLE_WORDS = frozenset(
    [
        "president",
        "vice",
        "minister",
        "ministers",
        "prime",
        "deputy",
        "secretary",
        "general",
        "attorney",
        "chief",
        "head",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "envoy",
        "special",
        "ambassador",
        "director",
        "governor",
        "mayor",
        "senator",
        "sen",
        "congressman",
        "congresswoman",
        "representative",
        "rep",
        "commander",
        "gen",
        "col",
        "lt",
        "maj",
        "capt",
        "sgt",
        "adm",
        "brig",
        "colonel",
        "major",
        "captain",
        "lieutenant",
        "sergeant",
        "admiral",
        "general",
        "brigadier",
        "marshal",
        "chairman",
        "chairwoman",
        "chair",
        "ceo",
        "founder",
        "king",
        "queen",
        "prince",
        "princess",
        "emir",
        "crown",
        "premier",
        "chancellor",
        "leader",
        "advisor",
        "adviser",
        "officer",
        "official",
        "judge",
        "justice",
        "foreign",
        "interior",
        "defence",
        "defense",
        "finance",
        "health",
        "justice",
        "economy",
        "trade",
        "education",
        "affairs",
        "state",
        "home",
        "security",
        "information",
        "energy",
        "environment",
        "transport",
        "labour",
        "labor",
        "agriculture",
        "culture",
        "former",
        "acting",
        "interim",
        "senior",
        "top",
        "regional",
        "national",
    ]
)
# Joining words inside a role ("Minister of the Interior", "Envoy for Syria").
ROLE_JOINERS = frozenset(["of", "for", "the", "and", "on", "to", "in"])
DETERMINERS = frozenset(["the", "a", "an"])

_TOKEN = re.compile(r"\S+")
_POSSESSIVE = re.compile(r"['’]s?$")


def source_display_name(raw: str) -> str:
    """The name a source goes by: titles, honorifics and roles before a name stripped.
    Empty when the text stands for nobody in particular ("he", "they")."""
    text = " ".join((raw or "").split()).strip(" ,;:.")
    if not text or _fold(text) in PRONOUNS:
        return ""
    parts = [part.strip() for part in text.split(",") if part.strip()]
    if len(parts) > 1:
        # "Envoy for the region, Jane Doe" / "John Roe, head of the monitor":
        # the part that is only a name is the source.
        named = [part for part in parts if _is_bare_name(part.split())]
        if named:
            text = named[0]
    tokens = [
        _POSSESSIVE.sub("", token) if i == len(text.split()) - 1 else token
        for i, token in enumerate(_TOKEN.findall(text))
    ]
    tokens = [token for token in tokens if token]
    tokens = _strip_role(tokens)
    while tokens and _word(tokens[0]) in HONORIFICS | DETERMINERS and len(tokens) > 1:
        if _word(tokens[0]) in DETERMINERS and not _is_bare_name(tokens[1:]):
            break  # "the outlet", "the National Weather Office": a body keeps its article
        tokens = tokens[1:]
    return " ".join(tokens)


def source_key(raw: str) -> str:
    """The cross-article key: the display name folded (case, accents, dots, articles)."""
    name = source_display_name(raw)
    if not name:
        return ""
    words = _fold(name).split()
    while len(words) > 1 and words[0] in DETERMINERS:
        words = words[1:]
    return " ".join(words)


def source_surname_key(raw: str) -> str:
    """The key when it is a single word (a surname after "Mr"), else empty: such a key
    may be the last word of one fuller name already known."""
    key = source_key(raw)
    return key if key and " " not in key and _looks_capitalised(source_display_name(raw)) else ""


def _strip_role(tokens: list[str]) -> list[str]:
    """Tokens after the last role word of a leading title, if what follows is a name."""
    last_role = None
    for i, token in enumerate(tokens):
        word = _word(token)
        if word in ROLE_WORDS or word in HONORIFICS:
            last_role = i
        elif word in ROLE_JOINERS or last_role is None and _looks_capitalised(token):
            continue
        elif last_role is not None and _is_bare_name(tokens[i:]):
            break
        elif not _looks_capitalised(token):
            return tokens  # lower-case words that are not a role: a description, keep it
    if last_role is None or last_role == len(tokens) - 1:
        return tokens
    rest = tokens[last_role + 1 :]
    return rest if _is_bare_name(rest) else tokens


def _is_bare_name(tokens: list[str]) -> bool:
    return bool(tokens) and all(
        _looks_capitalised(token)
        and _word(token) not in ROLE_WORDS
        and _word(token) not in HONORIFICS
        for token in tokens
    )


def _looks_capitalised(token: str) -> bool:
    letters = [c for c in token if c.isalpha()]
    return bool(letters) and letters[0].isupper()


def _word(token: str) -> str:
    return _fold(token).replace(" ", "")


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = re.sub(r"['’]s\b", "", text).replace(".", "")
    return " ".join(re.sub(r"[^\w]+", " ", text).split())

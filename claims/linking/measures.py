"""What a figure measures, so that two claims' figures are compared only when they count
the same thing: "at least 40 people were killed" and "52 passengers were killed" are
one measure (deaths); "three dead" and "90 injured" are two; "1,200 homes" and "1,200
buildings" are two scopes.

A figure's measure is built from general word classes (a small hand-written thesaurus,
WordNet-like synonym groups, no story words):

- **event**: the predicate counted near the figure (killed/dead/death toll -> deaths;
  injured/wounded -> injuries; detained/arrested -> arrests; missing/unaccounted for ->
  missing; displaced/fled -> displaced; protesting/took part/gathered -> turnout), read
  in a window around the figure's words in the statement;
- **counted**: the figure's unit lemma, grouped (protesters = demonstrators; people,
  persons and individuals are generic people that any more specific group can stand for;
  homes and buildings stay apart), and units normalised (miles -> km);
- **bound**: the hedge and the stated bound (about, at least, more than, nearly), and
  vague magnitudes ("tens of thousands", "thousands") that no single value contradicts;
- **scope**: where it was counted, read after the figure in its clause: area-wide
  ("across the country", "nationwide", "across <Place>") or in one named place ("in
  <Place>", "on the <Place>"). An area-wide total and a count in one place are different
  scopes; so are a group's count smaller than a total of people and that total (a part
  of it: "12 children among 140 dead").

Counts of people hit by an event only grow as reports come in (tallies), so when two
reports give different tallies and no date tells them apart, the larger is the later.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from claims.linking.records import LinkQuantity

# Predicates, by the thing they count. Word stems, matched at word starts.
EVENT_CLASSES: dict[str, tuple[str, ...]] = {
    "deaths": (
        "kill",
        "dead",
        "death",
        "die",
        "died",
        "dying",
        "fatalit",
        "perish",
        "slain",
        "lives lost",
        "lost their lives",
        "murder",
        "massacre",
        "toll",
    ),
    # People in hospital, not the hospital itself ("the hospital has 200 beds").
    "injuries": (
        "injur",
        "wound",
        "hurt",
        "hospitalis",
        "hospitaliz",
        "in hospital",
        "to hospital",
        "in the hospital",
        "to the hospital",
        "to a hospital",
        "treated for",
    ),
    "arrests": ("arrest", "detain", "detention", "custody", "held by police", "detainee"),
    "missing": ("missing", "unaccounted"),
    "displaced": ("displac", "fled", "flee", "evacuat", "homeless", "refugee", "uproot"),
    "turnout": (
        "protest",
        "demonstrat",
        "march",
        "rall",
        "took part",
        "taking part",
        "take part",
        "turned out",
        "gathered",
        "assembl",
        "attend",
        "crowd",
    ),
}
# Verbs of working at a place, right before "in"/"at" ("300 nurses work in the
# hospital", "are employed at the hospital"): staff, not people the event hit. Whole
# words, so that "took 12 workers to hospital" still counts injuries.
WORKING_AT = frozenset(
    {"work", "works", "worked", "working", "employed", "volunteer", "volunteers", "volunteered"}
)
# Tallies: counts of people an event hits or draws, which only grow as news comes in.
TALLIES = frozenset(EVENT_CLASSES)

# Counted nouns, by group. "people" is generic: any group of people can stand for it.
GENERIC_PEOPLE = "people"
COUNTED_CLASSES: dict[str, tuple[str, ...]] = {
    GENERIC_PEOPLE: ("people", "person", "individual", "resident", "civilian", "inhabitant"),
    "participants": ("protester", "demonstrator", "marcher", "participant", "rioter"),
    "children": ("child", "children", "kid", "minor", "boy", "girl"),
    "women": ("woman", "women"),
    "security forces": ("soldier", "troop", "police", "officer", "force", "fighter", "guard"),
    "homes": ("home", "house", "dwelling", "residence", "household", "apartment"),
    "buildings": ("building", "structure"),
    "vehicles": ("vehicle", "car", "truck"),
}
# Groups of people (these may stand for the generic "people"); so may any agent noun
# ("commuters", "passengers", "shoppers": ``is_people``), by its English suffix, not a list.
PEOPLE_GROUPS = frozenset({GENERIC_PEOPLE, "participants", "children", "women", "security forces"})
# Groups reported as a part of a total ("27 children among the 305 dead"); an agent noun
# ("12 workers were killed") is as often the whole toll as a part of it.
SUBGROUPS = frozenset({"children", "women", "security forces"})
_AGENT_NOUN = re.compile(r"^[a-z]{3,}(?:er|or|ist|ian|ant|ent|ee)$")
# A counted noun that already says which event it counts.
IMPLIED_EVENT = {"participants": "turnout"}
# Nouns that name the event itself ("half a million deaths", "20 arrests"): people, with
# the event implied.
EVENT_NOUNS: dict[str, str] = {
    "death": "deaths",
    "fatality": "deaths",
    "fatalitie": "deaths",
    "live": "deaths",
    "victim": "deaths",
    "injury": "injuries",
    "casualty": "injuries",
    "arrest": "arrests",
    "detainee": "arrests",
    "detention": "arrests",
}
# Units of time: a duration is not a count of an event.
DURATIONS = frozenset(
    {"second", "minute", "hour", "day", "week", "month", "year", "decade", "century", "time"}
)

UNIT_ALIASES: dict[str, tuple[str, float]] = {
    "km": ("km", 1.0),
    "kilometre": ("km", 1.0),
    "kilometer": ("km", 1.0),
    "mi": ("km", 1.609344),
    "mile": ("km", 1.609344),
    "m": ("km", 0.001),
    "metre": ("km", 0.001),
    "meter": ("km", 0.001),
    "%": ("%", 1.0),
    "percent": ("%", 1.0),
    "per cent": ("%", 1.0),
}
DISTANCE = "km"
_VAGUE = re.compile(
    r"\b(tens|dozens|scores|hundreds|thousands|millions|billions)\b(?! (?:of )?\d)", re.I
)
# How far apart two hedged figures may be and still be the same figure (rounding).
APPROXIMATE_TOLERANCE = 0.1
EXACT_TOLERANCE = 0.02
# Where a figure was counted, in its clause after it: the whole of an area, or one place.
AREA_WIDE, ONE_PLACE = "area-wide", "one place"
_AREA_WIDE = re.compile(
    r"\b(nationwide|countrywide|nationally|(across|throughout|all over) the (country|nation)"
    r"|(across|throughout|all over) [A-Z][\w'’-]+)",
)
_ONE_PLACE = re.compile(
    r"\b(in|on|at|near|outside) (the )?(?!(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b"
    r"|(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December)\b)[A-Z][\w'’-]+"
)
_CLAUSE_END = re.compile(r"[,;:.()]|\d")
SCOPE_WINDOW = 80
# Words either side of a figure's own words searched for its predicate.
WINDOW_BEFORE, WINDOW_AFTER = 6, 8
_WORD = re.compile(r"[\w%]+(?:['’]\w+)?")


@dataclass(frozen=True)
class Figure:
    """One figure of a claim, with what it measures."""

    event: str  # an EVENT_CLASSES key, or ""
    counted: str  # a COUNTED_CLASSES key, a normalised unit, or the unit lemma
    value: float
    low: float | None
    high: float | None
    approximate: bool
    vague: bool
    text: str
    scope: str = ""  # AREA_WIDE, ONE_PLACE or unknown
    # For a distance, the named place it is measured from ("" none; None: the figure's
    # words are not in the statement, so unknown).
    place: str | None = ""

    @property
    def tally(self) -> bool:
        return self.event in TALLIES

    @property
    def label(self) -> str:
        """What is measured, for a person: "deaths (people)", "km"."""
        return f"{self.event} ({self.counted})" if self.event else self.counted

    def describe(self) -> str:
        return self.text or f"{self.value:g} {self.counted}"


@lru_cache(maxsize=65536)
def _figures_cached(statement: str, quantities: tuple[LinkQuantity, ...]) -> tuple[Figure, ...]:
    return tuple(_read_figures(statement, quantities))


def figures_of(statement: str, quantities: tuple[LinkQuantity, ...]) -> list[Figure]:
    """The claim's figures with their measures (memoised: a claim meets many others)."""
    return list(_figures_cached(statement, tuple(quantities)))


def _read_figures(statement: str, quantities: tuple[LinkQuantity, ...]) -> list[Figure]:
    """The claim's figures with their measures; dates and years are not figures."""
    words = [(m.start(), m.end(), m.group().lower()) for m in _WORD.finditer(statement)]
    lowered = statement.lower()
    figures = []
    for quantity in quantities:
        counted, factor = normal_unit(quantity.unit)
        tally = _tally_event(quantity, lowered)
        if not counted:
            counted = GENERIC_PEOPLE if tally else _bare_counted(quantity, lowered)
        if not counted:
            continue
        event = ""
        if counted in EVENT_NOUNS:
            counted, event = GENERIC_PEOPLE, EVENT_NOUNS[counted]
        elif counted in DURATIONS:
            event = ""
        else:
            event = (
                IMPLIED_EVENT.get(counted) or tally or _event_near(quantity.text, lowered, words)
            )
        figures.append(
            Figure(
                event=event,
                counted=counted,
                value=quantity.value * factor,
                low=None if quantity.low is None else quantity.low * factor,
                high=None if quantity.high is None else quantity.high * factor,
                approximate=quantity.approximate,
                vague=bool(_VAGUE.search(quantity.text or "")),
                text=quantity.text,
                scope=_scope(statement, quantity.text),
                place=_distance_place(statement, quantity.text) if counted == DISTANCE else "",
            )
        )
    return figures


def normal_unit(unit: str) -> tuple[str, float]:
    """A comparable name for a unit and the factor to it ("miles" -> ("km", 1.609)),
    people-like nouns by their group ("demonstrators" -> "participants")."""
    text = unit.lower().strip()
    if text in UNIT_ALIASES:
        return UNIT_ALIASES[text]
    words = text.split()
    if not words:
        return "", 1.0
    head = _singular(words[-1])
    if len(words) == 1 and head in UNIT_ALIASES:
        return UNIT_ALIASES[head]
    for group, stems in COUNTED_CLASSES.items():
        if any(head == stem or head.startswith(stem) and len(stem) > 4 for stem in stems):
            return group, 1.0
    return " ".join([*words[:-1], head]), 1.0


def comparable(one: Figure, other: Figure) -> bool:
    """Whether two figures count the same thing (and so should agree at one time)."""
    if {one.scope, other.scope} == {AREA_WIDE, ONE_PLACE}:
        return False  # a national total and one city's count
    if one.counted != other.counted:
        people = is_people(one.counted) and is_people(other.counted)
        if not (people and GENERIC_PEOPLE in (one.counted, other.counted)):
            return False
        group, total = (one, other) if other.counted == GENERIC_PEOPLE else (other, one)
        if group.counted in SUBGROUPS and _point(group) < _point(total):
            return False  # a part of the total ("including 12 children")
    if one.counted == DISTANCE:
        # "10 km from X" and "20 km from X"; never a height ("waves of five metres")
        # against a distance from a place, nor distances from two places.
        return one.place is None or other.place is None or one.place == other.place
    if one.event or other.event:
        return one.event == other.event
    # Neither says what event it counts: only specific, identical nouns compare
    # ("3 million refugees"), never two bare "people" counts or two percentages.
    return one.counted == other.counted and one.counted not in {GENERIC_PEOPLE, "%"}


def _scope(statement: str, text: str) -> str:
    """Where the figure was counted, from the rest of its clause after it."""
    at = statement.find(text) if text else -1
    if at < 0:
        return ""
    after = statement[at + len(text) : at + len(text) + SCOPE_WINDOW]
    end = _CLAUSE_END.search(after)
    clause = after[: end.start()] if end else after
    if _AREA_WIDE.search(clause):
        return AREA_WIDE
    if _ONE_PLACE.search(clause):
        return ONE_PLACE
    return ""


# "10 km (six miles) from X", "3 kilometres from the port of X", "north of X".
_DISTANCE_PLACE = re.compile(
    r"^\s*(?:\([^)]*\)\s*)?(?:[a-z]+\s+){0,2}?(?:from|of|outside|off)\s+(?:the\s+)?"
    r"(?:[a-z]+\s+){0,3}?(?:of\s+)?([A-Z][\w'’-]+)"
)


def _distance_place(statement: str, text: str) -> str | None:
    """The named place a distance is measured from, read right after the figure."""
    at = statement.find(text) if text else -1
    if at < 0:
        return None
    match = _DISTANCE_PLACE.match(statement[at + len(text) : at + len(text) + SCOPE_WINDOW])
    return match.group(1).casefold() if match else ""


def is_people(counted: str) -> bool:
    """A group of people: a known group, or an agent noun (a word for who does something)."""
    return counted in PEOPLE_GROUPS or bool(_AGENT_NOUN.match(counted))


def differs(one: Figure, other: Figure) -> bool:
    """Two comparable figures that are not the same number (allowing hedges, rounding
    and vague magnitudes, which agree with any value in their range)."""
    if one.vague or other.vague:
        return not (_vague_holds(one, other) or _vague_holds(other, one))
    a, b = _point(one), _point(other)
    if max(a, b) == 0:
        return False
    tolerance = APPROXIMATE_TOLERANCE if one.approximate or other.approximate else EXACT_TOLERANCE
    return abs(a - b) / max(a, b) > tolerance


def _vague_holds(vague: Figure, other: Figure) -> bool:
    if not vague.vague:
        return False
    low = vague.low if vague.low is not None else vague.value
    return other.vague or low * 0.5 <= _point(other) <= low * 1000


def _point(figure: Figure) -> float:
    if figure.low is not None and figure.high is not None:
        return (figure.low + figure.high) / 2
    return figure.value


def _singular(word: str) -> str:
    if word in {"children", "women", "people", "police", "news"}:
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


_BEFORE_PREDICATE = r"(?:were |people |have been |had been |of (?:the |those )?)"


def _bare_counted(quantity: LinkQuantity, lowered: str) -> str:
    """A figure without a unit ("two dead", "606 injured", "twelve of the injured")
    counts people when a predicate of people follows it."""
    position = lowered.find((quantity.text or "").lower())
    if position < 0 or not quantity.text:
        return ""
    after = lowered[position + len(quantity.text) : position + len(quantity.text) + 40]
    for event, stems in EVENT_CLASSES.items():
        if event == "turnout":
            continue
        if any(re.match(rf"\s*{_BEFORE_PREDICATE}?{stem}", after) for stem in stems):
            return GENERIC_PEOPLE
    return ""


_TALLY_NOUN = re.compile(r"\b(toll|number|tally|count|total)\b")
_TALLY_VALUE = re.compile(
    r"\b(to|at|reached|hit|passed|topped|exceeded|is|was|stands|stood|now)"
    r"(?: (?:about|around|nearly|almost|over|more than|at least|some|roughly))?\s*$"
)


def _tally_event(quantity: LinkQuantity, lowered: str) -> str:
    """The event of the tally the figure is the value of ("the death toll has risen to
    15", "the number of people detained reached 130"), named before it in its clause."""
    position = lowered.find((quantity.text or "").lower())
    if position < 0 or not quantity.text:
        return ""
    clause = re.split(r"[,;:()]", lowered[max(0, position - 160) : position])[-1]
    tally = _TALLY_NOUN.search(clause)
    if tally is None or not _TALLY_VALUE.search(clause):
        return ""
    return _event_class_in(clause[max(0, tally.start() - 12) :])


def _event_class_in(text: str) -> str:
    """The first event class any word of ``text`` starts."""
    for match in _WORD.finditer(text):
        event = _event_class(text[match.start() : match.start() + 40])
        if event and event != "turnout":
            return event
    return ""


def _event_near(text: str, lowered: str, words: list[tuple[int, int, str]]) -> str:
    """The event class of the predicate nearest the figure's words, if any in the window."""
    position = lowered.find((text or "").lower()) if text else -1
    if position < 0:
        return ""
    first = next((i for i, (s, e, _w) in enumerate(words) if e > position), len(words))
    last = next(
        (i for i, (s, _e, _w) in enumerate(words) if s >= position + len(text)), len(words)
    )
    # "three of the injured died": the group the figure is taken from ("of the
    # injured") tells its event only when no predicate does.
    partitive = set()
    if last + 1 < len(words) and words[last][2] in {"of", "among"}:
        after = last + 1 + (words[last + 1][2] in {"the", "those"})
        partitive = set(range(last, after + 1))
    best, best_distance = "", None
    for index in range(max(0, first - WINDOW_BEFORE), min(len(words), last + WINDOW_AFTER)):
        if first <= index < last:
            continue
        phrase = " ".join(w for _s, _e, w in words[index : index + 3])
        event = _event_class(phrase)
        if not event or _works_there(words, index):
            continue
        distance = first - index if index < first else index - last + 1
        distance += WINDOW_AFTER if index in partitive else 0
        # After the figure ("235 people were killed") beats before it, at equal distance.
        distance += 0.5 if index < first else 0
        if best_distance is None or distance < best_distance:
            best, best_distance = event, distance
    return best


def _works_there(words: list[tuple[int, int, str]], index: int) -> bool:
    """Whether the place predicate at ``index`` ("in the hospital") follows a word of
    working ("work in the hospital"), which makes it a workplace, not a stay."""
    if index == 0 or words[index][2] not in {"in", "at"}:
        return False
    return words[index - 1][2] in WORKING_AT


def _event_class(phrase: str) -> str:
    for event, stems in EVENT_CLASSES.items():
        for stem in stems:
            if phrase.startswith(stem):
                return event
    return ""

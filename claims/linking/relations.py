"""Typing a link between two similar claims: same, supports, updates, contradicts or None,
with the evidence for it (``RelationDecision.reasons``, shown to the editor).

Similarity finds candidates but cannot type them ("about 10 km from Hama" and "retreated
about 20 km from Hama" are as close as paraphrases), so the type comes from comparing
slots, in this order:

1. **Denial**: one claim denies (kind ``denial``, a denial verb, a rejected accusation,
   or a negated predicate) and the other does not, and the two are about the same thing
   (a cosine of ``min_denial_similarity``, or ``min_related_similarity`` with content
   words or names in common) -> ``contradicts`` (the denial is the subject).
2. **Figures** (``claims.linking.measures``): a figure on both sides that measures the
   same thing (event and counted noun) with different values -> a time question:
   - both claims dated and the dates differ -> ``updates`` (the later one is the subject);
   - a tally (deaths, injuries, arrests, missing, displaced, turnout) -> ``updates``, the
     larger the later (tallies grow as reports come in);
   - both dated, same day -> ``contradicts``;
   - a date missing: if exactly one claim reports a change ("retreated", "rose to") it is
     the newer state -> ``updates``; otherwise ``contradicts``.
   It needs ``min_conflict_similarity``, and names in common unless the pair is close.
3. **Direction** (event and quantity claims only): one claim moves toward a place
   (advanced, entered) and the other away (retreated, pushed back) -> the same time rule
   as figures. A movement against a bare position (a distance figure with no movement)
   -> ``updates`` when the movement is later (undated: when it is a retreat), else
   ``supports``.
4. **Consistent** (other articles only: an article agreeing with itself is no news):
   nothing below ``min_support_similarity``, nor below ``min_unrelated_similarity`` when
   both claims name things and share none (another fire, another war); ``same`` when the
   cosine reaches ``same_threshold``, both or neither state a figure, and they do not say
   they happened on different days (a date or weekday in both statements; differing
   publication dates alone do not count); otherwise ``supports``. With the learned gate
   (``claims.linking.pair_model``) ``same_threshold`` is the candidate floor: the model,
   not a cosine, decides whether a consistent pair is one fact, and ``supports`` is left
   for a pair where one side adds a figure or a different day.

A claim's date is an explicit date in its statement, else a weekday resolved against the
article's published date, else the published date (``claims.linking.dates``).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from claims.linking.dates import MONTH_NAMES as _MONTH_NAMES
from claims.linking.dates import WEEKDAY_NAMES as _WEEKDAY_NAMES
from claims.linking.dates import claim_date, mentions_time
from claims.linking.measures import DISTANCE, Figure, comparable, differs, figures_of
from claims.linking.records import ClaimForLinking, LinkQuantity, Relation

# Calibrated on the seed gold and the d01_* story of news-dev (the other news-dev stories
# held out): below 0.6 fewer than one in five cross-article pairs were related at all.
DEFAULT_MIN_SIMILARITY = 0.45
DEFAULT_MIN_SUPPORT_SIMILARITY = 0.62
# ... and with a name and content words in common, a lower cosine suffices.
DEFAULT_MIN_RELATED_SUPPORT_SIMILARITY = 0.55
# Both claims name people, places or bodies and share none: another event, unless close.
DEFAULT_MIN_UNRELATED_SIMILARITY = 0.75
# A suggested conflict costs an editor more than a suggested repeat, but the evidence
# (a figure of the same measure, a denial of the same thing) is stronger than topic.
DEFAULT_MIN_CONFLICT_SIMILARITY = 0.45
# A denial shares the vocabulary of every claim on its topic: alone, the cosine must be
# high; with content words in common, ``min_related_similarity`` is enough.
DEFAULT_MIN_DENIAL_SIMILARITY = 0.6
DEFAULT_MIN_RELATED_SIMILARITY = 0.45
# Clashing figures with no name in common must be this close to be about one thing.
DEFAULT_MIN_UNNAMED_CONFLICT_SIMILARITY = 0.6
DEFAULT_SAME_THRESHOLD = 0.7
# Content words (or names) two claims must share to count as about one thing.
MIN_SHARED_WORDS = 2

_DENIAL = re.compile(
    r"\b(den(y|ies|ied|ying)|refut(e|es|ed|ing)|rebut(s|ted|ting)?"
    r"|dismiss(ed|es)? .{0,40}\b(false|untrue|baseless)"
    r"|reject(s|ed|ing)? (the |an |this |these |his |her |their )?"
    r"(accusation|allegation|claim|charge|report|suggestion)s?"
    r"|(is|was|were|are) (false|untrue|baseless|groundless))\b",
    re.I,
)
_NEGATION = re.compile(r"\b(not|never|no longer|nothing to suggest)\b|n't\b", re.I)
# Negations that do not deny the claim's proposition.
_HARMLESS_NEGATION = re.compile(
    r"\b(not only|could not be (independently )?(verified|confirmed)|did not (say|comment)"
    r"|would not (say|comment)|declined to)\b",
    re.I,
)
_AWAY = re.compile(
    r"\b(retreat(s|ed|ing)?|withdr(ew|aw|awn|aws|awing)"
    r"|(push|pushed|pushing|pulled|pulling|driven|drove|forced|fell|falling) back"
    r"|repel(s|led|ling)?|repuls(e|ed|ing)|routed)\b",
    re.I,
)
_TOWARD = re.compile(
    r"\b(advanc(e|es|ed|ing)|closer to|approach(es|ed|ing)?|entered|breached|stormed"
    r"|(push|pushed|pushing|moved|moving|marched|marching) (toward|towards|on|into))\b",
    re.I,
)
# A change of state marks the newer of two figures when dates are missing.
_CHANGE = re.compile(
    r"\b(rose|risen|climbed|increased|decreased|dropped|fell to|jumped|surged|revised"
    r"|now stands|has reached)\b",
    re.I,
)
_DENIES = "one claim denies"
# Movements are events; in background or attributed claims a movement word describes
# someone ("the insurgents advancing on Hama are led by ...") or a demand ("withdraw").
_EVENT_KINDS = frozenset({"event", "quantity", ""})
_CALENDAR_WORDS = frozenset((*_MONTH_NAMES, *_WEEKDAY_NAMES))
_YEAR = re.compile(r"\b(1[89]|20)\d\d\b")
_WORD = re.compile(r"[^\W\d_]{4,}")
_CAPITALISED = re.compile(r"(?<=[^\W_]\s)[A-Z][^\W\d_]{3,}")
_STOPWORDS = frozenset(
    [
        "that",
        "this",
        "these",
        "those",
        "with",
        "from",
        "have",
        "been",
        "were",
        "they",
        "their",
        "there",
        "which",
        "would",
        "could",
        "about",
        "after",
        "before",
        "said",
        "says",
        "also",
        "into",
        "than",
        "them",
        "then",
        "when",
        "where",
        "while",
        "what",
        "will",
        "other",
        "more",
        "most",
        "some",
        "such",
        "only",
        "over",
        "under",
        "being",
        "very",
        "just",
        "against",
        "during",
        "between",
        "since",
        "because",
        "does",
        "according",
        "told",
        "including",
    ]
)
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))


@dataclass(frozen=True)
class RelationDecision:
    """The type of ``claim -> other``; it reads ``other <relation> claim`` when
    ``other_is_subject`` (the other claim is the later figure or the denial)."""

    relation: Relation | None
    reason: str
    other_is_subject: bool = False
    # The evidence, for the editor: similarity, shared names, the differing figure, the
    # denial, the dates (JSON-ready).
    reasons: dict[str, Any] = field(default_factory=dict)


def type_relation(
    claim: ClaimForLinking,
    other: ClaimForLinking,
    *,
    similarity: float,
    min_similarity: float = DEFAULT_MIN_SIMILARITY,
    min_support_similarity: float = DEFAULT_MIN_SUPPORT_SIMILARITY,
    min_related_support_similarity: float = DEFAULT_MIN_RELATED_SUPPORT_SIMILARITY,
    min_unrelated_similarity: float = DEFAULT_MIN_UNRELATED_SIMILARITY,
    min_conflict_similarity: float = DEFAULT_MIN_CONFLICT_SIMILARITY,
    min_denial_similarity: float = DEFAULT_MIN_DENIAL_SIMILARITY,
    min_related_similarity: float = DEFAULT_MIN_RELATED_SIMILARITY,
    min_unnamed_conflict_similarity: float = DEFAULT_MIN_UNNAMED_CONFLICT_SIMILARITY,
    same_threshold: float = DEFAULT_SAME_THRESHOLD,
    within_article: bool | None = None,
) -> RelationDecision:
    """How ``claim`` relates to ``other``, given their cosine similarity (None: no link).

    ``within_article`` (default: the two share an ``article_key``) allows conflicts only.
    """
    evidence: dict[str, Any] = {"similarity": round(float(similarity), 3)}
    if similarity < min(min_similarity, min_conflict_similarity, min_related_similarity):
        return RelationDecision(None, f"similarity {similarity:.2f} too low", reasons=evidence)
    names = shared_names(claim, other)
    words = shared_words(claim.text, other.text)
    if names:
        evidence["shared_entities"] = names
    if words:
        evidence["shared_words"] = words[:8]
    within = claim.article_key == other.article_key if within_article is None else within_article
    if within:
        evidence["within_article"] = True
    # Within one article every claim names its protagonists: only other words count there.
    content = [w for w in words if not _is_name_word(w, claim, other)]
    related = (
        len(content) >= MIN_SHARED_WORDS
        if within
        else len(set(words) | {n.lower() for n in names}) >= MIN_SHARED_WORDS
    )

    claim_denies, other_denies = _denies(claim), _denies(other)
    if claim_denies != other_denies:
        denial = other if other_denies else claim
        # A bare negation ("has not managed to") denies only what it is close to.
        explicit = _denies_explicitly(denial)
        if similarity >= min_denial_similarity or (
            similarity >= min_related_similarity and related and (explicit or not within)
        ):
            evidence["denial"] = denial.text
            return RelationDecision(
                "contradicts", _DENIES, other_is_subject=other_denies, reasons=evidence
            )
        return RelationDecision(None, "a denial of something else", reasons=evidence)

    claim_day = claim_date(claim.text, published=claim.published)
    other_day = claim_date(other.text, published=other.published)
    ours, theirs = figures_of(claim.text, _figures(claim)), figures_of(other.text, _figures(other))
    clash = _figure_clash(ours, theirs)
    if (
        clash
        and similarity >= min_conflict_similarity
        and (names or similarity >= min_unnamed_conflict_similarity)
    ):
        one, two = clash
        evidence["figures"] = {
            "measure": one.label,
            "this": one.describe(),
            "other": two.describe(),
        }
        return _by_time(
            claim,
            other,
            claim_day,
            other_day,
            why=f"{one.label}: {one.describe()} vs {two.describe()}",
            evidence=evidence,
            tally=(one, two) if one.tally and two.tally else None,
        )

    arrival = _arrival(claim, other) if similarity >= min_conflict_similarity else None
    if arrival is not None:
        # A distance from a place, then presence in that place: the distance is now 0.
        arrived_is_other, place, distance = arrival
        arrived_day, position_day = (
            (other_day, claim_day) if arrived_is_other else (claim_day, other_day)
        )
        # Its own evidence, not a figure clash: one side states no figure at all.
        evidence["arrival"] = {
            "place": place,
            "distance": distance.describe(),
            "presence": (other if arrived_is_other else claim).text,
        }
        # Undated, the presence is the later state: a distance is reported on the way.
        presence_later = arrived_day is None or position_day is None or arrived_day >= position_day
        if arrived_day and position_day:
            evidence["dates"] = {"this": claim_day.isoformat(), "other": other_day.isoformat()}
        else:
            evidence["later"] = "the presence in the place (a distance is reported on the way)"
        return RelationDecision(
            "updates",
            f"distance from {place}: {distance.describe()}, then in {place}",
            other_is_subject=arrived_is_other == presence_later,
            reasons=evidence,
        )

    claim_way, other_way = _direction(claim), _direction(other)
    if claim_way and other_way and claim_way != other_way:
        if similarity < min_conflict_similarity:
            return RelationDecision(None, "opposite movements, too far apart", reasons=evidence)
        evidence["movement"] = {"this": claim_way, "other": other_way}
        return _by_time(
            claim,
            other,
            claim_day,
            other_day,
            why=f"moves {claim_way} vs {other_way}",
            evidence=evidence,
        )
    if bool(claim_way) != bool(other_way) and similarity >= min_conflict_similarity:
        mover_is_other = bool(other_way)
        position = claim if mover_is_other else other
        if _states_distance(position):
            mover_day, position_day = (
                (other_day, claim_day) if mover_is_other else (claim_day, other_day)
            )
            mover_way = other_way if mover_is_other else claim_way
            later = (
                mover_way == "away"  # undated: a retreat reverses the position it follows
                if mover_day is None or position_day is None
                else mover_day > position_day
            )
            evidence["movement"] = {
                "this": claim_way or "position",
                "other": other_way or "position",
            }
            if later:
                return RelationDecision(
                    "updates",
                    "movement after a position",
                    other_is_subject=mover_is_other,
                    reasons=evidence,
                )
            if not within and similarity >= min_support_similarity:
                return RelationDecision(
                    "supports", "movement consistent with a position", reasons=evidence
                )

    if within:
        return RelationDecision(None, "consistent, within one article", reasons=evidence)
    support_floor = min_related_support_similarity if names and related else min_support_similarity
    if similarity < support_floor:
        return RelationDecision(None, f"consistent, similarity {similarity:.2f}", reasons=evidence)
    if not names and claim.entities and other.entities and similarity < min_unrelated_similarity:
        return RelationDecision(None, "no name in common: another event", reasons=evidence)
    agreeing = _figure_agreement(ours, theirs)
    if agreeing:
        evidence["same_figure"] = agreeing
    # Two reports of one fact on different days are still the same claim; only claims
    # that themselves say they happened on different days merely support each other.
    if (
        claim_day != other_day
        and claim_day
        and other_day
        and mentions_time(claim.text)
        and mentions_time(other.text)
    ):
        evidence["dates"] = {"this": claim_day.isoformat(), "other": other_day.isoformat()}
        return RelationDecision(
            "supports", f"consistent, but {claim_day} vs {other_day}", reasons=evidence
        )
    if _has_figure(claim) != _has_figure(other):
        return RelationDecision("supports", "consistent, one states a figure", reasons=evidence)
    if similarity >= same_threshold:
        return RelationDecision("same", f"similarity {similarity:.2f}", reasons=evidence)
    return RelationDecision(
        "supports", f"consistent, similarity {similarity:.2f}", reasons=evidence
    )


def shared_names(claim: ClaimForLinking, other: ClaimForLinking) -> list[str]:
    """The entities both claims name (accents, case, possessives and invisible characters
    aside; "Syria" and "Syrian" match by a shared stem of five letters)."""
    theirs = {_name_key(e): e for e in other.entities}
    shared = []
    for entity in claim.entities:
        key = _name_key(entity)
        if not key:
            continue
        for their_key in theirs:
            if key == their_key or _same_stem(key, their_key):
                shared.append(entity)
                break
    return sorted(set(shared))


def shared_words(text: str, other: str) -> list[str]:
    """Content words (4+ letters, not function words) the two texts share, by stem."""
    ours, theirs = _content_stems(text), _content_stems(other)
    return sorted(ours[s] for s in ours.keys() & theirs.keys())


@lru_cache(maxsize=65536)
def _content_stems(text: str) -> dict[str, str]:
    return {_stem(w): w for w in _WORD.findall(_fold(text)) if w not in _STOPWORDS}


@lru_cache(maxsize=65536)
def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.translate(_INVISIBLE))
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


def _stem(word: str) -> str:
    return word[:6]


@lru_cache(maxsize=65536)
def _name_key(entity: str) -> str:
    key = _fold(entity).strip()
    key = re.sub(r"['’]s$|['’]$", "", key)
    key = re.sub(r"^the\s+", "", key)
    return re.sub(r"[^\w]+", " ", key).strip()


def _same_stem(one: str, two: str) -> bool:
    tokens = {t for t in one.split() if len(t) >= 4}
    others = {t for t in two.split() if len(t) >= 4}
    return any(
        a[:5] == b[:5] and min(len(a), len(b)) >= 5 or a == b for a in tokens for b in others
    )


def _by_time(
    claim,
    other,
    claim_day,
    other_day,
    *,
    why: str,
    evidence: dict[str, Any],
    tally: tuple[Figure, Figure] | None = None,
) -> RelationDecision:
    """Conflicting claims: a later one updates the earlier; at the same time they clash."""
    if claim_day and other_day:
        evidence["dates"] = {"this": claim_day.isoformat(), "other": other_day.isoformat()}
        if claim_day != other_day:
            return RelationDecision(
                "updates",
                f"{why}, {claim_day} vs {other_day}",
                other_is_subject=other_day > claim_day,
                reasons=evidence,
            )
    if tally is not None:
        ours, theirs = tally
        evidence["later"] = "the larger tally (tallies grow as reports come in)"
        return RelationDecision(
            "updates",
            f"{why}, the larger tally is the later",
            other_is_subject=theirs.value > ours.value,
            reasons=evidence,
        )
    if claim_day and other_day:
        return RelationDecision("contradicts", f"{why}, same day {claim_day}", reasons=evidence)
    claim_changes, other_changes = _reports_change(claim.text), _reports_change(other.text)
    if claim_changes != other_changes:
        evidence["later"] = "the one that reports a change"
        return RelationDecision(
            "updates",
            f"{why}, one reports a change",
            other_is_subject=other_changes,
            reasons=evidence,
        )
    return RelationDecision("contradicts", f"{why}, time unknown", reasons=evidence)


def _denies_explicitly(claim: ClaimForLinking) -> bool:
    return claim.kind == "denial" or bool(_DENIAL.search(claim.text))


def _is_name_word(word: str, *claims: ClaimForLinking) -> bool:
    """A word of a name: in an entity, or capitalised inside a sentence ("Mr Smith")."""
    stem = _stem(word)
    return any(stem in _name_stems(claim.text, claim.entities) for claim in claims)


@lru_cache(maxsize=65536)
def _name_stems(text: str, entities: tuple[str, ...]) -> frozenset[str]:
    stems = {_stem(t) for e in entities for t in _name_key(e).split()}
    stems.update(_stem(_fold(w)) for w in _CAPITALISED.findall(text))
    return frozenset(stems)


def _denies(claim: ClaimForLinking) -> bool:
    text = claim.text
    if claim.kind == "denial" or _DENIAL.search(text):
        return True
    return bool(_NEGATION.search(_HARMLESS_NEGATION.sub(" ", text)))


def _direction(claim: ClaimForLinking) -> str | None:
    if claim.kind not in _EVENT_KINDS:
        return None
    text = claim.text
    # "pushed back insurgents attempting to advance": the movement away is the news.
    if _AWAY.search(text):
        return "away"
    if _TOWARD.search(text):
        return "toward"
    return None


def _reports_change(text: str) -> bool:
    return bool(_CHANGE.search(text) or _AWAY.search(text) or _TOWARD.search(text))


def _is_date(quantity: LinkQuantity) -> bool:
    """A date or year read as a figure ("3 December", "2024"): time, not a quantity."""
    unit_words = set(quantity.unit.lower().split())
    return bool(unit_words & _CALENDAR_WORDS) or (
        float(quantity.value).is_integer()
        and 1800 <= quantity.value <= 2100
        and bool(_YEAR.search(quantity.text or str(int(quantity.value))))
    )


def _figures(claim: ClaimForLinking) -> tuple[LinkQuantity, ...]:
    return tuple(q for q in claim.quantities if not _is_date(q))


def _figure_clash(ours: list[Figure], theirs: list[Figure]) -> tuple[Figure, Figure] | None:
    """A figure and a rival of the same measure it differs from, when no figure of that
    measure on the other side agrees with it."""
    for figure in ours:
        rivals = [f for f in theirs if comparable(figure, f)]
        if rivals and all(differs(figure, f) for f in rivals):
            # The closest scope first: an identical counted noun over generic people.
            rivals.sort(key=lambda f: f.counted != figure.counted)
            return figure, rivals[0]
    return None


def _figure_agreement(ours: list[Figure], theirs: list[Figure]) -> str:
    for figure in ours:
        for rival in theirs:
            if comparable(figure, rival) and not differs(figure, rival):
                return f"{figure.label}: {figure.describe()} = {rival.describe()}"
    return ""


def _has_figure(claim: ClaimForLinking) -> bool:
    return bool(figures_of(claim.text, _figures(claim)))


def _states_distance(claim: ClaimForLinking) -> bool:
    return any(f.counted == DISTANCE for f in figures_of(claim.text, _figures(claim)))


# Presence in a place: "entered (parts of) X", "inside X", "captured X", "reached X".
_PRESENCE = re.compile(
    r"\b(entered|enters|entering|inside|breached|stormed|captured|seized|reached|arrived in"
    r"|took control of|taken control of|in parts of|in the centre of|in the center of)"
    r"((?:\W+\w+){0,8}?)\W+$",
    re.I,
)
# Words between a distance figure and its place: "10 km (six miles) from X", "north of X".
_DISTANCE_PLACE_GAP = 60
_DISTANCE_PREPOSITION = re.compile(r"\b(from|of|outside)\b", re.I)


def _arrival(claim: ClaimForLinking, other: ClaimForLinking) -> tuple[bool, str, Figure] | None:
    """When one claim states a distance from a place and the other presence in it (and
    no distance from it): (presence is ``other``, the place, the distance figure)."""
    for position, arrived, arrived_is_other in ((claim, other, True), (other, claim, False)):
        for place, distance in _distance_places(position):
            if _distance_places(arrived):
                continue
            if _denies(arrived) or not _states_presence(arrived.text, place):
                continue
            return arrived_is_other, place, distance
    return None


def _distance_places(claim: ClaimForLinking) -> list[tuple[str, Figure]]:
    """(place, figure) for each distance figure followed by "from"/"of" a named place."""
    text = claim.text
    places = []
    for figure in figures_of(text, _figures(claim)):
        if figure.counted != DISTANCE or not figure.text:
            continue
        end = text.find(figure.text)
        if end < 0:
            continue
        after = text[end + len(figure.text) : end + len(figure.text) + _DISTANCE_PLACE_GAP]
        for entity in claim.entities:
            at = after.find(entity)
            if at > 0 and _DISTANCE_PREPOSITION.search(after[:at]):
                places.append((entity, figure))
    return places


def _states_presence(text: str, place: str) -> bool:
    """Whether the text puts its subject in the place ("entered parts of the city of X")."""
    start = 0
    while (at := text.find(place, start)) >= 0:
        if _PRESENCE.search(text[:at]):
            return True
        start = at + len(place)
    return False

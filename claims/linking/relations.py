"""Typing a link between two similar claims: same, supports, updates, contradicts or None.

Similarity finds candidates but cannot type them ("about 10 km from Hama" and "retreated
about 20 km from Hama" are as close as paraphrases), so the type comes from comparing
slots, in this order:

1. **Denial**: one claim denies (kind ``denial``, a denial verb, or a negated predicate)
   and the other does not -> ``contradicts`` (the denial is the subject).
   (The two conflict types need a cosine of ``min_conflict_similarity``, a denial
   ``min_denial_similarity``; below it a conflicting pair is not linked at all.)
2. **Figures**: a quantity of the same unit on both sides whose ranges do not overlap
   (hedged figures get +/-25%, "tens of thousands" spans 10,000-100,000, stated bounds
   are kept) -> a time question:
   - both claims dated and the dates differ -> ``updates`` (the later one is the subject);
   - both dated, same day -> ``contradicts``;
   - a date missing: if exactly one claim reports a change ("retreated", "rose to") it is
     the newer state -> ``updates``; otherwise ``contradicts``.
3. **Direction** (event and quantity claims only): one claim moves toward a place
   (advanced, entered) and the other away (retreated, pushed back) -> the same time rule
   as figures. A movement against a bare position (a distance figure with no movement)
   -> ``updates`` when the movement is later (undated: when it is a retreat), else
   ``supports``.
4. **Consistent**: ``same`` when the cosine reaches ``same_threshold``, both or neither
   state a figure, and they do not say they happened on different days (a date or
   weekday in both statements; differing publication dates alone do not count);
   otherwise ``supports``.

A claim's date is an explicit date in its statement, else a weekday resolved against the
article's published date, else the published date (``claims.linking.dates``).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from claims.linking.dates import MONTH_NAMES as _MONTH_NAMES
from claims.linking.dates import WEEKDAY_NAMES as _WEEKDAY_NAMES
from claims.linking.dates import claim_date, mentions_time
from claims.linking.records import ClaimForLinking, LinkQuantity, Relation

DEFAULT_MIN_SIMILARITY = 0.35
# A suggested conflict costs an editor more than a suggested repeat, so "updates" and
# "contradicts" need a closer pair (dev gold: true conflicts were 0.57 and up).
DEFAULT_MIN_CONFLICT_SIMILARITY = 0.5
# A denial shares the vocabulary of every claim on its topic ("denied ... captured seven
# villages" vs "captured towns and villages in Idlib"): it must match more closely
# (dev gold: true denial pairs 0.64 and up, loose ones up to 0.57).
DEFAULT_MIN_DENIAL_SIMILARITY = 0.6
DEFAULT_SAME_THRESHOLD = 0.8
# A hedged figure ("about 10 km") covers this share either side of its value.
APPROXIMATE_TOLERANCE = 0.25

_DENIAL = re.compile(
    r"\b(den(y|ies|ied|ying)|refut(e|es|ed|ing)|dismiss(ed|es)? .{0,40}\b(false|untrue)"
    r"|(is|was|were|are) (false|untrue))\b",
    re.I,
)
_NEGATION = re.compile(r"\b(not|never|no longer)\b|n't\b", re.I)
# Negations that do not deny the claim's proposition.
_HARMLESS_NEGATION = re.compile(
    r"\b(not only|could not be (independently )?(verified|confirmed))\b", re.I
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
_VAGUE_MAGNITUDE = re.compile(r"\b(tens|dozens|scores|hundreds|thousands|millions) of\b", re.I)
_UNIT_ALIASES = {
    "km": ("km", 1.0),
    "kilometre": ("km", 1.0),
    "kilometer": ("km", 1.0),
    "mi": ("km", 1.609344),
    "mile": ("km", 1.609344),
    "m": ("km", 0.001),
    "metre": ("km", 0.001),
    "meter": ("km", 0.001),
}
_LENGTH_UNIT = "km"
_DENIES = "one claim denies"
# Movements are events; in background or attributed claims a movement word describes
# someone ("the insurgents advancing on Hama are led by ...") or a demand ("withdraw").
_EVENT_KINDS = frozenset({"event", "quantity", ""})
_CALENDAR_WORDS = frozenset((*_MONTH_NAMES, *_WEEKDAY_NAMES))
_YEAR = re.compile(r"\b(1[89]|20)\d\d\b")


@dataclass(frozen=True)
class RelationDecision:
    """The type of ``claim -> other``; it reads ``other <relation> claim`` when
    ``other_is_subject`` (the other claim is the later figure or the denial)."""

    relation: Relation | None
    reason: str
    other_is_subject: bool = False


def type_relation(
    claim: ClaimForLinking,
    other: ClaimForLinking,
    *,
    similarity: float,
    min_similarity: float = DEFAULT_MIN_SIMILARITY,
    min_conflict_similarity: float = DEFAULT_MIN_CONFLICT_SIMILARITY,
    min_denial_similarity: float = DEFAULT_MIN_DENIAL_SIMILARITY,
    same_threshold: float = DEFAULT_SAME_THRESHOLD,
) -> RelationDecision:
    """How ``claim`` relates to ``other``, given their cosine similarity."""
    if similarity < min_similarity:
        return RelationDecision(None, f"similarity {similarity:.2f} < {min_similarity:.2f}")
    decision = _slot_relation(claim, other, similarity=similarity, same_threshold=same_threshold)
    if decision.reason == _DENIES and similarity < min_denial_similarity:
        return RelationDecision(None, f"a denial, similarity {similarity:.2f} too low")
    if decision.relation in {"updates", "contradicts"} and similarity < min_conflict_similarity:
        return RelationDecision(
            None, f"{decision.reason}; similarity {similarity:.2f} too low for a conflict"
        )
    return decision


def _slot_relation(
    claim: ClaimForLinking, other: ClaimForLinking, *, similarity: float, same_threshold: float
) -> RelationDecision:
    claim_denies, other_denies = _denies(claim), _denies(other)
    if claim_denies != other_denies:
        return RelationDecision("contradicts", _DENIES, other_is_subject=other_denies)

    claim_day = claim_date(claim.text, published=claim.published)
    other_day = claim_date(other.text, published=other.published)

    clash = _figure_clash(_figures(claim), _figures(other))
    if clash:
        return _by_time(claim, other, claim_day, other_day, why=clash)

    claim_way, other_way = _direction(claim), _direction(other)
    if claim_way and other_way and claim_way != other_way:
        return _by_time(
            claim, other, claim_day, other_day, why=f"moves {claim_way} vs {other_way}"
        )
    if bool(claim_way) != bool(other_way):
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
            if later:
                return RelationDecision(
                    "updates", "movement after a position", other_is_subject=mover_is_other
                )
            return RelationDecision("supports", "movement consistent with a position")

    # Two reports of one fact on different days are still the same claim; only claims
    # that themselves say they happened on different days merely support each other.
    if (
        claim_day != other_day
        and claim_day
        and other_day
        and mentions_time(claim.text)
        and mentions_time(other.text)
    ):
        return RelationDecision("supports", f"consistent, but {claim_day} vs {other_day}")
    if _has_figure(claim) != _has_figure(other):
        return RelationDecision("supports", "consistent, one states a figure")
    if similarity >= same_threshold:
        return RelationDecision("same", f"similarity {similarity:.2f}")
    return RelationDecision("supports", f"consistent, similarity {similarity:.2f}")


def _by_time(claim, other, claim_day, other_day, *, why: str) -> RelationDecision:
    """Conflicting claims: a later one updates the earlier; at the same time they clash."""
    if claim_day and other_day:
        if claim_day == other_day:
            return RelationDecision("contradicts", f"{why}, same day {claim_day}")
        return RelationDecision(
            "updates", f"{why}, {claim_day} vs {other_day}", other_is_subject=other_day > claim_day
        )
    claim_changes, other_changes = _reports_change(claim.text), _reports_change(other.text)
    if claim_changes != other_changes:
        return RelationDecision(
            "updates", f"{why}, one reports a change", other_is_subject=other_changes
        )
    return RelationDecision("contradicts", f"{why}, time unknown")


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


def _normal_unit(unit: str) -> tuple[str, float]:
    """A comparable unit name and the factor to it ("miles" -> ("km", 1.609))."""
    words = unit.lower().strip().split()
    if not words:
        return "", 1.0
    last = words[-1]
    if len(last) > 3 and last.endswith("s") and not last.endswith("ss"):
        last = last[:-1]
    if len(words) == 1 and last in _UNIT_ALIASES:
        return _UNIT_ALIASES[last]
    return " ".join([*words[:-1], last]), 1.0


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


def _interval(quantity: LinkQuantity) -> tuple[str, float, float]:
    unit, factor = _normal_unit(quantity.unit)
    value = quantity.value * factor
    if _VAGUE_MAGNITUDE.search(quantity.text):
        return unit, value, value * 10
    low = None if quantity.low is None else quantity.low * factor
    high = None if quantity.high is None else quantity.high * factor
    tolerance = APPROXIMATE_TOLERANCE if quantity.approximate else 1e-9
    if low is None and high is None:
        return unit, value * (1 - tolerance), value * (1 + tolerance)
    if low is None:
        return unit, high * (1 - APPROXIMATE_TOLERANCE), high
    return unit, low, math.inf if high is None else high


def _figure_clash(ours: tuple[LinkQuantity, ...], theirs: tuple[LinkQuantity, ...]) -> str:
    """A reason when a figure has same-unit figures on the other side and fits none."""
    their_intervals = [_interval(q) for q in theirs]
    for quantity in ours:
        unit, low, high = _interval(quantity)
        if not unit:
            continue
        rivals = [(lo, hi) for u, lo, hi in their_intervals if u == unit]
        if rivals and not any(low <= hi and lo <= high for lo, hi in rivals):
            return f"figures differ ({quantity.value:g} {unit})"
    return ""


def _has_figure(claim: ClaimForLinking) -> bool:
    return any(_normal_unit(q.unit)[0] for q in _figures(claim))


def _states_distance(claim: ClaimForLinking) -> bool:
    return any(_normal_unit(q.unit)[0] == _LENGTH_UNIT for q in _figures(claim))

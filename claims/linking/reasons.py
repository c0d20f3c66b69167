"""Why a link was suggested, in words an editor reads beside the link (pure, no Django).

``reasons`` is the JSON the linking core stores on a suggestion (``RelationDecision``
and ``suggest_links``): similarity, lexical, shared_entities, shared_words, figures
(measure, this, other), same_figure, denial, denied_words, accusation, movement, arrival
(place, distance, presence), dates, later, within_article, article_similarity, probability.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def describe_reasons(reasons: Mapping[str, Any] | None) -> list[str]:
    """Short lines, most telling first; unknown keys are left out."""
    if not reasons:
        return []
    lines = []
    figures = reasons.get("figures")
    if isinstance(figures, Mapping):
        lines.append(
            f"different figure for {figures.get('measure', 'one measure')}: "
            f"{figures.get('this', '?')} vs {figures.get('other', '?')}"
        )
    arrival = reasons.get("arrival")
    if isinstance(arrival, Mapping):
        lines.append(
            f"arrival: {arrival.get('distance', '?')} from {arrival.get('place', '?')}, "
            f"then in {arrival.get('place', '?')}"
        )
    if reasons.get("later"):
        lines.append(f"later: {reasons['later']}")
    if reasons.get("denial"):
        lines.append(f"denial: “{_short(str(reasons['denial']))}”")
    if reasons.get("accusation"):
        lines.append(f"answers the accusation: “{_short(str(reasons['accusation']))}”")
    if reasons.get("denied_words"):
        lines.append("denies what the other says: " + ", ".join(map(str, reasons["denied_words"])))
    movement = reasons.get("movement")
    if isinstance(movement, Mapping):
        lines.append(f"movement: {movement.get('this')} vs {movement.get('other')}")
    if reasons.get("same_figure"):
        lines.append(f"same figure: {reasons['same_figure']}")
    dates = reasons.get("dates")
    if isinstance(dates, Mapping):
        lines.append(f"dates: {dates.get('this')} vs {dates.get('other')}")
    if reasons.get("shared_entities"):
        lines.append("names in common: " + ", ".join(map(str, reasons["shared_entities"])))
    if "similarity" in reasons:
        similarity = f"similarity {float(reasons['similarity']):.2f}"
        if "lexical" in reasons:
            similarity += f", word overlap {float(reasons['lexical']):.2f}"
        lines.append(similarity)
    if "article_similarity" in reasons:
        lines.append(f"articles alike as a whole: {float(reasons['article_similarity']):.2f}")
    if reasons.get("within_article"):
        lines.append("both in one article")
    return lines


def _short(text: str, limit: int = 120) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"

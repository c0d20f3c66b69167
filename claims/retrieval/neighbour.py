"""A search result, shared by the search facade and its backends (a leaf: imports nothing)."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Neighbour:
    claim_id: int
    similarity: float

"""Claim extraction: a pure NLP pipeline (no Django), text in, plain records out."""

from claims.extraction.checkworthiness import DEFAULT_THRESHOLD
from claims.extraction.context import StatementContext
from claims.extraction.pipeline import (
    DEFAULT_MODEL,
    EXTRACTOR_NAME,
    EXTRACTOR_VERSION,
    claims_from_doc,
    extract_claims,
    extract_claims_many,
    load_nlp,
)
from claims.extraction.records import Entity, ExtractedClaim, Quantity

__all__ = [
    "DEFAULT_MODEL",
    "DEFAULT_THRESHOLD",
    "EXTRACTOR_NAME",
    "EXTRACTOR_VERSION",
    "Entity",
    "ExtractedClaim",
    "Quantity",
    "StatementContext",
    "claims_from_doc",
    "extract_claims",
    "extract_claims_many",
    "load_nlp",
]

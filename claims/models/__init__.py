from claims.models.claim import CLAIM_STATUS_TRANSITIONS, Claim, ClaimKind, ClaimStatus
from claims.models.extraction import ExtractionRun
from claims.models.link import (
    ClaimEmbedding,
    ClaimLink,
    FactCheck,
    LinkRelation,
    LinkStatus,
    TrackedClaim,
)

__all__ = [
    "CLAIM_STATUS_TRANSITIONS",
    "Claim",
    "ClaimEmbedding",
    "ClaimKind",
    "ClaimLink",
    "ClaimStatus",
    "ExtractionRun",
    "FactCheck",
    "LinkRelation",
    "LinkStatus",
    "TrackedClaim",
]

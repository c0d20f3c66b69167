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
from claims.models.review import (
    Rejection,
    ReviewAction,
    ReviewEvent,
    ReviewEventIsAppendOnly,
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
    "Rejection",
    "ReviewAction",
    "ReviewEvent",
    "ReviewEventIsAppendOnly",
    "TrackedClaim",
]

from claims.models.api import (
    ApiToken,
    Change,
    ChangeOperation,
    DeliveryStatus,
    TokenScope,
    WebhookDelivery,
    WebhookEvent,
    WebhookSubscription,
)
from claims.models.claim import (
    CLAIM_STATUS_ACTIONS,
    CLAIM_STATUS_TRANSITIONS,
    DECISION_STATUS,
    Claim,
    ClaimKind,
    ClaimStatus,
)
from claims.models.extraction import ExtractionRun
from claims.models.link import (
    LINK_STATUS_ACTIONS,
    ClaimEmbedding,
    ClaimLink,
    FactCheck,
    LinkRelation,
    LinkStatus,
    TrackedClaim,
)
from claims.models.recheck import (
    ClaimRecheck,
    FindingKind,
    RecheckOutcome,
    RecheckRun,
    RecheckSchedule,
    RecheckTrigger,
)
from claims.models.review import (
    Rejection,
    ReviewAction,
    ReviewEvent,
    ReviewEventIsAppendOnly,
)
from claims.models.source import Source

__all__ = [
    "ApiToken",
    "Change",
    "ChangeOperation",
    "DeliveryStatus",
    "TokenScope",
    "WebhookDelivery",
    "WebhookEvent",
    "WebhookSubscription",
    "CLAIM_STATUS_ACTIONS",
    "CLAIM_STATUS_TRANSITIONS",
    "DECISION_STATUS",
    "LINK_STATUS_ACTIONS",
    "Claim",
    "ClaimEmbedding",
    "ClaimKind",
    "ClaimLink",
    "ClaimRecheck",
    "ClaimStatus",
    "ExtractionRun",
    "FactCheck",
    "FindingKind",
    "LinkRelation",
    "LinkStatus",
    "RecheckOutcome",
    "RecheckRun",
    "RecheckSchedule",
    "RecheckTrigger",
    "Rejection",
    "ReviewAction",
    "ReviewEvent",
    "ReviewEventIsAppendOnly",
    "Source",
    "TrackedClaim",
]

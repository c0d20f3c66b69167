"""The review actions a person takes on a claim or a link, in one table keyed by
`ReviewAction`: which service runs each, what it acts on, the verb that names it in URLs
(the admin's `.../review/<verb>/`, the API's `.../<verb>/`) and what to tell the person.

What each status allows is declared beside the models (`Claim.review_actions`,
`ClaimLink.review_actions`); the services check it. Front doors pass their validated
input, named as the services' keyword arguments, to `review_action_take`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from claims.models import Claim, ClaimLink, ReviewAction
from claims.services.claim_review import (
    claim_confirm,
    claim_dispute,
    claim_edit_statement,
    claim_reject,
    claim_reopen,
)
from claims.services.link_review import (
    claim_link_accept,
    claim_link_create,
    claim_link_reject,
    claim_link_unlink,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser as User


@dataclass(frozen=True)
class ReviewActionSpec:
    subject: Literal["claim", "link"]  # the keyword the service takes the target as
    verb: str
    service: Callable[..., object]
    done: str  # formatted with `claim` and `other`, the ids of the claims concerned


REVIEW_ACTIONS: dict[ReviewAction, ReviewActionSpec] = {
    ReviewAction.CLAIM_CONFIRM: ReviewActionSpec(
        "claim", "confirm", claim_confirm, "Claim #{claim} confirmed."
    ),
    ReviewAction.CLAIM_DISPUTE: ReviewActionSpec(
        "claim", "dispute", claim_dispute, "Claim #{claim} disputed."
    ),
    ReviewAction.CLAIM_REJECT: ReviewActionSpec(
        "claim", "reject", claim_reject, "Claim #{claim} rejected."
    ),
    ReviewAction.CLAIM_REOPEN: ReviewActionSpec(
        "claim", "reopen", claim_reopen, "Claim #{claim} reopened: it is a suggestion again."
    ),
    ReviewAction.CLAIM_EDIT_STATEMENT: ReviewActionSpec(
        "claim", "edit-statement", claim_edit_statement, "Statement of claim #{claim} saved."
    ),
    ReviewAction.LINK_CREATE: ReviewActionSpec(
        "claim", "link", claim_link_create, "Claim #{claim} linked."
    ),
    ReviewAction.LINK_ACCEPT: ReviewActionSpec(
        "link", "accept", claim_link_accept, "Link from claim #{claim} to #{other} accepted."
    ),
    ReviewAction.LINK_REJECT: ReviewActionSpec(
        "link", "reject", claim_link_reject, "Link from claim #{claim} to #{other} rejected."
    ),
    ReviewAction.LINK_UNLINK: ReviewActionSpec(
        "link", "unlink", claim_link_unlink, "Claims #{claim} and #{other} unlinked."
    ),
}


def review_action_by_verb(*, subject: Literal["claim", "link"], verb: str) -> ReviewAction | None:
    """The action a URL's verb names on a claim or on a link, or None if there is none."""
    return next(
        (
            action
            for action, spec in REVIEW_ACTIONS.items()
            if spec.subject == subject and spec.verb == verb
        ),
        None,
    )


def review_action_take(
    *, action: ReviewAction, target: Claim | ClaimLink, actor: User | None, **inputs
) -> str:
    """Run the action's service on the claim or link with the person's input; return what
    to tell them. Refusals are `ApplicationError` (`ConcurrentChange` for a stale version).
    """
    spec = REVIEW_ACTIONS[action]
    spec.service(**{spec.subject: target}, actor=actor, **inputs)
    if isinstance(target, ClaimLink):
        return spec.done.format(claim=target.claim_id, other=target.other_id)
    return spec.done.format(claim=target.pk)


def review_verbs_allowed(*, target: Claim | ClaimLink) -> frozenset[str]:
    """The verbs of the actions the target's status allows now (the forms a page shows)."""
    return frozenset(REVIEW_ACTIONS[action].verb for action in target.review_actions)

"""Who may do what with claims: one check shared by the admin and the API."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

REVIEW_PERMISSION = "claims.review_claim"


def can_review(*, user: AbstractBaseUser | AnonymousUser) -> bool:
    """Whether the user may take review decisions (confirm, dispute, reject, link...)."""
    return user.has_perm(REVIEW_PERMISSION)

"""Who may review: one check used by the admin and the API."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser as User

REVIEW_PERMISSION = "claims.review_claim"


def can_review(*, user: User | None) -> bool:
    return bool(user is not None and user.is_active and user.has_perm(REVIEW_PERMISSION))

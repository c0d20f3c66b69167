"""Review actions need a review-scoped token (or a session) and the review permission."""

from rest_framework.permissions import BasePermission

from claims.models import ApiToken, TokenScope
from claims.permissions import can_review


class CanReview(BasePermission):
    message = (
        "Reviewing needs a token with the review scope, for a user with the review "
        "permission (manage.py create_api_token USERNAME --scope review)."
    )

    def has_permission(self, request, view) -> bool:
        token = request.auth
        if isinstance(token, ApiToken) and token.scope != TokenScope.REVIEW:
            return False
        return can_review(user=request.user)

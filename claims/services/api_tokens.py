"""API tokens: created for a user with a scope, stored hashed, revoked, checked per request."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from articles.errors import ApplicationError
from claims.models import ApiToken, TokenScope

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser as User

REVIEWER_GROUP = "Reviewer"
# last_used_at is written at most this often per token, not on every request.
LAST_USED_RESOLUTION = timedelta(minutes=1)


@transaction.atomic
def api_token_create(
    *, username: str, scope: str, name: str = "", actor: User | None = None
) -> tuple[ApiToken, str]:
    """A new token for `username` (created if missing); returns it and its key, shown once.

    A review token's user joins the Reviewer group, which holds the review permission.
    """
    if scope not in TokenScope.values:
        raise ApplicationError(f"“{scope}” is not a token scope: use read or review.")
    if not username.strip():
        raise ApplicationError("Give the name of the user the token acts for.")
    user, _ = get_user_model().objects.get_or_create(username=username)
    if scope == TokenScope.REVIEW:
        group = Group.objects.filter(name=REVIEWER_GROUP).first()
        if group is None:
            raise ApplicationError(
                f"The {REVIEWER_GROUP} group is missing: run `manage.py migrate` first."
            )
        user.groups.add(group)
    key = ApiToken.new_key()
    token = ApiToken.objects.create(
        user=user, scope=scope, name=name, prefix=key[:8], key_sha256=ApiToken.hash_key(key)
    )
    return token, key


@transaction.atomic
def api_token_revoke(*, token: ApiToken, actor: User | None = None) -> ApiToken:
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def api_token_authenticate(*, key: str) -> ApiToken | None:
    """The active token with this key, or None; notes when it was last used."""
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_sha256=ApiToken.hash_key(key), revoked_at__isnull=True)
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token

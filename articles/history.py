"""Writing a model change together with its history record: who made it, and why.

django-simple-history reads the acting user and the reason from the instance when it
saves or deletes; these two functions are the one place that sets them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser as User


def save_with_history(
    instance: models.Model,
    *,
    actor: User | None,
    reason: str,
    update_fields: list[str] | None = None,
) -> None:
    instance._history_user = actor
    instance._change_reason = reason
    instance.save(update_fields=update_fields)


def delete_with_history(instance: models.Model, *, actor: User | None, reason: str) -> None:
    instance._history_user = actor
    instance._change_reason = reason
    instance.delete()

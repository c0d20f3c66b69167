"""Keeping the API's changes feed bounded: compaction, not truncation.

The feed (``claims.models.Change``, written by database triggers) says *which* object
changed; a consumer fetches the object for its state. So an old change that a later
change of the same object supersedes tells a consumer nothing the later one does not:
compaction deletes those, once they are older than ``CHANGES_COMPACT_AFTER_DAYS``. The
latest change of every object stays (a deletion's tombstone too), so a cursor of any age
still reaches every object's current state, and the feed grows with the number of
objects, not with the number of edits.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db.models import Exists, OuterRef
from django.utils import timezone

from claims.models import Change

# Rows deleted per statement: bounded, so compaction never holds a long lock.
COMPACT_BATCH = 5_000


def changes_compact(*, older_than: datetime.datetime | None = None) -> int:
    """Delete the numbered changes made before ``older_than`` (default: the retention in
    settings) that a later change of the same object supersedes; how many were deleted."""
    if older_than is None:
        older_than = timezone.now() - datetime.timedelta(days=settings.CHANGES_COMPACT_AFTER_DAYS)
    superseded = Change.objects.filter(
        object_type=OuterRef("object_type"),
        object_id=OuterRef("object_id"),
        position__gt=OuterRef("position"),
    )
    stale = Change.objects.filter(position__isnull=False, changed_at__lt=older_than).filter(
        Exists(superseded)
    )
    deleted = 0
    while True:
        batch = list(stale.order_by("position").values_list("pk", flat=True)[:COMPACT_BATCH])
        if not batch:
            return deleted
        deleted += Change.objects.filter(pk__in=batch).delete()[0]

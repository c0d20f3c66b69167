"""The changes feed under concurrent writers on PostgreSQL: no gap, no repeat.

Writers hold their transactions open after inserting (so ids are handed out long before
the commit, out of commit order) while a reader follows the feed by its cursor.
"""

import random
import threading
import time

import pytest
from django.db import connection, transaction
from rest_framework.test import APIClient

from claims.models import Change, Claim
from tests.claims.factories import ClaimFactory

WRITERS = 4
WRITES_EACH = 8


@pytest.mark.django_db(transaction=True)
def test_changes_feed_has_no_gap_and_no_repeat_with_concurrent_writers(
    require_postgres, make_token
):
    _, key = make_token("sync", "read")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    done = threading.Event()
    errors: list[BaseException] = []
    rng = random.Random(7)
    pauses = [[rng.uniform(0, 0.05) for _ in range(WRITES_EACH)] for _ in range(WRITERS)]

    def write(number: int) -> None:
        try:
            for pause in pauses[number]:
                with transaction.atomic():
                    claim = ClaimFactory()
                    Claim.objects.filter(pk=claim.pk).update(statement=f"edited {number}")
                    time.sleep(pause)  # the ids are taken; the commit comes later
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    seen: list[dict] = []

    def read() -> None:
        url = "/api/v1/changes/?page_size=7"
        try:
            while True:
                finished = done.is_set()
                page = client.get(url).json()
                seen.extend(page["results"])
                url = page["next"]
                if finished and not page["results"]:
                    return
                time.sleep(0.005)
        except BaseException as error:  # noqa: BLE001
            errors.append(error)
        finally:
            connection.close()

    reader = threading.Thread(target=read)
    writers = [threading.Thread(target=write, args=(n,)) for n in range(WRITERS)]
    reader.start()
    for thread in writers:
        thread.start()
    for thread in writers:
        thread.join()
    done.set()
    reader.join(timeout=60)

    assert not errors, errors
    positions = [change["position"] for change in seen]
    assert len(positions) == len(set(positions)), "a change was served twice"
    assert positions == sorted(positions)
    committed = list(Change.objects.order_by("position").values_list("position", flat=True))
    assert positions == committed, "the reader missed a change"
    # Each write made an article, a claim and an update of it.
    assert len(committed) >= WRITERS * WRITES_EACH * 3

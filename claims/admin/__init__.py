"""The editors' workplace, one module a page: articles with their claims highlighted
(`articles`), the review queue and claim page (`claims`), links (`links`), tracked claims
(`tracked_claims`), the review history (`review_events`), re-checks (`rechecks`),
and the API's tokens, webhook subscriptions and deliveries (`api`).

Importing the modules registers their admin classes with the admin site.
"""

from claims.admin import (  # noqa: F401
    api,
    articles,
    claims,
    links,
    rechecks,
    review_events,
    tracked_claims,
)

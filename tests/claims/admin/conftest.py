"""Review fixtures for this folder (see tests/claims/review_fixtures.py)."""

from tests.claims.review_fixtures import *  # noqa: F403

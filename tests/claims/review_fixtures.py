"""Fixtures shared by the review tests (services, admin, models, browser).

Imported by the conftest.py of each of those folders; not a test module itself.
"""

import importlib
import pkgutil

import pytest

from claims.models import Claim
from tests.articles.factories import ArticleFactory
from tests.claims.factories import ClaimFactory, ClaimLinkFactory


def _review_migration():
    """The migration that creates ReviewEvent, its triggers and the groups (by name)."""
    import claims.migrations

    [name] = [
        module.name
        for module in pkgutil.iter_modules(claims.migrations.__path__)
        if module.name.endswith("_review")
    ]
    return importlib.import_module(f"claims.migrations.{name}")


REVIEW_MIGRATION = _review_migration()
EDITOR, REVIEWER, READ_ONLY = "Editor", "Reviewer", "Read-only staff"


@pytest.fixture
def review_groups(db):
    """The groups the review migration creates (again if a transactional test flushed them)."""
    from django.apps import apps
    from django.contrib.auth.models import Group

    REVIEW_MIGRATION.create_review_groups(apps)
    return {
        group.name: group for group in Group.objects.filter(name__in=[EDITOR, REVIEWER, READ_ONLY])
    }


def make_staff(django_user_model, username: str, group=None):
    user = django_user_model.objects.create_user(
        username, email=f"{username}@example.com", password=f"pw-{username}-123", is_staff=True
    )
    if group is not None:
        user.groups.add(group)
    return django_user_model.objects.get(pk=user.pk)  # fresh permission cache


@pytest.fixture
def editor(django_user_model, review_groups):
    return make_staff(django_user_model, "edna", review_groups[EDITOR])


@pytest.fixture
def second_editor(django_user_model, review_groups):
    return make_staff(django_user_model, "bob", review_groups[EDITOR])


@pytest.fixture
def reviewer(django_user_model, review_groups):
    return make_staff(django_user_model, "rita", review_groups[REVIEWER])


@pytest.fixture
def readonly_staff(django_user_model, review_groups):
    return make_staff(django_user_model, "otto", review_groups[READ_ONLY])


@pytest.fixture
def claim(db) -> Claim:
    """A suggested claim at the start of an article."""
    article = ArticleFactory(
        body="Insurgents were about 10 km from Hama on Tuesday, a monitor said. "
        "Tens of thousands of people fled their homes.",
        outlet="Newer Wire",
    )
    return ClaimFactory(article=article, start=0, end=66)


@pytest.fixture
def prior_claim(db) -> Claim:
    """A claim from an earlier article, the target of links."""
    article = ArticleFactory(
        body="Rebels advanced to within 10 km of the city of Hama, the Observatory said.",
        outlet="Earlier Times",
    )
    return ClaimFactory(article=article, start=0, end=len(article.body))


@pytest.fixture
def suggested_link(claim, prior_claim):
    return ClaimLinkFactory(claim=claim, other=prior_claim)

"""Suggesting typed links from an article's claims to prior claims of other articles."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

import numpy as np
from django.conf import settings
from django.db import transaction
from django.db.models import Q

from articles.history import save_with_history
from articles.models import LinkingStatus
from claims import linking
from claims.models import (
    Claim,
    ClaimLink,
    ClaimStatus,
    LinkRelation,
)
from claims.retrieval.embeddings import claim_embeddings_ensure, get_embedder
from claims.retrieval.vector_search import nearest_claims, stored_vectors
from claims.selectors.claims import claims_with_article_keys
from claims.selectors.links import link_unlinked_by_a_person

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser as User

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class LinkSyncCounts:
    created: int = 0
    updated: int = 0
    kept_decided: int = 0


def article_links_queue(*, article_id: int) -> None:
    """Suggest links for the article's claims once the current transaction commits."""
    from claims.tasks import article_suggest_links_task

    article_suggest_links_task.delay_on_commit(article_id)


# Claims embedded, and ids looked up, per query (also under SQLite's variable limit).
LINKING_BATCH = 1000


def article_linking_set_status(*, article_id: int, status: str, error: str = "") -> None:
    """Record where link suggestion for the article stands (shown in the admin)."""
    from articles.models import Article

    article = Article.objects.defer("raw", "minhash").get(pk=article_id)
    if article.linking_status == status and article.linking_error == error:
        return
    article.linking_status, article.linking_error = status, error[:5000]
    save_with_history(
        article,
        actor=None,
        reason=f"Linking: {status}",
        update_fields=["linking_status", "linking_error", "updated_at"],
    )


def article_links_mark_failed(*, article_id: int, error: str) -> None:
    """The linking task gave up: say so on the article, where the admin shows it."""
    article_linking_set_status(article_id=article_id, status=LinkingStatus.FAILED, error=error)


def article_suggest_links(*, article_id: int) -> LinkSyncCounts:
    """Embed the article's claims and store typed link suggestions to prior claims.

    Idempotent: a second run finds the same links and changes nothing. Links a person
    accepted or rejected are never changed or removed.
    """
    from claims.services.extraction import article_heartbeat

    article_linking_set_status(article_id=article_id, status=LinkingStatus.LINKING)
    article_heartbeat(article_id=article_id)
    claims = list(
        claims_with_article_keys()
        .filter(article_id=article_id)
        .exclude(status=ClaimStatus.REJECTED)
        .order_by("start", "end", "id")
    )
    if not claims:
        article_linking_set_status(article_id=article_id, status=LinkingStatus.LINKED)
        return LinkSyncCounts()
    embedder = get_embedder()
    parts = []
    for first in range(0, len(claims), LINKING_BATCH):
        parts.append(
            claim_embeddings_ensure(claims[first : first + LINKING_BATCH], embedder=embedder)
        )
        article_heartbeat(article_id=article_id)
    vectors = np.vstack(parts)
    neighbours = nearest_claims(
        vectors,
        model_version=embedder.version,
        k=linking.DEFAULT_CANDIDATE_POOL,
        exclude_article_id=article_id,
    )
    prior_ids = sorted({n.claim_id for row in neighbours for n in row})
    prior_vector_by_id = {}
    priors = []
    for first in range(0, len(prior_ids), LINKING_BATCH):
        batch = prior_ids[first : first + LINKING_BATCH]
        prior_vector_by_id.update(stored_vectors(batch, model_version=embedder.version))
        priors.extend(
            p
            for p in claims_with_article_keys()
            .select_related("fact_check")
            .filter(pk__in=batch)
            .order_by("pk")
            if p.pk in prior_vector_by_id
        )
    # The article's own claims are candidates too, for the within-article tier.
    profiles = article_profiles(
        {p.article_id for p in priors if p.article_id} | {article_id}, embedder=embedder
    )
    # Every claim of an earlier article of this story: a reworded figure of one measure
    # ("killing 18", "the number confirmed dead rose to 31") is no near neighbour.
    story_claims, story_vectors = _story_claims(
        article_id, profiles, known={p.pk for p in priors}, model_version=embedder.version
    )
    priors.extend(story_claims)
    prior_vector_by_id.update(story_vectors)
    # The claims' default order, as one query would have given them.
    priors.sort(key=lambda p: (p.article_id is not None, p.article_id or 0, p.start, p.end, p.pk))
    new_claims = [claim_for_linking(c, profiles=profiles) for c in claims]
    candidates = [claim_for_linking(p, profiles=profiles) for p in priors] + new_claims
    candidate_vectors = np.vstack([*(prior_vector_by_id[p.pk] for p in priors), vectors])
    suggestions = linking.suggest_links(
        new_claims,
        candidates,
        candidate_vectors,
        new_vectors=vectors,
        embedder=embedder,
        **link_thresholds(),
    )
    counts = _sync_links(suggestions)
    article_linking_set_status(article_id=article_id, status=LinkingStatus.LINKED)
    return counts


def _story_claims(
    article_id: int,
    profiles: dict[int, linking.ArticleProfile],
    *,
    known: set[int],
    model_version: str,
) -> tuple[list[Claim], dict[int, np.ndarray]]:
    """The claims (not rejected, with a vector) of the articles of the same story
    (``linking.one_story``), up to ``linking.MAX_STORY_ARTICLES`` of the closest, that
    are not already among ``known``; and their vectors by claim id."""
    own = profiles.get(article_id)
    story = sorted(
        (
            (float(np.dot(own.vector, profile.vector)), other_id)
            for other_id, profile in profiles.items()
            if other_id != article_id and linking.one_story(own, profile)
        ),
        reverse=True,
    )[: linking.MAX_STORY_ARTICLES]
    found: list[Claim] = []
    found_vectors: dict[int, np.ndarray] = {}
    if not story:
        return found, found_vectors
    claims = list(
        claims_with_article_keys()
        .select_related("fact_check")
        .filter(article_id__in=[other_id for _similarity, other_id in story])
        .exclude(status=ClaimStatus.REJECTED)
        .exclude(pk__in=known)
        .order_by("pk")
    )
    for first in range(0, len(claims), LINKING_BATCH):
        batch = claims[first : first + LINKING_BATCH]
        vectors = stored_vectors([c.pk for c in batch], model_version=model_version)
        found.extend(c for c in batch if c.pk in vectors)
        found_vectors.update(vectors)
    return found, found_vectors


def link_thresholds() -> dict:
    """The suggestion thresholds from settings; unset ones keep the measured defaults."""
    values = {
        "k": settings.CLAIMS_LINKS_PER_CLAIM,
        "within_article_k": settings.CLAIMS_LINKS_WITHIN_ARTICLE,
        "min_similarity": settings.CLAIMS_LINK_MIN_SIMILARITY,
        "same_threshold": settings.CLAIMS_LINK_SAME_THRESHOLD,
        "lexical_weight": settings.CLAIMS_LINK_LEXICAL_WEIGHT,
    }
    return {name: value for name, value in values.items() if value is not None}


def article_profiles(article_ids: set[int], *, embedder) -> dict[int, linking.ArticleProfile]:
    """What each article is about as a whole (``claims.linking.articles``): from all its
    claims that are not rejected and have a stored vector."""
    claims = list(
        claims_with_article_keys()
        .filter(article_id__in=article_ids)
        .exclude(status=ClaimStatus.REJECTED)
        .order_by("article_id", "start", "end", "id")
    )
    by_id = {}
    for first in range(0, len(claims), LINKING_BATCH):
        batch = [c.pk for c in claims[first : first + LINKING_BATCH]]
        by_id.update(stored_vectors(batch, model_version=embedder.version))
    claims = [c for c in claims if c.pk in by_id]
    if not claims:
        return {}
    profiles = linking.article_profiles(
        [claim_for_linking(c) for c in claims], np.vstack([by_id[c.pk] for c in claims])
    )
    key_to_id = {c.article.key: c.article_id for c in claims}
    return {key_to_id[key]: profile for key, profile in profiles.items()}


def claim_for_linking(
    claim: Claim, *, profiles: dict[int, linking.ArticleProfile] | None = None
) -> linking.ClaimForLinking:
    """The claim as linking reads it; ``profiles`` (by article id, ``article_profiles``)
    say what its article is about as a whole (without, linking profiles the claims it
    is given)."""
    if claim.article_id:
        # Never the import-time fallback: it would date "on Tuesday" by our import.
        article_key, published = claim.article.key, claim.article.stated_published_at
    else:
        fact_check = getattr(claim, "fact_check", None)
        article_key = f"fact-check:{fact_check.external_id}" if fact_check else f"claim:{claim.pk}"
        published = fact_check.review_date if fact_check else None
    return linking.ClaimForLinking.from_mapping(
        {
            "statement": claim.statement,
            "quote": claim.quote,
            "kind": claim.kind,
            "source": claim.source,
            "quantities": claim.quantities,
            "entities": claim.entities,
        },
        id=str(claim.pk),
        article_key=article_key,
        published=published,
        article=(profiles or {}).get(claim.article_id) if claim.article_id else None,
    )


def _best_per_pair(
    suggestions: Sequence[linking.LinkSuggestion],
) -> list[linking.LinkSuggestion]:
    """One suggestion per pair of claims, whichever way round: the best scored."""
    best: dict[frozenset, linking.LinkSuggestion] = {}
    for suggestion in suggestions:
        pair = frozenset((suggestion.new_id, suggestion.prior_id))
        if pair not in best or suggestion.score > best[pair].score:
            best[pair] = suggestion
    return list(best.values())


def claims_suggest_links(
    *, claims: Sequence[Claim], ingested_since: datetime, actor: User | None = None
) -> LinkSyncCounts:
    """Link these (earlier) claims to the claims ingested since: what re-checks run.

    The candidates are the claims created from ``ingested_since`` on (claims of articles
    ingested since, fact-checks imported since), rejected ones left out. Pairs are typed
    and stored exactly as for a new article's claims: idempotent, and links a person
    decided are never changed.
    """
    claims = [c for c in claims if c.status != ClaimStatus.REJECTED]
    if not claims:
        return LinkSyncCounts()
    candidates = list(
        Claim.objects.filter(
            Q(created_at__gte=ingested_since) | Q(article__created_at__gte=ingested_since)
        )
        .exclude(status=ClaimStatus.REJECTED)
        .exclude(pk__in=[c.pk for c in claims])
        .select_related("article", "fact_check")
    )
    if not candidates:
        return LinkSyncCounts()
    embedder = get_embedder()
    vectors = claim_embeddings_ensure(claims, embedder=embedder)
    candidate_vectors = claim_embeddings_ensure(candidates, embedder=embedder)
    profiles = article_profiles(
        {c.article_id for c in (*claims, *candidates) if c.article_id}, embedder=embedder
    )
    suggestions = linking.suggest_links(
        [claim_for_linking(c, profiles=profiles) for c in claims],
        [claim_for_linking(c, profiles=profiles) for c in candidates],
        candidate_vectors,
        new_vectors=vectors,
        embedder=embedder,
        **link_thresholds(),
    )
    return _sync_links(suggestions, actor=actor)


@transaction.atomic
def _sync_links(
    suggestions: Sequence[linking.LinkSuggestion], *, actor: User | None = None
) -> LinkSyncCounts:
    """Store suggestions; an undecided link changes only for a better score or a new model,
    so linking two articles in either order settles on the same links."""
    created = updated = kept = 0
    for suggestion in _best_per_pair(suggestions):
        subject, obj = int(suggestion.subject_id), int(suggestion.object_id)
        existing = (
            ClaimLink.objects.select_for_update()
            .filter(Q(claim_id=subject, other_id=obj) | Q(claim_id=obj, other_id=subject))
            .first()
        )
        values = {
            "relation": suggestion.relation,
            "score": max(0.0, min(1.0, suggestion.score)),
            "method": suggestion.method,
            "model_version": suggestion.model_version,
            "reasons": suggestion.reasons,
        }
        if existing is None and link_unlinked_by_a_person(subject, obj):
            kept += 1  # a person removed this link: do not propose it again
        elif existing is None:
            link = ClaimLink(claim_id=subject, other_id=obj, **values)
            save_with_history(
                link, actor=actor, reason=suggestion.reason or "Suggested by linking"
            )
            created += 1
            _accept_automatically_if_allowed(link)
        elif existing.is_decided:
            kept += 1  # a person decided on this pair
        elif (
            existing.model_version != suggestion.model_version or existing.score < values["score"]
        ) and (
            any(getattr(existing, f) != v for f, v in values.items())
            or (existing.claim_id, existing.other_id) != (subject, obj)
        ):
            existing.claim_id, existing.other_id = subject, obj
            for field, value in values.items():
                setattr(existing, field, value)
            save_with_history(
                existing, actor=actor, reason=suggestion.reason or "Updated by linking"
            )
            updated += 1
    return LinkSyncCounts(created=created, updated=updated, kept_decided=kept)


# Below this, a statement is too short to be sure two claims say the same thing.
AUTO_ACCEPT_MIN_WORDS = 8


def _accept_automatically_if_allowed(link: ClaimLink) -> None:
    """Accept a "same" suggestion without a person only when the deployment asked for it
    (CLAIMS_LINK_AUTO_ACCEPT_SAME), the score reaches it, and both statements are long."""
    threshold = settings.CLAIMS_LINK_AUTO_ACCEPT_SAME
    if threshold is None or link.relation != LinkRelation.SAME or link.score < threshold:
        return
    claims = Claim.objects.filter(pk__in=[link.claim_id, link.other_id])
    if any(len(c.statement.split()) < AUTO_ACCEPT_MIN_WORDS for c in claims):
        return
    from claims.services.link_review import claim_link_accept

    claim_link_accept(
        link=link,
        actor=None,
        expected_version=None,
        reason=f"Accepted automatically: score {link.score:.2f} reaches {threshold:.2f}",
    )

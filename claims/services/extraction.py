"""Turning an article's body into claim suggestions, idempotently, never touching decisions."""

from __future__ import annotations

import bisect
import dataclasses
import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from articles.history import delete_with_history, save_with_history
from articles.models import Article, ArticleStatus, LinkingStatus
from articles.services import article_set_status
from claims.anchoring.text_quote import relocate_by_context, relocate_span
from claims.extraction import (
    EXTRACTOR_NAME,
    EXTRACTOR_VERSION,
    ExtractedClaim,
    StatementContext,
    claims_from_doc,
)
from claims.extraction.pipeline import CONTEXT_CHARS
from claims.extraction.segmentation import sentence_spans
from claims.models import Claim, ExtractionRun, ReviewAction, ReviewEvent
from claims.runtime.nlp import get_nlp
from claims.selectors.links import decided_link_claim_ids
from claims.services.linking import article_linking_set_status, article_links_queue
from claims.services.rechecks import claim_attention_raise_text_changed
from claims.services.sources import SourceResolver

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser as User

logger = logging.getLogger(__name__)

# Fields extraction owns on an unreviewed claim; it may rewrite them on a re-run.
EXTRACTED_FIELDS = (
    "quote",
    "prefix",
    "suffix",
    "statement",
    "kind",
    "source",
    "entities",
    "quantities",
    "score",
    "extractor_name",
    "extractor_version",
)


@transaction.atomic
def article_extraction_queue(*, article: Article, actor: User | None, force: bool = False) -> None:
    """Mark the article queued and run extraction once the transaction commits."""
    from claims.tasks import article_extract_claims_task

    if article.status != ArticleStatus.QUEUED:
        article_set_status(article_id=article.pk, status=ArticleStatus.QUEUED, actor=actor)
    article_heartbeat(article_id=article.pk)
    article_extract_claims_task.delay_on_commit(article.pk, force=force)


def article_heartbeat(*, article_id: int) -> None:
    """Show that work on the article is alive: the sweep re-queues work whose heartbeat
    is older than CLAIMS_PROCESSING_STALE_SECONDS. Bookkeeping only, so not in the history."""
    Article.objects.filter(pk=article_id).update(processing_heartbeat_at=timezone.now())


@dataclass(frozen=True)
class ClaimSyncCounts:
    created: int = 0
    updated: int = 0
    removed: int = 0
    kept_reviewed: int = 0


def article_extract_claims(*, article_id: int, force: bool = False) -> ExtractionRun | None:
    """Extract the article's claims and store them as suggestions.

    Returns None when this body was already extracted by this extractor version (the
    work is done). The NLP runs outside any transaction; the write is one transaction.
    """
    article = Article.objects.defer("raw", "minhash").get(pk=article_id)
    already_done = ExtractionRun.objects.filter(
        article=article,
        body_sha256=article.sha256,
        extractor_version=EXTRACTOR_VERSION,
        outcome=ExtractionRun.Outcome.SUCCEEDED,
    ).exists()
    if already_done and not force and article.status == ArticleStatus.EXTRACTED:
        return None

    article_set_status(article_id=article.pk, status=ArticleStatus.EXTRACTING)
    article_heartbeat(article_id=article.pk)
    nlp = get_nlp()
    # A run a killed worker left "running" is over: this one replaces it.
    ExtractionRun.objects.filter(article=article, outcome=ExtractionRun.Outcome.RUNNING).update(
        outcome=ExtractionRun.Outcome.FAILED,
        error="Interrupted (the worker stopped); extraction ran again.",
        finished_at=timezone.now(),
    )
    run = ExtractionRun.objects.create(
        article=article,
        body_sha256=article.sha256,
        extractor_name=EXTRACTOR_NAME,
        extractor_version=EXTRACTOR_VERSION,
        model_name=nlp.meta.get("name", ""),
    )
    context = StatementContext(
        title=article.title, published=article.stated_published_at, dateline=article.dateline
    )
    extracted, note = extract_body_in_pieces(
        article.body, nlp=nlp, article_id=article.pk, context=context
    )

    with transaction.atomic():
        article = Article.objects.select_for_update().get(pk=article_id)
        if article.sha256 != run.body_sha256:
            # The body was edited while we worked; its own queued run will extract it.
            run.outcome, run.error = (
                ExtractionRun.Outcome.FAILED,
                "Body changed during extraction.",
            )
            run.finished_at = timezone.now()
            run.save()
            return run
        counts = _sync_claims(article=article, extracted=extracted)
        run.outcome = ExtractionRun.Outcome.SUCCEEDED
        run.claims_created = counts.created
        run.claims_updated = counts.updated
        run.claims_removed = counts.removed
        run.claims_kept_reviewed = counts.kept_reviewed
        run.finished_at = timezone.now()
        run.save()
        article_set_status(article_id=article.pk, status=ArticleStatus.EXTRACTED)
        Article.objects.filter(pk=article.pk).update(processing_note=note)
        article_linking_set_status(article_id=article.pk, status=LinkingStatus.QUEUED)
        article_links_queue(article_id=article.pk)
    return run


def body_pieces(body: str, *, max_chars: int) -> list[tuple[int, int]]:
    """(start, end) spans that cover the body in order, each at most ``max_chars`` long,
    cut after a paragraph break where there is one (else a line break, else a space)."""
    pieces, position = [], 0
    while len(body) - position > max_chars:
        window = body[position : position + max_chars]
        for separator in ("\n\n", "\n", " "):
            cut = window.rfind(separator)
            if cut > 0:
                cut += len(separator)
                break
        else:
            cut = max_chars
        pieces.append((position, position + cut))
        position += cut
    if position < len(body) or not pieces:
        pieces.append((position, len(body)))
    return pieces


def extract_body_in_pieces(
    body: str, *, nlp, article_id: int | None = None, context: StatementContext | None = None
) -> tuple[list[ExtractedClaim], str]:
    """The body's claims, parsed piece by piece (bounded memory, linear time, and never
    over spaCy's ``max_length``), offsets into the whole body. Stops after the piece that
    reaches CLAIMS_MAX_SENTENCES_PER_ARTICLE and says so in the returned note."""
    limit = settings.CLAIMS_MAX_SENTENCES_PER_ARTICLE
    claims: list[ExtractedClaim] = []
    sentences = 0
    pieces = body_pieces(body, max_chars=settings.CLAIMS_EXTRACTION_PIECE_CHARS)
    for number, (start, end) in enumerate(pieces):
        doc = nlp(body[start:end])
        sentences += len(sentence_spans(doc))
        claims.extend(
            _shifted(claim, offset=start, body=body)
            for claim in claims_from_doc(doc, context=context, nlp=nlp)
        )
        del doc
        if article_id is not None:
            article_heartbeat(article_id=article_id)
        if limit and sentences >= limit and number + 1 < len(pieces):
            return claims, (
                f"Only the first {sentences:,} sentences (characters 1 to {end:,} of "
                f"{len(body):,}) were searched for claims: CLAIMS_MAX_SENTENCES_PER_ARTICLE "
                f"is {limit:,}. The rest of the text has no suggestions; split the article "
                "into parts and upload them, or raise the limit and re-run extraction."
            )
    return claims, ""


def _shifted(claim: ExtractedClaim, *, offset: int, body: str) -> ExtractedClaim:
    if not offset:
        return dataclasses.replace(
            claim,
            prefix=body[max(0, claim.start - CONTEXT_CHARS) : claim.start],
            suffix=body[claim.end : claim.end + CONTEXT_CHARS],
        )
    start, end = claim.start + offset, claim.end + offset
    return dataclasses.replace(
        claim,
        start=start,
        end=end,
        # The context may reach over the piece's edge: take it from the whole body.
        prefix=body[max(0, start - CONTEXT_CHARS) : start],
        suffix=body[end : end + CONTEXT_CHARS],
        entities=tuple(
            dataclasses.replace(e, start=e.start + offset, end=e.end + offset)
            for e in claim.entities
        ),
        quantities=tuple(
            dataclasses.replace(q, start=q.start + offset, end=q.end + offset)
            for q in claim.quantities
        ),
    )


@transaction.atomic
def article_extraction_mark_failed(*, article_id: int, error: str) -> None:
    """The task gave up: record why on the article, where the admin shows it."""
    ExtractionRun.objects.filter(
        article_id=article_id, outcome=ExtractionRun.Outcome.RUNNING
    ).update(outcome=ExtractionRun.Outcome.FAILED, error=error[:5000], finished_at=timezone.now())
    article_set_status(article_id=article_id, status=ArticleStatus.FAILED, error=error[:5000])


def _sync_claims(*, article: Article, extracted: list[ExtractedClaim]) -> ClaimSyncCounts:
    existing = list(Claim.objects.select_for_update().filter(article=article))
    # A claim is a person's once they decided on it, corrected it, or decided one of its
    # links: extraction keeps it, re-anchored to its words, and never rewrites it.
    linked = decided_link_claim_ids([claim.pk for claim in existing])
    persons = [claim for claim in existing if claim.is_persons or claim.pk in linked]
    persons_ids = {claim.pk for claim in persons}
    # An unreviewed claim whose words are still in the body keeps its id (and its links)
    # wherever the edit moved them: found again by its text-quote selector.
    unreviewed_by_span: dict[tuple[int, int], Claim] = {}
    for claim in existing:
        if claim.pk not in persons_ids:
            span = _quote_span(claim, body=article.body)
            if span is not None:
                unreviewed_by_span.setdefault(span, claim)

    anchored = [claim for claim in persons if _reanchor(claim, article=article)]
    decided = _Spans([(claim.start, claim.end) for claim in anchored])
    sources = SourceResolver(outlet=article.outlet)

    created = updated = kept = 0
    matched: set[int] = set()
    for item in extracted:
        if decided.overlaps(item.start, item.end):
            kept += 1  # a person already decided on this part of the text
            continue
        values = _claim_values(item, sources=sources)
        claim = unreviewed_by_span.get((item.start, item.end))
        if claim is None:
            claim = Claim(article=article, **values)
            save_with_history(claim, actor=None, reason="Suggested by extraction")
            created += 1
        elif any(getattr(claim, field) != value for field, value in values.items()):
            moved = (claim.start, claim.end) != (item.start, item.end)
            for field, value in values.items():
                setattr(claim, field, value)
            reason = "Moved with its words by re-extraction" if moved else ""
            save_with_history(claim, actor=None, reason=reason or "Updated by re-extraction")
            updated += 1
        matched.add(claim.pk)

    stale = [
        claim for claim in existing if claim.pk not in persons_ids and claim.pk not in matched
    ]
    for claim in stale:
        delete_with_history(claim, actor=None, reason="No longer suggested by extraction")
    return ClaimSyncCounts(
        created=created, updated=updated, removed=len(stale), kept_reviewed=kept
    )


def _claim_values(item: ExtractedClaim, *, sources: SourceResolver) -> dict:
    data = item.to_dict()
    values = {field: data[field] for field in EXTRACTED_FIELDS if field in data}
    values["start"], values["end"] = item.start, item.end
    values["extractor_name"] = EXTRACTOR_NAME
    values["extractor_version"] = EXTRACTOR_VERSION
    values["entities"] = data["entities"]
    values["quantities"] = data["quantities"]
    source = sources.resolve(item.source)
    values["asserted_by_id"] = source.pk if source else None
    return values


def _quote_span(claim: Claim, *, body: str) -> tuple[int, int] | None:
    if body[claim.start : claim.end] == claim.quote:
        return claim.start, claim.end
    return relocate_span(
        body, quote=claim.quote, prefix=claim.prefix, suffix=claim.suffix, hint=claim.start
    )


def _reanchor(claim: Claim, *, article: Article) -> bool:
    """Keep a person's claim pointing at its words after the body was edited. Where the
    words themselves changed, the claim takes the new words and is flagged for re-review
    (a confirmed figure that changed must not stay silently confirmed). False when its
    words are gone from the body."""
    body = article.body
    span = _quote_span(claim, body=body)
    if span == (claim.start, claim.end):
        return True
    if span is not None:
        claim.start, claim.end = span
        claim.prefix = body[max(0, claim.start - CONTEXT_CHARS) : claim.start]
        claim.suffix = body[claim.end : claim.end + CONTEXT_CHARS]
        save_with_history(
            claim,
            actor=None,
            reason="Re-anchored after the article body was edited",
            update_fields=["start", "end", "prefix", "suffix", "updated_at"],
        )
        return True
    old_quote = claim.quote
    span = relocate_by_context(
        body,
        prefix=claim.prefix,
        suffix=claim.suffix,
        hint=claim.start,
        max_length=max(4 * len(old_quote), 400),
    )
    if span is None:
        if not _text_change_recorded(claim, body_sha256=article.sha256):
            logger.warning("Claim %s: its words are no longer in the edited body", claim.pk)
            claim_attention_raise_text_changed(
                claim=claim, old_quote=old_quote, new_quote="", body_sha256=article.sha256
            )
        return False
    claim.start, claim.end = span
    claim.quote = body[claim.start : claim.end]
    claim.prefix = body[max(0, claim.start - CONTEXT_CHARS) : claim.start]
    claim.suffix = body[claim.end : claim.end + CONTEXT_CHARS]
    save_with_history(
        claim,
        actor=None,
        reason="Its words changed in the edited article body: flagged for re-review",
        update_fields=["start", "end", "quote", "prefix", "suffix", "updated_at"],
    )
    claim_attention_raise_text_changed(
        claim=claim, old_quote=old_quote, new_quote=claim.quote, body_sha256=article.sha256
    )
    return True


def _text_change_recorded(claim: Claim, *, body_sha256: str) -> bool:
    return ReviewEvent.objects.filter(
        claim=claim, action=ReviewAction.CLAIM_TEXT_CHANGED, data__body_sha256=body_sha256
    ).exists()


class _Spans:
    """Spans sorted by start: which of them overlap a given span, by bisecting to the
    few that can reach it instead of comparing with every one."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans = sorted(spans)
        self.starts = [start for start, _end in self.spans]
        self.longest = max((end - start for start, end in self.spans), default=0)

    def overlaps(self, start: int, end: int) -> bool:
        first = bisect.bisect_left(self.starts, start - self.longest)
        last = bisect.bisect_left(self.starts, end)
        return any(_overlaps(start, end, *self.spans[i]) for i in range(first, last))


def _overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    overlap = min(a_end, b_end) - max(a_start, b_start)
    return overlap > 0 and overlap >= 0.5 * min(a_end - a_start, b_end - b_start)

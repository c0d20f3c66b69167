"""The JSON shape of a claim in exports and in `extract_text`: one place, so both agree."""

from claims.models import Claim, RecheckSchedule

CLAIM_FIELDS = (
    "start",
    "end",
    "quote",
    "statement",
    "kind",
    "source",
    "entities",
    "quantities",
    "score",
)


def claim_export_row(claim: Claim) -> dict:
    return {
        "article": claim.article_key,
        "claim_id": claim.pk,
        **{field: getattr(claim, field) for field in CLAIM_FIELDS},
        "status": claim.status,
        "tracked_claim": claim.tracked_claim_id,
        "extractor": f"{claim.extractor_name} {claim.extractor_version}",
        "links": claim_links_row(claim),
        **claim_recheck_row(claim),
    }


def claim_recheck_row(claim: Claim) -> dict:
    """Its re-check state: when last and next, the flag, and what the checks found."""
    try:
        schedule = claim.recheck
    except RecheckSchedule.DoesNotExist:
        schedule = None
    last = schedule.last_check if schedule and schedule.last_check_id else None
    raised_by = schedule.raised_by if schedule and schedule.raised_by_id else None
    return {
        "next_recheck_at": _isoformat(schedule.next_recheck_at if schedule else None),
        "last_rechecked_at": _isoformat(schedule.last_rechecked_at if schedule else None),
        "needs_attention": bool(schedule and schedule.needs_attention),
        "recheck_outcome": last.outcome if last else None,
        "recheck_findings": last.findings if last else [],
        "attention_findings": [f for f in raised_by.findings if f["raises"]] if raised_by else [],
    }


def _isoformat(moment) -> str | None:
    return moment.isoformat() if moment else None


def claim_links_row(claim: Claim) -> list[dict]:
    """The claim's links from its side: `direction` "out" reads "this <relation> claim_id",
    "in" reads "claim_id <relation> this". Best score first."""
    links = [
        {"claim_id": link.other_id, "direction": "out", **_link_fields(link)}
        for link in claim.links.all()
    ] + [
        {"claim_id": link.claim_id, "direction": "in", **_link_fields(link)}
        for link in claim.linked_from.all()
    ]
    return sorted(links, key=lambda row: (-row["score"], row["claim_id"]))


def _link_fields(link) -> dict:
    return {
        "relation": link.relation,
        "score": round(link.score, 4),
        "status": link.status,
        "reasons": link.reasons,
    }


def extracted_claim_row(extracted, *, document: str) -> dict:
    """A claim fresh from the pipeline, not saved: the export fields minus the ids."""
    data = extracted.to_dict()
    return {
        "document": document,
        **{field: data[field] for field in CLAIM_FIELDS},
        "status": "suggested",
        "links": [],
    }

"""The JSON shape of a claim in exports and in `extract_text`: one place, so both agree."""

from claims.models import Claim

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
        "extractor": f"{claim.extractor_name} {claim.extractor_version}",
        "links": [],
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

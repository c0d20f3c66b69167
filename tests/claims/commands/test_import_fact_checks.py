import datetime
import json

import pytest
from django.core.management import CommandError, call_command

from claims.models import ClaimEmbedding, FactCheck


def _write_jsonl(path, rows):
    path.write_text("\n".join(json.dumps(row) for row in rows) + "\n")
    return str(path)


CLAIM_REVIEW = {
    "@context": "https://schema.org",
    "@type": "ClaimReview",
    "url": "https://factcheck.example/hama-entry",
    "claimReviewed": "Rebels have entered the city of Hama.",
    "datePublished": "2024-12-05",
    "author": {"@type": "Organization", "name": "Example Checks"},
    "reviewRating": {"@type": "Rating", "alternateName": "True"},
    "itemReviewed": {"@type": "Claim", "author": {"@type": "Person", "name": "A monitor"}},
}


@pytest.mark.django_db
def test_import_fact_checks_reads_simple_json_lines_once(tmp_path, embedder, capsys):
    path = _write_jsonl(
        tmp_path / "checks.jsonl",
        [
            {
                "id": "fc-1",
                "claim": "Half a million people died in Syria's war.",
                "rating": "True",
            },
            {"id": "fc-2", "claim": "Aleppo is Syria's largest city.", "date": "2024-12-01"},
        ],
    )

    call_command("import_fact_checks", path, "--no-progress")
    call_command("import_fact_checks", path, "--no-progress")

    out = capsys.readouterr().out
    assert "Imported 2 fact-checks, already present 0" in out
    assert "Imported 0 fact-checks, already present 2" in out
    fact_check = FactCheck.objects.get(external_id="fc-2")
    assert fact_check.claim.article is None
    assert fact_check.claim.tracked_claim is not None
    assert fact_check.review_date.isoformat() == "2024-12-01"
    assert ClaimEmbedding.objects.count() == 2


@pytest.mark.parametrize(
    "content",
    [
        json.dumps(CLAIM_REVIEW),
        json.dumps([CLAIM_REVIEW]),
        json.dumps({"@graph": [CLAIM_REVIEW]}),
        json.dumps(CLAIM_REVIEW) + "\n",
    ],
    ids=["object", "list", "graph", "json-lines"],
)
@pytest.mark.django_db
def test_import_fact_checks_reads_claim_review_json_ld(tmp_path, embedder, content):
    path = tmp_path / "reviews.json"
    path.write_text(content)

    call_command("import_fact_checks", str(path), "--no-progress")

    fact_check = FactCheck.objects.get()
    assert fact_check.rating == "True"
    assert fact_check.author == "Example Checks"
    assert fact_check.url == CLAIM_REVIEW["url"]
    assert fact_check.claim.statement == "Rebels have entered the city of Hama."
    assert fact_check.claim.source == "A monitor"


@pytest.mark.django_db
def test_import_fact_checks_skips_what_it_cannot_read_naming_the_line(tmp_path, embedder, capsys):
    path = tmp_path / "bad.jsonl"
    lines = [
        {"id": "ok", "claim": "Fine.", "date": "26 May 2015"},
        {"id": "no-claim"},
        {"id": "us-date", "claim": "Also fine.", "date": "May 26, 2015"},
        {"id": "odd-date", "claim": "Still fine.", "date": "the day after"},
    ]
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\nnot json\n")

    call_command("import_fact_checks", str(path), "--no-progress")

    warnings = capsys.readouterr().err
    assert "bad.jsonl line 2" in warnings and "bad.jsonl line 5" in warnings
    assert "bad.jsonl line 4" in warnings and "the day after" in warnings
    dates = dict(FactCheck.objects.values_list("external_id", "review_date"))
    assert dates == {
        "ok": datetime.date(2015, 5, 26),
        "us-date": datetime.date(2015, 5, 26),
        "odd-date": None,
    }


@pytest.mark.django_db
def test_match_claims_prints_ranked_matches_with_imported_ids(tmp_path, embedder, capsys):
    checks = _write_jsonl(
        tmp_path / "checks.jsonl",
        [
            {"id": "fc-war", "claim": "Syria's civil war has killed about 500,000 people."},
            {"id": "fc-aleppo", "claim": "Aleppo is the largest city in Syria."},
            {"id": "fc-rain", "claim": "It rained heavily in London on Monday."},
        ],
    )
    call_command("import_fact_checks", checks, "--no-progress")
    queries = tmp_path / "queries.tsv"
    queries.write_text("q1\tHalf a million dead in the Syrian war\nq2\tSyria's biggest city\n")
    capsys.readouterr()

    call_command("match_claims", str(queries), "--top", "2")

    rows = [line.split("\t") for line in capsys.readouterr().out.splitlines()]
    assert [row[:3] for row in rows if row[2] == "1"] == [
        ["q1", "fc-war", "1"],
        ["q2", "fc-aleppo", "1"],
    ]
    assert len(rows) == 4
    assert all(float(row[3]) >= 0 for row in rows)


@pytest.mark.django_db
def test_match_claims_names_a_malformed_line(tmp_path, embedder):
    queries = tmp_path / "queries.tsv"
    queries.write_text("no tab on this line\n")

    with pytest.raises(CommandError, match="Line 1 is not ID<TAB>TEXT"):
        call_command("match_claims", str(queries))

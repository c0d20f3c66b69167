"""The pgvector backend against a real PostgreSQL with pgvector (the `pgserver` package).

Debian's PostgreSQL has no pgvector, so the test starts pgserver's bundled PostgreSQL 16
in a temporary folder, migrates a database there and runs the search in a subprocess.
"""

import json
import logging
import os
import subprocess
import sys

import pytest

from tests.conftest import REPO_ROOT, missing_service

SCRIPT = r"""
import json
import django
django.setup()
import numpy as np
from django.db import connection
from django.test.utils import override_settings
from claims.retrieval import pgvector_search
from claims.retrieval.embeddings import claim_embeddings_store
from claims.models import ClaimStatus
from claims.retrieval.vector_search import nearest_claims
from tests.claims.factories import ClaimFactory

rng = np.random.default_rng(3)
centres = rng.standard_normal((20, 384)).astype(np.float32)
noise = rng.standard_normal((400, 384)).astype(np.float32)
vectors = centres[rng.integers(0, 20, 400)] + 0.3 * noise
vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
claims = [ClaimFactory() for _ in range(400)]
claim_embeddings_store(claims, vectors, model_version="m==1")
claims[0].status = ClaimStatus.REJECTED
claims[0].save()
queries = vectors[:20] + 0.05 * rng.standard_normal((20, 384)).astype(np.float32)
queries /= np.linalg.norm(queries, axis=1, keepdims=True)
results = {"available": pgvector_search.is_available(connection)}
for backend in ("pgvector", "exact"):
    with override_settings(CLAIMS_VECTOR_SEARCH=backend):
        rows = nearest_claims(queries, model_version="m==1", k=5,
                              exclude_article_id=claims[1].article_id)
        results[backend] = [[n.claim_id for n in row] for row in rows]
results["rejected"] = claims[0].pk
results["excluded"] = claims[1].pk
print("RESULT " + json.dumps(results))
"""


@pytest.fixture
def pgvector_database_url(tmp_path):
    try:
        import pgserver
    except ImportError:
        missing_service("needs the pgserver package (PostgreSQL with pgvector)")
    # pgserver logs from an exit hook, after pytest has closed the log streams.
    logging.getLogger("pgserver").setLevel(logging.WARNING)
    server = pgserver.get_server(str(tmp_path / "pg"), cleanup_mode="stop")
    server.psql("CREATE DATABASE claimtrack_vector;")
    yield f"postgres://postgres@/claimtrack_vector?host={tmp_path / 'pg'}"
    server.cleanup()


def _run(args: list[str], env: dict) -> str:
    result = subprocess.run(
        args, cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


def test_pgvector_search_matches_exact_search(pgvector_database_url):
    env = {
        **os.environ,
        "DATABASE_URL": pgvector_database_url,
        "DJANGO_SECRET_KEY": "pgvector-test",
        "DJANGO_SETTINGS_MODULE": "config.settings",
    }
    _run([sys.executable, "manage.py", "migrate", "--noinput", "-v0"], env)

    output = _run([sys.executable, "-c", SCRIPT], env)

    results = json.loads(output.split("RESULT ", 1)[1])
    assert results["available"] is True
    overlaps = [
        len(set(approximate) & set(exact)) / 5
        for approximate, exact in zip(results["pgvector"], results["exact"], strict=True)
    ]
    assert sum(overlaps) / len(overlaps) >= 0.95
    found = {claim_id for row in results["pgvector"] for claim_id in row}
    assert results["rejected"] not in found
    assert results["excluded"] not in found
    assert all(len(row) == 5 for row in results["pgvector"])

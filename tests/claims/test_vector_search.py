import numpy as np
import pytest

from claims.models import Claim, ClaimStatus
from claims.retrieval.embeddings import claim_embeddings_store
from claims.retrieval.vector_search import nearest_claims
from tests.claims.factories import ClaimFactory

MODEL = "test-model==1"


def _unit(*values: float) -> np.ndarray:
    vector = np.array(values, dtype=np.float32)
    return vector / np.linalg.norm(vector)


def _store(claims, vectors):
    claim_embeddings_store(claims, np.vstack(vectors), model_version=MODEL)


@pytest.mark.django_db
def test_nearest_claims_ranks_by_cosine_and_leaves_out_the_article(settings):
    settings.CLAIMS_VECTOR_SEARCH = "exact"
    near, far, own = ClaimFactory(), ClaimFactory(), ClaimFactory()
    _store([near, far, own], [_unit(1, 0.1, 0), _unit(0, 1, 0), _unit(1, 0, 0)])

    [row] = nearest_claims(
        _unit(1, 0, 0)[None, :], model_version=MODEL, k=5, exclude_article_id=own.article_id
    )

    assert [n.claim_id for n in row] == [near.pk, far.pk]
    assert row[0].similarity == pytest.approx(float(_unit(1, 0.1, 0) @ _unit(1, 0, 0)), abs=1e-6)


@pytest.mark.django_db
def test_nearest_claims_sees_new_vectors_and_rejections(settings):
    settings.CLAIMS_VECTOR_SEARCH = "exact"
    first = ClaimFactory()
    _store([first], [_unit(1, 0, 0)])
    query = _unit(1, 0, 0)[None, :]
    assert [n.claim_id for n in nearest_claims(query, model_version=MODEL, k=3)[0]] == [first.pk]

    second = ClaimFactory()
    _store([second], [_unit(1, 0.01, 0)])
    Claim.objects.filter(pk=first.pk).update(status=ClaimStatus.REJECTED)
    first.refresh_from_db()
    first.save()  # bumps updated_at as a review service would

    assert [n.claim_id for n in nearest_claims(query, model_version=MODEL, k=3)[0]] == [second.pk]


@pytest.mark.django_db
def test_nearest_claims_ignores_vectors_of_another_model(settings):
    settings.CLAIMS_VECTOR_SEARCH = "exact"
    claim = ClaimFactory()
    claim_embeddings_store([claim], _unit(1, 0, 0)[None, :], model_version="other==2")

    assert nearest_claims(_unit(1, 0, 0)[None, :], model_version=MODEL, k=3) == [[]]

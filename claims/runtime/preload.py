"""Load the NLP models when a process starts, so no request or task waits for them.

Both models are cached per process (claims/runtime/nlp.py, claims/retrieval/embeddings.py);
this only makes the first use happen at start-up. The web loads the embedder (search by meaning)
and, when tasks run inside it (CELERY_TASK_ALWAYS_EAGER), the spaCy pipeline too;
a worker loads both.
"""

from __future__ import annotations

import logging
import time

from django.conf import settings

logger = logging.getLogger(__name__)


def models_preload(*, nlp: bool = True, embedder: bool = True) -> None:
    if not settings.CLAIMS_PRELOAD_MODELS:
        return
    started = time.perf_counter()
    if nlp:
        from claims.runtime.nlp import get_nlp

        get_nlp()
    if embedder:
        from claims.retrieval.embeddings import get_embedder

        get_embedder()
    logger.info("Models loaded at start-up in %.1f s", time.perf_counter() - started)


def web_models_preload() -> None:
    models_preload(nlp=settings.CELERY_TASK_ALWAYS_EAGER, embedder=True)

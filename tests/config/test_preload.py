"""Models load when a web or worker process starts, not inside its first request or task
(issue 10, item 7)."""

import importlib
import sys
from unittest import mock

import pytest
from celery.signals import worker_init, worker_process_init


@pytest.fixture
def loaded(monkeypatch, settings):
    settings.CLAIMS_PRELOAD_MODELS = True
    calls = []
    monkeypatch.setattr("claims.runtime.nlp.get_nlp", lambda: calls.append("nlp"))
    monkeypatch.setattr(
        "claims.retrieval.embeddings.get_embedder", lambda: calls.append("embedder")
    )
    return calls


def _start_web_process():
    sys.modules.pop("config.wsgi", None)
    importlib.import_module("config.wsgi")


def test_web_process_loads_the_embedder_when_the_wsgi_application_is_made(loaded, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    _start_web_process()

    assert loaded == ["embedder"]


def test_web_process_loads_both_models_when_tasks_run_in_it(loaded, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    _start_web_process()

    assert loaded == ["nlp", "embedder"]


@pytest.mark.parametrize(("pool", "expected"), [("solo", 2), ("threads", 2), ("prefork", 0)])
def test_worker_loads_the_models_at_start_up_where_it_runs_tasks(loaded, pool, expected):
    import config.celery_app  # noqa: F401  (connects the handlers)

    worker_init.send(sender=mock.Mock(pool_cls=pool))

    assert len(loaded) == expected


def test_each_prefork_child_loads_the_models_after_the_fork(loaded):
    import config.celery_app  # noqa: F401

    worker_process_init.send(sender=None)

    assert loaded == ["nlp", "embedder"]


def test_models_preload_can_be_turned_off(loaded, settings):
    from claims.runtime.preload import models_preload

    settings.CLAIMS_PRELOAD_MODELS = False
    models_preload()

    assert loaded == []

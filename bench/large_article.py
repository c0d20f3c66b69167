"""One very long article through the whole service: extraction, then link suggestion.

Run by hand (not a test):  .venv/bin/python bench/large_article.py [--sentences 2000 5000 15500]

Each size runs in a fresh process on a throwaway SQLite database, so peak memory (RSS)
is that size's own. Short generated sentences (the hostile shape: many sentences, each
a claim), about 60 characters each; 15,500 of them are about 900 KB.
"""

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent

SUBJECTS = ["Officials", "The ministry", "Police", "Witnesses", "The governor", "Residents"]
VERBS = ["said", "reported", "confirmed", "announced", "stated"]
FACTS = [
    "{n} people were killed in the town of {p} on Monday",
    "prices rose by {n} percent in the markets of {p}",
    "troops advanced {n} km north of {p} overnight",
    "{n} families fled the area around {p} this week",
    "the bridge near {p} was closed for {n} days",
    "aid convoys reached {n} villages near {p}",
]
PLACES = ["Norvale", "Ketter", "Aldmoor", "Brisk", "Halden", "Lintz", "Caradoc"]


def make_article(sentences: int, *, seed: int = 1) -> str:
    rng = random.Random(seed)
    out = []
    for _ in range(sentences):
        fact = rng.choice(FACTS).format(n=rng.randrange(2, 900), p=rng.choice(PLACES))
        out.append(f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {fact}.")
    return "\n\n".join(" ".join(out[i : i + 5]) for i in range(0, len(out), 5))


def run_one(sentences: int) -> dict:
    os.environ["CLAIMTRACK_DATA_DIR"] = tempfile.mkdtemp(prefix="bench-large-")
    os.environ.setdefault("DJANGO_SECRET_KEY", "bench")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.pop("DATABASE_URL", None)
    sys.path.insert(0, str(REPO_ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from articles.models import Article
    from articles.text.normalize import body_sha256
    from claims.runtime.nlp import get_nlp
    from claims.services import extraction, linking

    extraction.article_links_queue = lambda **kwargs: None  # timed separately below
    get_nlp()
    linking.get_embedder()
    body = make_article(sentences)
    article = Article.objects.create(key="bench", body=body, sha256=body_sha256(body), raw=b"")
    started = time.perf_counter()
    extraction.article_extract_claims(article_id=article.pk)
    extracted = time.perf_counter()
    counts = linking.article_suggest_links(article_id=article.pk)
    linked = time.perf_counter()
    return {
        "sentences": sentences,
        "body_chars": len(body),
        "claims": article.claims.count(),
        "links_created": counts.created,
        "extract_s": round(extracted - started, 1),
        "link_s": round(linked - extracted, 1),
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, nargs="+", default=[2000, 5000, 15500])
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one)))
        return
    for size in args.sentences:
        result = subprocess.run(
            [sys.executable, __file__, "--one", str(size)], capture_output=True, text=True
        )
        print(result.stdout.strip().splitlines()[-1] if result.returncode == 0 else result.stderr)


if __name__ == "__main__":
    main()

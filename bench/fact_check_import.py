"""Importing published fact-checks at scale: claims per second and total time.

Run by hand (not a test):  .venv/bin/python bench/fact_check_import.py [--claims 20000]

Writes a JSON Lines file of synthetic fact-checks (varied sentences built from the seed
articles' claim statements), then runs `import_fact_checks` into a temporary SQLite
database (or DATABASE_URL if set) and times it, then times a second, idempotent run.
"""

import argparse
import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))


def synthetic_claims(count: int) -> list[str]:
    from articles.text import normalize_upload
    from claims.extraction import extract_claims_many, load_nlp

    bodies = []
    for path in sorted((REPO_ROOT / "seeds").glob("*.txt")):
        data = path.read_bytes()
        bodies.append(normalize_upload(data, filename=path.name, max_bytes=len(data) + 1).body)
    statements = [c.statement for cs in extract_claims_many(bodies, nlp=load_nlp()) for c in cs]
    rng = random.Random(5)
    return [
        f"{rng.choice(statements)[:-1]}, {rng.choice(['said', 'claimed', 'reported'])} "
        f"source {i} on day {rng.randrange(1, 2000)}."
        for i in range(count)
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=20_000)
    args = parser.parse_args()

    os.environ.setdefault("CLAIMTRACK_DATA_DIR", tempfile.mkdtemp(prefix="bench-factchecks-"))
    os.environ.setdefault("DJANGO_SECRET_KEY", "bench")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    path = Path(os.environ["CLAIMTRACK_DATA_DIR"]) / "fact-checks.jsonl"
    with path.open("w") as out:
        for i, claim in enumerate(synthetic_claims(args.claims)):
            out.write(json.dumps({"id": f"fc-{i}", "claim": claim, "rating": "False"}) + "\n")

    from claims.retrieval.embeddings import get_embedder

    get_embedder()  # model load is not import time
    started = time.perf_counter()
    call_command("import_fact_checks", str(path), "--no-progress")
    first = time.perf_counter() - started
    started = time.perf_counter()
    call_command("import_fact_checks", str(path), "--no-progress")
    second = time.perf_counter() - started
    print(f"import of {args.claims} fact-checks: {first:.0f} s ({args.claims / first:.0f}/s)")
    print(f"second run (all already present): {second:.1f} s")


if __name__ == "__main__":
    main()

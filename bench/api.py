"""API benchmark: a claims page beside a trivial endpoint of the same server, same run.

Run by hand (not a test), against PostgreSQL:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/claimtrack_bench \
        .venv/bin/python bench/api.py [--claims 100000] [--seconds 15] [--port 8000]

It migrates, tops the database up to --claims claims (1,000 articles, bulk inserted),
creates a read token, starts gunicorn (--workers, sync workers, as `make serve` does),
and drives each URL with --connections keep-alive connections from --processes load
processes on loopback for --seconds. Printed: requests/s, p50 and p95 latency, and the
claims page's throughput as a share of the trivial endpoint's (`/api/v1/`, the API root:
same authentication, throttle and middleware, no query beyond the token).
"""

import argparse
import http.client
import multiprocessing
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only-secret")
os.environ.setdefault("API_RATE_LIMIT", "100000000/second")  # measure the server, not the limit


def seed(target: int) -> int:
    import hashlib

    import django

    django.setup()
    from django.core.management import call_command

    from articles.models import Article
    from claims.models import Claim

    call_command("migrate", verbosity=0)
    have = Claim.objects.count()
    per_article = max(1, target // 1000)
    body = ("Officials said about 10,000 people left the city on Tuesday. " * 40).strip()
    while have < target:
        batch = min(per_article * 20, target - have)
        articles = Article.objects.bulk_create(
            Article(
                key=f"bench-{have}-{n}",
                raw=b"",
                body=body,
                sha256=hashlib.sha256(f"bench-{have}-{n}".encode()).hexdigest(),
                title=f"Bench article {have + n}",
                outlet="Bench Wire",
            )
            for n in range((batch + per_article - 1) // per_article)
        )
        claims = []
        for article in articles:
            for n in range(per_article):
                if len(claims) == batch:
                    break
                start = (n * 61) % 2000
                claims.append(
                    Claim(
                        article=article,
                        start=start,
                        end=start + 60,
                        quote=body[start : start + 60],
                        statement=f"About 10,000 left the city (claim {have + len(claims)}).",
                        kind="quantity",
                        source="officials",
                        entities=[{"text": "the city", "label": "GPE", "start": 0, "end": 8}],
                        quantities=[{"value": 10000, "unit": "people", "approximate": True}],
                        score=0.7,
                        extractor_name="bench",
                        extractor_version="0",
                    )
                )
        Claim.objects.bulk_create(claims, batch_size=5000)
        have += len(claims)
        print(f"  seeded {have} claims", flush=True)
    return have


def make_token() -> str:
    from claims.services.api_tokens import api_token_create

    _, key = api_token_create(username="bench", scope="read")
    return key


def _load(url: str, port: int, key: str, seconds: float, connections: int, out) -> None:
    import threading

    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    deadline = time.perf_counter() + seconds

    def run() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine = []
        while time.perf_counter() < deadline:
            began = time.perf_counter()
            try:
                conn.request("GET", url, headers={"Authorization": f"Token {key}"})
                response = conn.getresponse()
                response.read()
                if response.status != 200:
                    errors[0] += 1
            except (OSError, http.client.HTTPException):
                errors[0] += 1
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                continue
            mine.append(time.perf_counter() - began)
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=run) for _ in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    out.put((latencies, errors[0]))


def measure(url, *, port, key, seconds, processes, connections) -> dict:
    queue = multiprocessing.Queue()
    workers = [
        multiprocessing.Process(target=_load, args=(url, port, key, seconds, connections, queue))
        for _ in range(processes)
    ]
    for worker in workers:
        worker.start()
    latencies, errors = [], 0
    for _ in workers:
        got, failed = queue.get()
        latencies += got
        errors += failed
    for worker in workers:
        worker.join()
    latencies.sort()
    quantiles = statistics.quantiles(latencies, n=100)
    return {
        "rps": len(latencies) / seconds,
        "p50": quantiles[49] * 1000,
        "p95": quantiles[94] * 1000,
        "errors": errors,
        "requests": len(latencies),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--seconds", type=float, default=15)
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--processes", type=int, default=2, help="load processes")
    parser.add_argument("--connections", type=int, default=4, help="connections per process")
    parser.add_argument("--page-size", type=int, default=50)
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("Set DATABASE_URL to a PostgreSQL database (it is migrated and filled).")

    print(f"Seeding up to {args.claims} claims ...", flush=True)
    count = seed(args.claims)
    key = make_token()
    from django.db import connections

    connections.close_all()
    server = subprocess.Popen(
        [
            str(REPO_ROOT / ".venv/bin/gunicorn"),
            "--bind",
            f"127.0.0.1:{args.port}",
            "--workers",
            str(args.workers),
            "--log-level",
            "warning",
            "config.wsgi",
        ],
        cwd=REPO_ROOT,
        env={**os.environ, "DJANGO_DEBUG": "false", "DJANGO_HTTPS": "false"},
    )
    try:
        time.sleep(4)
        urls = {
            "trivial (/api/v1/)": "/api/v1/",
            f"claims page ({args.page_size})": f"/api/v1/claims/?page_size={args.page_size}",
        }
        for url in urls.values():  # warm up: imports, connections, caches
            measure(url, port=args.port, key=key, seconds=2, processes=1, connections=2)
        results = {
            name: measure(
                url,
                port=args.port,
                key=key,
                seconds=args.seconds,
                processes=args.processes,
                connections=args.connections,
            )
            for name, url in urls.items()
        }
    finally:
        server.terminate()
        server.wait()

    print(
        f"\n{count} claims in PostgreSQL; gunicorn {args.workers} sync workers; "
        f"{args.processes}x{args.connections} keep-alive connections; {os.cpu_count()} CPUs\n"
    )
    print("| endpoint | requests/s | p50 ms | p95 ms | errors |")
    print("| --- | --- | --- | --- | --- |")
    for name, r in results.items():
        print(f"| {name} | {r['rps']:.0f} | {r['p50']:.1f} | {r['p95']:.1f} | {r['errors']} |")
    trivial, claims = results.values()
    print(
        f"\nclaims page / trivial throughput: {claims['rps'] / trivial['rps']:.2f} (aim >= 0.33)"
    )


if __name__ == "__main__":
    main()

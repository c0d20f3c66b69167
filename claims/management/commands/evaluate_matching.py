import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from claims import linking
from claims.evaluation.matching import (
    cached_vectors,
    load_qrels,
    load_queries,
    load_verified_claims,
    rank_matches,
    score_matching,
)
from claims.management.table import table_row
from claims.retrieval.embeddings import get_embedder


class Command(BaseCommand):
    help = (
        "Score claim matching on CLEF CheckThat! 2022 Task 2A files: each query of a split "
        "ranked against the verified claims (dense + BM25, as linking ranks), MAP@5. The "
        "verified claims' vectors are cached on disk, so reruns take seconds."
    )

    def add_arguments(self, parser):
        parser.add_argument("--data", required=True, type=Path, help="The task's folder.")
        parser.add_argument(
            "--split", default="dev", help="Split: reads <split>.qrels (default dev)."
        )
        parser.add_argument(
            "--queries",
            type=Path,
            help="Queries TSV (default <split>.queries.tsv, else train-dev.queries.tsv).",
        )
        parser.add_argument("--qrels", type=Path, help="Qrels (default <data>/<split>.qrels).")
        parser.add_argument(
            "--claims", type=Path, help="Verified claims (default verified_claims.jsonl)."
        )
        parser.add_argument(
            "--cache",
            type=Path,
            default=Path(settings.BASE_DIR) / "var" / "matching-cache",
            help="Folder for cached claim vectors (default var/matching-cache).",
        )
        parser.add_argument("--no-cache", action="store_true", help="Embed everything afresh.")
        parser.add_argument("--lexical-weight", type=float, default=None)
        parser.add_argument("--json", action="store_true", help="Print the report as JSON.")
        parser.add_argument(
            "--table", action="store_true", help="Print one table row (as `make eval`)."
        )

    def handle(self, *args, data: Path, split: str, **options):
        claims_path = options["claims"] or data / "verified_claims.jsonl"
        qrels_path = options["qrels"] or data / f"{split}.qrels"
        queries_path = options["queries"] or next(
            (
                path
                for path in (data / f"{split}.queries.tsv", data / "train-dev.queries.tsv")
                if path.exists()
            ),
            data / f"{split}.queries.tsv",
        )
        for path in (claims_path, qrels_path, queries_path):
            if not path.exists():
                raise CommandError(
                    f"{path} does not exist: give --data a CheckThat! 2022 2A folder (or "
                    f"the file's path with --claims, --qrels or --queries)."
                )
        try:
            claims = load_verified_claims(claims_path)
        except ValueError as error:
            raise CommandError(str(error)) from error
        qrels = load_qrels(qrels_path)
        queries = load_queries(queries_path)
        missing = sorted(set(qrels) - set(queries))
        if missing:
            raise CommandError(
                f"{len(missing)} queries of {qrels_path.name} are not in {queries_path.name} "
                f"(first: {missing[0]}): give the matching --queries file."
            )
        embedder = get_embedder()
        claim_vectors = cached_vectors(
            [c.text for c in claims],
            encode=embedder.encode,
            model_version=embedder.version,
            cache_dir=None if options["no_cache"] else options["cache"],
        )
        query_ids = sorted(qrels)
        texts = [queries[q] for q in query_ids]
        weight = options["lexical_weight"]
        weight = linking.DEFAULT_LEXICAL_WEIGHT if weight is None else weight
        ranked = rank_matches(
            embedder.encode(texts),
            texts,
            claim_vectors,
            linking.LexicalIndex([c.text for c in claims]),
            lexical_weight=weight,
        )
        report = score_matching(
            {q: [claims[i].id for i in rows] for q, rows in zip(query_ids, ranked, strict=True)},
            qrels,
        )
        if options["json"]:
            self.stdout.write(json.dumps(report.to_dict(), indent=2))
        elif options["table"]:
            self.stdout.write(
                table_row(
                    f"{data.name} {split}",
                    f"matching MAP@{report.cutoff}",
                    report.map_at_k,
                    size=f"{len(query_ids)} queries, {len(claims)} claims",
                )
            )
        else:
            self.stdout.write(
                f"MAP@{report.cutoff} {report.map_at_k:.3f} over {len(query_ids)} queries "
                f"({split}, {len(claims)} verified claims, lexical weight {weight})"
            )

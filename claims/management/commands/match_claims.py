import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from claims.retrieval.matching import match_texts


class Command(BaseCommand):
    help = (
        "Match queries (lines of ID<TAB>TEXT) against every tracked claim and print "
        "query_id<TAB>claim_ref<TAB>rank<TAB>score; claim_ref is the imported id of an "
        "imported fact-check, else the claim's id."
    )

    def add_arguments(self, parser):
        parser.add_argument("queries", type=Path, help="TSV file of ID<TAB>TEXT ('-': stdin).")
        parser.add_argument("--top", type=int, default=5)
        parser.add_argument("--batch-size", type=int, default=256)

    def handle(self, *args, queries: Path, top: int, batch_size: int, **options):
        lines = sys.stdin.read() if str(queries) == "-" else _read(queries)
        parsed = []
        for number, line in enumerate(lines.splitlines(), start=1):
            if not line.strip():
                continue
            query_id, tab, text = line.partition("\t")
            if not tab or not text.strip():
                raise CommandError(f"Line {number} is not ID<TAB>TEXT: {line[:80]!r}")
            parsed.append((query_id, text.strip()))
        for start in range(0, len(parsed), batch_size):
            for match in match_texts(parsed[start : start + batch_size], top=top):
                self.stdout.write(
                    f"{match.query_id}\t{match.claim_ref}\t{match.rank}\t{match.score:.6f}"
                )


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except OSError as error:
        raise CommandError(f"Cannot read {path}: {error}") from error

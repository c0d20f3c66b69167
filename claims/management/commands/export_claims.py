from django.core.management.base import BaseCommand

from articles.exports import write_json_lines
from claims.formats.exports import claim_export_row
from claims.selectors.claims import claim_export_rows


class Command(BaseCommand):
    help = "Export every claim as JSON Lines (one claim per line, with its links)."

    def add_arguments(self, parser):
        parser.add_argument("--output", "-o", help="File to write (default: standard output).")

    def handle(self, *args, output: str | None, **options):
        rows = (claim_export_row(c) for c in claim_export_rows().iterator(chunk_size=1000))
        count = write_json_lines(rows, output=output)
        if output:
            self.stderr.write(f"Wrote {count} claims to {output}.")

from django.core.management.base import BaseCommand

from articles.exports import article_export_row, write_json_lines
from articles.selectors import article_export_rows


class Command(BaseCommand):
    help = "Export every article as JSON Lines (one article per line)."

    def add_arguments(self, parser):
        parser.add_argument("--output", "-o", help="File to write (default: standard output).")

    def handle(self, *args, output: str | None, **options):
        rows = (article_export_row(a) for a in article_export_rows().iterator(chunk_size=20))
        count = write_json_lines(rows, output=output)
        if output:
            self.stderr.write(f"Wrote {count} articles to {output}.")

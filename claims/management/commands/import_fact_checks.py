from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from claims.formats.fact_checks import FactCheckFormatError, read_fact_checks
from claims.services.fact_checks import fact_checks_import


class Command(BaseCommand):
    help = (
        "Import published fact-checks as tracked claims with no article, so new article "
        "claims are matched against them. Reads schema.org ClaimReview JSON-LD (one "
        "object, a list, or JSON Lines) or simple JSON Lines (id, claim, title, rating, "
        "url, date, author). Idempotent by id."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--batch-size", type=int, default=500)
        parser.add_argument("--no-progress", action="store_true", help="Hide the progress bar.")

    def handle(self, *args, file: Path, batch_size: int, no_progress: bool, **options):
        if not file.is_file():
            raise CommandError(f"{file} does not exist: give a ClaimReview or JSON Lines file.")
        try:
            records = list(
                read_fact_checks(
                    file, on_warning=lambda message: self.stderr.write(f"Warning: {message}")
                )
            )
        except (FactCheckFormatError, UnicodeDecodeError) as error:
            raise CommandError(f"Nothing was imported: {error}") from error
        with tqdm(total=len(records), desc="Importing", unit="claim", disable=no_progress) as bar:
            counts = fact_checks_import(
                records=records, actor=None, batch_size=batch_size, on_batch=bar.update
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported {counts.imported} fact-checks, already present "
                f"{counts.already_present} (of {len(records)} records)."
            )
        )

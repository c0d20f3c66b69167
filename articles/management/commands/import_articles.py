import argparse
import datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from articles.errors import ApplicationError
from articles.services import DuplicateArticle, article_import_file
from articles.text.decoding import ACCEPTED_EXTENSIONS


class Command(BaseCommand):
    help = (
        "Import article files (.txt, .md, .html) from files or folders, through the same "
        "service as the admin upload. Files already imported are skipped. What ingest "
        "changed or guessed in a file (bytes read as Windows-1252, invisible characters "
        "removed, ...) is printed as a warning; the article is still imported."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", type=Path, help="Files or folders to import.")
        parser.add_argument(
            "--published-date",
            type=_date,
            default=None,
            metavar="YYYY-MM-DD",
            help="Published date of every file imported by this run (as the admin upload's "
            "date field: it wins over a date the text states). Import files of different "
            "days in separate runs. Without it: the text's date, else the import date.",
        )
        parser.add_argument("--no-progress", action="store_true", help="Hide the progress bar.")

    def handle(
        self,
        *args,
        paths: list[Path],
        published_date: datetime.date | None,
        no_progress: bool,
        **options,
    ):
        files = _collect_files(paths)
        imported, duplicates, refused, warned = 0, 0, [], []
        for file in tqdm(files, desc="Importing", unit="file", disable=no_progress):
            try:
                article = article_import_file(
                    data=file.read_bytes(),
                    filename=file.name,
                    actor=None,
                    published_at=published_date,
                )
            except DuplicateArticle:
                duplicates += 1
            except (ApplicationError, OSError) as error:
                refused.append((file, getattr(error, "message", str(error))))
            else:
                imported += 1
                warned.extend((file, w["message"]) for w in article.ingest_warnings)

        for file, message in warned:
            self.stderr.write(self.style.WARNING(f"Warning {file}: {message}"))
        for file, reason in refused:
            self.stderr.write(f"Refused {file}: {reason}")
        summary = (
            f"Imported {imported}, already present {duplicates}, refused {len(refused)} "
            f"(of {len(files)} files)."
        )
        if warned:
            files_warned = len({file for file, _ in warned})
            summary += f" {files_warned} imported with warnings to check (above)."
        if refused:
            raise CommandError(summary)
        self.stdout.write(self.style.SUCCESS(summary))


def _date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date: give YYYY-MM-DD.") from error


def _collect_files(paths: list[Path]) -> list[Path]:
    """Expand folders to their supported files; a named file is always tried (maybe refused)."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(
                sorted(
                    p
                    for p in path.rglob("*")
                    if p.is_file() and p.suffix.lower() in ACCEPTED_EXTENSIONS
                )
            )
        elif path.exists():
            files.append(path)
        else:
            raise CommandError(f"{path} does not exist: give an article file or a folder of them.")
    return files

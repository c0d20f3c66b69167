import argparse
import datetime
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from articles.errors import ApplicationError
from articles.models import ArticleStatus
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
        parser.add_argument(
            "--in-process",
            action="store_true",
            help="Extract claims here, before the command ends (the default without "
            "CELERY_BROKER_URL); with a broker, workers extract them otherwise.",
        )

    def handle(
        self,
        *args,
        paths: list[Path],
        published_date: datetime.date | None,
        no_progress: bool,
        in_process: bool,
        **options,
    ):
        from config.celery_app import app

        files = _collect_files(paths)
        previous = app.conf.task_always_eager
        if in_process or settings.EMBEDDED_QUEUE:
            app.conf.task_always_eager = True  # a command is no web request: wait for it
        try:
            self._import(files, published_date=published_date, no_progress=no_progress)
        finally:
            app.conf.task_always_eager = previous

    def _import(
        self, files: list[Path], *, published_date: datetime.date | None, no_progress: bool
    ) -> None:
        imported, duplicates, refused, warned = 0, 0, [], []
        failed = []
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
                refused.append((file, _one_line(getattr(error, "message", str(error)))))
            except Exception as error:  # one bad file is reported, never a traceback
                refused.append((file, _one_line(f"{type(error).__name__}: {error}")))
            else:
                imported += 1
                warned.extend((file, w["message"]) for w in article.ingest_warnings)
                # In-process (embedded) extraction has run by now; a worker reports later.
                article.refresh_from_db(fields=["status", "last_error"])
                if article.status == ArticleStatus.FAILED:
                    failed.append((file, _one_line(article.last_error)))

        for file, message in warned:
            self.stderr.write(self.style.WARNING(f"Warning {file}: {message}"))
        for file, reason in refused:
            self.stderr.write(f"Refused {file}: {reason}")
        for file, reason in failed:
            self.stderr.write(f"Imported {file}, but its claim extraction failed: {reason}")
        summary = (
            f"Imported {imported}, already present {duplicates}, refused {len(refused)} "
            f"(of {len(files)} files)."
        )
        if warned:
            files_warned = len({file for file, _ in warned})
            summary += f" {files_warned} imported with warnings to check (above)."
        if failed:
            summary += f" Claim extraction failed for {len(failed)}."
        if refused or failed:
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


def _one_line(text: str) -> str:
    return " ".join(str(text).split())[:300] or "no reason recorded"

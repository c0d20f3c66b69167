import sys
from collections.abc import Iterator
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from articles.exports import write_json_lines
from articles.text import UnreadableUpload, normalize_text, normalize_upload
from articles.text.repair import repair_text
from claims.extraction import extract_claims_many
from claims.formats.exports import extracted_claim_row
from claims.runtime.nlp import get_nlp


class Command(BaseCommand):
    help = (
        "Run claim extraction on plain text without saving anything, and print the claims "
        "as JSON Lines. Documents are files (or standard input); with --lines, each input "
        "line is a document whose first tab-separated field is its id."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="*", type=Path, help="Text files (default: stdin).")
        parser.add_argument(
            "--lines", action="store_true", help="One document per line: ID<TAB>TEXT."
        )
        parser.add_argument("--output", "-o", help="File to write (default: standard output).")
        parser.add_argument("--batch-size", type=int, default=64)

    def handle(self, *args, files: list[Path], lines: bool, output, batch_size: int, **options):
        documents = list(_documents(files, lines=lines))
        ids = [document_id for document_id, _ in documents]
        texts = [text for _, text in documents]
        results = extract_claims_many(texts, nlp=get_nlp(), batch_size=batch_size)
        rows = (
            extracted_claim_row(claim, document=document_id)
            for document_id, claims in zip(ids, results, strict=True)
            for claim in claims
        )
        count = write_json_lines(rows, output=output)
        self.stderr.write(f"Extracted {count} claims from {len(documents)} documents.")


def _documents(files: list[Path], *, lines: bool) -> Iterator[tuple[str, str]]:
    """(id, text) pairs: files are normalised like uploads; lines only get Unicode repair."""
    if lines:
        streams = [(f.name, f.read_text(encoding="utf-8")) for f in files] or [
            ("stdin", sys.stdin.read())
        ]
        for name, content in streams:
            for number, line in enumerate(content.splitlines(), start=1):
                if not line.strip():
                    continue
                document_id, tab, text = line.partition("\t")
                if not tab:
                    raise CommandError(
                        f"{name} line {number} has no tab: with --lines each line is ID<TAB>TEXT."
                    )
                yield document_id, repair_text(text).strip()
        return
    if not files:
        yield "stdin", _normalized(sys.stdin.read(), name=None)
        return
    for file in files:
        try:
            data = file.read_bytes()
            yield (
                file.name,
                normalize_upload(data, filename=file.name, max_bytes=len(data) + 1).body,
            )
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error}") from error
        except UnreadableUpload as error:
            raise CommandError(f"{file}: {error}") from error


def _normalized(text: str, *, name: str | None) -> str:
    try:
        return normalize_text(text, filename=name).body
    except UnreadableUpload as error:
        raise CommandError(f"{name or 'stdin'}: {error}") from error

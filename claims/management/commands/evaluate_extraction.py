from json import dumps
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from claims.evaluation.extraction import load_gold, score_extraction
from claims.extraction import extract_claims_many
from claims.gold_inputs import gold_article_texts
from claims.nlp import get_nlp


class Command(BaseCommand):
    help = (
        "Score the claim extractor against gold annotations: precision, recall, F1 and "
        "recall per kind. Each gold article's text is taken from the imported article with "
        "the same key, or else from a file <key>.* in --texts."
    )

    def add_arguments(self, parser):
        parser.add_argument("--gold", required=True, type=Path, help="Gold annotation JSON.")
        parser.add_argument(
            "--texts",
            type=Path,
            action="append",
            help="Folder with the gold articles' files (default: seeds/ and the gold's folder).",
        )
        parser.add_argument(
            "--show-misses", action="store_true", help="List missed gold and incorrect claims."
        )
        parser.add_argument("--json", action="store_true", help="Print the report as JSON.")

    def handle(self, *args, gold: Path, texts, show_misses: bool, json: bool, **options):
        if not gold.exists():
            raise CommandError(f"{gold} does not exist: give the path of a gold JSON file.")
        gold_claims = load_gold(gold)
        folders = texts or [Path("seeds"), gold.parent]
        keys = sorted(gold_claims)
        bodies = [text.body for text in gold_article_texts(keys, folders=folders)]
        extracted = extract_claims_many(bodies, nlp=get_nlp())
        predicted = {
            key: [c.to_dict() for c in claims] for key, claims in zip(keys, extracted, strict=True)
        }
        report = score_extraction(gold_claims, predicted)
        if json:
            self.stdout.write(dumps(report.to_dict(), ensure_ascii=False, indent=2))
            return
        self.stdout.write(
            f"articles {len(keys)}  gold {report.gold_count}  predicted {report.predicted_count}\n"
            f"precision {report.precision:.3f}  recall {report.recall:.3f}  f1 {report.f1:.3f}"
        )
        for kind, recall in report.recall_by_kind.items():
            self.stdout.write(f"  recall {kind:<12} {recall:.3f}")
        if show_misses:
            for claim in report.missed:
                self.stdout.write(f"MISSED    {claim['article']}: {claim['quote']}")
            for claim in report.incorrect:
                self.stdout.write(f"INCORRECT {claim['article']}: {claim['quote']}")

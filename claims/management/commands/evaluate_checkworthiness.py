from json import dumps
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from claims.evaluation.checkworthiness import (
    UnreadableSentences,
    read_sentences,
    score_checkworthiness,
)
from claims.extraction.detector import DetectorUnavailable
from claims.extraction.pipeline import RULES, sentence_scores
from claims.management.table import table_row
from claims.runtime.nlp import get_nlp


class Command(BaseCommand):
    help = (
        "Score check-worthiness of single sentences against CheckThat! labels (F1 of the "
        "check-worthy class). Takes sentence files or folders: the 2024 Task 1 "
        "Sentence_id/Text/class_label files (train, dev or test), or 2019 debate files."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", type=Path, help="CheckThat! .tsv files/folders.")
        parser.add_argument(
            "--only",
            help="Comma-separated file stems to keep from a folder (e.g. some 2019 debates).",
        )
        parser.add_argument("--name", help="The set's name in the table (default: the path).")
        parser.add_argument(
            "--threshold", type=float, help="Score threshold (default: the detector's own)."
        )
        parser.add_argument(
            "--rules", action="store_true", help="Score with the rule score, not the detector."
        )
        parser.add_argument("--table", action="store_true", help="Print one table row per set.")
        parser.add_argument("--json", action="store_true", help="Print the report as JSON.")

    def handle(self, *args, paths, only, name, threshold, rules, table, json, **options):
        keep = {stem for stem in (only or "").split(",") if stem}
        sentences = []
        try:
            for path in paths:
                sentences.extend(read_sentences(path))
        except UnreadableSentences as error:
            raise CommandError(str(error)) from error
        if keep:
            sentences = [s for s in sentences if s.group in keep]
            if not sentences:
                raise CommandError(
                    f"No sentences from {sorted(keep)} in {[str(p) for p in paths]}."
                )
        try:
            scores, threshold = sentence_scores(
                [s.text for s in sentences],
                nlp=get_nlp(),
                detector=RULES if rules else None,
                threshold=threshold,
            )
        except DetectorUnavailable as error:
            raise CommandError(str(error)) from error
        labels = [s.label for s in sentences]
        report = score_checkworthiness(labels, [score >= threshold for score in scores])
        everything = score_checkworthiness(labels, [True] * len(labels))
        label = name or ", ".join(str(p) for p in paths) + (f" [{only}]" if only else "")
        if json:
            payload = {"set": label, "threshold": threshold, **report.to_dict()}
            payload["f1_all_positive"] = round(everything.f1, 4)
            self.stdout.write(dumps(payload, indent=2))
            return
        if table:
            self.stdout.write(
                table_row(
                    label,
                    "check-worthy F1",
                    report.f1,
                    precision=report.precision,
                    recall=report.recall,
                    size=f"{report.sentences} sentences",
                )
            )
            return
        self.stdout.write(
            f"{label}: sentences {report.sentences}  check-worthy {report.positives}  "
            f"predicted {report.predicted}  (threshold {threshold})\n"
            f"precision {report.precision:.3f}  recall {report.recall:.3f}  f1 {report.f1:.3f}"
            f"  (every sentence check-worthy: f1 {everything.f1:.3f})"
        )

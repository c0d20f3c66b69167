from json import dumps
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from claims.evaluation.extraction import ExtractionReport, load_gold, score_extraction
from claims.extraction import extract_claims_many
from claims.extraction.detector import DetectorUnavailable
from claims.extraction.pipeline import RULES
from claims.extraction.training import story_of
from claims.management.gold_inputs import gold_article_texts
from claims.management.table import table_row
from claims.runtime.nlp import get_nlp


class Command(BaseCommand):
    help = (
        "Score the claim extractor against gold annotations: precision, recall, F1 and "
        "recall per kind, for each gold file and pooled over all of them. Each gold "
        "article's text is taken from the imported article with the same key, or else from "
        "a file <key>.* in --texts, seeds/, the gold's folder or its articles/ folder."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--gold",
            required=True,
            type=Path,
            action="append",
            help="Gold annotation JSON (repeat for several sets).",
        )
        parser.add_argument(
            "--texts",
            type=Path,
            action="append",
            help="Folder with the gold articles' files (default: seeds/, the gold's folder "
            "and its articles/ folder).",
        )
        parser.add_argument(
            "--stories",
            help="Also score only these stories (article id prefixes, e.g. d01,d02): the "
            "ones a detector was not tuned on.",
        )
        parser.add_argument(
            "--threshold", type=float, help="Score threshold (default: the detector's own)."
        )
        parser.add_argument(
            "--rules", action="store_true", help="Score with the rule score, not the detector."
        )
        parser.add_argument(
            "--show-misses", action="store_true", help="List missed gold and incorrect claims."
        )
        parser.add_argument("--table", action="store_true", help="Print one table row per set.")
        parser.add_argument("--json", action="store_true", help="Print the reports as JSON.")

    def handle(
        self, *args, gold, texts, stories, threshold, rules, show_misses, table, json, **options
    ):
        nlp = get_nlp()
        sets: list[tuple[str, dict, dict]] = []
        for path in gold:
            if not path.exists():
                raise CommandError(f"{path} does not exist: give the path of a gold JSON file.")
            gold_claims = load_gold(path)
            keys = sorted(gold_claims)
            folders = texts or [
                settings.BASE_DIR / "seeds",
                path.parent,
                path.parent / "articles",
            ]
            bodies = [text.body for text in gold_article_texts(keys, folders=folders)]
            try:
                extracted = extract_claims_many(
                    bodies, nlp=nlp, threshold=threshold, detector=RULES if rules else None
                )
                predicted = {
                    key: [c.to_dict() for c in claims]
                    for key, claims in zip(keys, extracted, strict=True)
                }
            except DetectorUnavailable as error:
                raise CommandError(str(error)) from error
            sets.append((_set_name(path), gold_claims, predicted))

        rows: list[tuple[str, ExtractionReport]] = [
            (name, score_extraction(g, p)) for name, g, p in sets
        ]
        if len(sets) > 1:
            pooled_gold = {f"{name}/{k}": v for name, g, _ in sets for k, v in g.items()}
            pooled_predicted = {f"{name}/{k}": v for name, _, p in sets for k, v in p.items()}
            rows.append(("pooled", score_extraction(pooled_gold, pooled_predicted)))
        if stories:
            wanted = {s for s in stories.split(",") if s}
            for name, g, p in sets:
                keys = [k for k in g if story_of(k) in wanted]
                if keys:
                    rows.append(
                        (
                            f"{name} [{','.join(sorted(wanted))}]",
                            score_extraction({k: g[k] for k in keys}, {k: p[k] for k in keys}),
                        )
                    )
        if json:
            payload = {name: report.to_dict() for name, report in rows}
            self.stdout.write(dumps(payload, ensure_ascii=False, indent=2))
            return
        if table:
            for name, report in rows:
                self.stdout.write(
                    table_row(
                        f"extraction: {name}",
                        "claim F1",
                        report.f1,
                        precision=report.precision,
                        recall=report.recall,
                        size=f"{report.gold_count} gold claims",
                    )
                )
                self.stdout.write(
                    table_row(
                        f"extraction: {name}",
                        "source agreement",
                        report.source_agreement,
                        size=f"{report.sources_compared} found claims",
                    )
                )
            return
        for name, report in rows:
            self.stdout.write(
                f"{name}: gold {report.gold_count}  predicted {report.predicted_count}\n"
                f"precision {report.precision:.3f}  recall {report.recall:.3f}  "
                f"f1 {report.f1:.3f}  source agreement {report.source_agreement:.3f}"
            )
            for kind, recall in report.recall_by_kind.items():
                self.stdout.write(f"  recall {kind:<12} {recall:.3f}")
            if show_misses and name != "pooled":
                for claim in report.missed:
                    self.stdout.write(f"MISSED    {claim['article']}: {claim['quote']}")
                for claim in report.incorrect:
                    self.stdout.write(f"INCORRECT {claim['article']}: {claim['quote']}")


def _set_name(path: Path) -> str:
    """A short name: the file stem, or its folder's name for a generic ``gold.json``."""
    return path.parent.name if path.stem == "gold" else path.stem

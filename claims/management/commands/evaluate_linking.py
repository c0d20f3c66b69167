import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from claims import linking
from claims.evaluation.linking import LinkingReport, link_dicts, score_linking, without_articles
from claims.extraction import extract_claims_many
from claims.management.gold_inputs import gold_article_texts
from claims.management.table import table_row
from claims.retrieval.embeddings import get_embedder
from claims.runtime.nlp import get_nlp
from claims.services.linking import link_thresholds


class Command(BaseCommand):
    help = (
        "Score link suggestion against gold clusters and relations, per gold file and "
        "pooled: MAP@5, recall@5, link precision, typed precision, suggestions per claim, "
        "and the gold conflicts (updates, contradicts) found. Claims are extracted and "
        "linked afresh within each gold file (nothing is saved)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--gold",
            required=True,
            type=Path,
            action="append",
            help="Gold annotation JSON; repeat for several sets (scored each and pooled).",
        )
        parser.add_argument(
            "--texts",
            type=Path,
            action="append",
            help="Folder with the gold articles' files (default: seeds/, the gold's folder "
            "and its articles/ folder).",
        )
        parser.add_argument(
            "--exclude",
            action="append",
            default=[],
            metavar="GLOB",
            help="Leave out gold articles whose id matches (e.g. 'd01_*', a story tuned on).",
        )
        parser.add_argument("--json", action="store_true", help="Print the reports as JSON.")
        parser.add_argument(
            "--table", action="store_true", help="Print table rows per set (as `make eval`)."
        )
        parser.add_argument("--name", default="", help="Prefix for the set names in --table.")

    def handle(
        self,
        *args,
        gold: list[Path],
        texts,
        exclude: list[str],
        json: bool,
        table: bool,
        **options,
    ):
        embedder = get_embedder()
        reports: dict[str, LinkingReport] = {}
        for path in gold:
            gold_data, predicted, claims = linking_inputs(path, texts=texts, exclude=exclude)
            suggestions = linking.suggest_links(
                claims, claims, embedder=embedder, **link_thresholds()
            )
            reports[str(path)] = score_linking(gold_data, predicted, link_dicts(suggestions))
        if len(reports) > 1:
            reports["pooled"] = LinkingReport.pooled(list(reports.values()))
        if json:
            self.stdout.write(dumps({name: r.to_dict() for name, r in reports.items()}))
            return
        if table:
            for name, report in reports.items():
                self.stdout.write(table_rows(_set_name(name, options["name"]), report))
            return
        for name, report in reports.items():
            self.stdout.write(f"== {name}")
            self.stdout.write(report.headline() if name == "pooled" else report.summary())


def _set_name(path: str, prefix: str) -> str:
    name = path if path == "pooled" else Path(path).parent.name + "/" + Path(path).stem
    return f"{prefix} {name}".strip()


def table_rows(name: str, report: LinkingReport) -> str:
    """The linking figures of one set as `make eval` table rows."""
    size = f"{len(report.links)} links, {report.claim_count} claims"
    return "\n".join(
        [
            table_row(name, f"links MAP@{report.cutoff}", report.map_at_k, size=size),
            table_row(name, f"links recall@{report.cutoff}", report.recall_at_k, size=size),
            table_row(name, "link precision", report.link_precision, size=size),
            table_row(name, "typed precision", report.typed_precision, size=size),
            table_row(name, "suggestions per claim", report.suggestions_per_claim, size=size),
            table_row(
                name,
                "conflicts found",
                report.conflicts_found / max(1, len(report.conflicts)),
                size=f"{report.conflicts_found} of {len(report.conflicts)} "
                f"(typed {report.conflicts_typed})",
            ),
        ]
    )


def linking_inputs(
    path: Path, *, texts: list[Path] | None, exclude: list[str]
) -> tuple[dict, dict[str, list[dict]], list[linking.ClaimForLinking]]:
    """The gold (without excluded articles), the extracted claims by article (dicts with
    claim_id, as ``score_linking`` reads them) and the same claims for linking."""
    if not path.exists():
        raise CommandError(f"{path} does not exist: give the path of a gold JSON file.")
    gold_data = json_load(path)
    try:
        gold_data = without_articles(gold_data, exclude)
    except ValueError as error:
        raise CommandError(str(error)) from error
    keys = sorted(gold_data["articles"])
    folders = texts or [Path("seeds"), path.parent, path.parent / "articles"]
    articles = gold_article_texts(keys, folders=[f for f in folders if f.is_dir()])
    extracted = extract_claims_many([a.body for a in articles], nlp=get_nlp())
    predicted: dict[str, list[dict]] = {}
    claims: list[linking.ClaimForLinking] = []
    for article, article_claims in zip(articles, extracted, strict=True):
        rows = predicted.setdefault(article.key, [])
        for number, claim in enumerate(article_claims):
            row = {"claim_id": f"{article.key}#{number}", **claim.to_dict()}
            rows.append(row)
            claims.append(
                linking.ClaimForLinking.from_mapping(
                    row,
                    id=row["claim_id"],
                    article_key=article.key,
                    published=article.published_at,
                )
            )
    return gold_data, predicted, claims


def json_load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def dumps(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)

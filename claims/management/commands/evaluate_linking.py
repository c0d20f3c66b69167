import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from claims import linking
from claims.embeddings import get_embedder
from claims.evaluation.linking import score_linking
from claims.extraction import extract_claims_many
from claims.gold_inputs import gold_article_texts
from claims.nlp import get_nlp
from claims.services.linking import link_thresholds


class Command(BaseCommand):
    help = (
        "Score link suggestion against gold clusters and relations: MAP@5, recall@5, and "
        "for each gold relation whether a link of the right type joins the two clusters. "
        "Claims are extracted and linked afresh (nothing is saved)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--gold", required=True, type=Path, help="Gold annotation JSON.")
        parser.add_argument(
            "--texts",
            type=Path,
            action="append",
            help="Folder with the gold articles' files (default: seeds/ and the gold's folder).",
        )
        parser.add_argument("--json", action="store_true", help="Print the report as JSON.")

    def handle(self, *args, gold: Path, texts, json: bool, **options):
        if not gold.exists():
            raise CommandError(f"{gold} does not exist: give the path of a gold JSON file.")
        gold_data = json_load(gold)
        keys = sorted(gold_data["articles"])
        articles = gold_article_texts(keys, folders=texts or [Path("seeds"), gold.parent])
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
        suggestions = linking.suggest_links(
            claims, claims, embedder=get_embedder(), **link_thresholds()
        )
        links = [
            {
                "claim_id": s.subject_id,
                "other_claim_id": s.object_id,
                "relation": s.relation,
                "score": s.score,
            }
            for s in suggestions
        ]
        report = score_linking(gold_data, predicted, links)
        if json:
            self.stdout.write(dumps(report.to_dict()))
        else:
            self.stdout.write(report.summary())


def json_load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def dumps(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)

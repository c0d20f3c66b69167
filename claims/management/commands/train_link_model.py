import csv
import dataclasses
import json
import time
from pathlib import Path

import numpy as np
from django.core.management.base import BaseCommand, CommandError

from claims import linking
from claims.evaluation.matching import load_qrels, load_queries, load_verified_claims
from claims.extraction.entities import ENTITY_LABELS
from claims.linking import training
from claims.linking.pair_model import CONSISTENT, DEFAULT_ARTEFACT, FEATURES, PAIR_MODEL_VERSION
from claims.management.commands.evaluate_linking import linking_inputs
from claims.retrieval.embeddings import get_embedder
from claims.runtime.nlp import get_nlp


class Command(BaseCommand):
    help = (
        "Train the link pair model (claims/linking/models/link-pair-model.json): a logistic "
        "regression over features of typed candidate pairs, from the gold news (whole "
        "stories left out for calibration), MRPC and CheckThat! 2022 2A; one threshold per "
        "relation calibrated for precision. Fixed seed; prints its scores."
    )

    def add_arguments(self, parser):
        parser.add_argument("--train-dir", type=Path, default=Path("../shared/train"))
        parser.add_argument("--gold", type=Path, action="append", default=[])
        parser.add_argument(
            "--exclude",
            action="append",
            default=[],
            metavar="GLOB",
            help="Gold articles never trained or calibrated on (held out for evaluation).",
        )
        parser.add_argument("--seed", type=int, default=13)
        parser.add_argument(
            "--target-precision",
            type=float,
            default=training.DEFAULT_TARGET_PRECISION,
            help="Precision the consistent (same or supports) threshold reaches on "
            "left-out stories.",
        )
        parser.add_argument(
            "--conflict-target-precision",
            type=float,
            default=training.DEFAULT_CONFLICT_TARGET_PRECISION,
            help="For updates and contradicts: a changed fact missed costs more than one "
            "read in vain.",
        )
        parser.add_argument(
            "--max-public-pairs",
            type=int,
            default=None,
            help="Sample at most this many pairs per public set (default: all).",
        )
        parser.add_argument("--output", type=Path, default=DEFAULT_ARTEFACT)

    def handle(self, *args, train_dir, gold, exclude, seed, target_precision, **options):
        started = time.monotonic()
        embedder = get_embedder()
        rows, data = self.collect_rows(
            train_dir=train_dir,
            gold=gold,
            exclude=exclude,
            seed=seed,
            limit=options["max_public_pairs"],
            embedder=embedder,
        )
        model = self.fit(
            rows,
            data=data,
            seed=seed,
            target_precision=target_precision,
            conflict_target_precision=options["conflict_target_precision"],
            embedding_model=embedder.version,
        )
        options["output"].parent.mkdir(parents=True, exist_ok=True)
        options["output"].write_text(
            json.dumps(model.to_dict(), indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        self.stdout.write(
            f"wrote {options['output']} in {time.monotonic() - started:.0f} s "
            "(linking loads it on next start)"
        )

    def collect_rows(self, *, train_dir, gold, exclude, seed, limit, embedder):
        """The labelled pair rows of every source, and what they were made from."""
        nlp = get_nlp()
        rows = training.PairRows()
        data = {"gold": [], "excluded": exclude, "public": []}
        for path in gold:
            gold_data, predicted, claims = linking_inputs(path, texts=None, exclude=exclude)
            vectors = linking.embed_claims(claims, embedder=embedder)
            file_rows = training.gold_pair_rows(
                gold_data, predicted, claims, vectors, story_prefix=f"{path.parent.name}/"
            )
            rows.extend(file_rows)
            data["gold"].append(f"{path.parent.name}/{path.name}: {sorted(gold_data['articles'])}")
            self.stdout.write(
                f"{path}: {len(file_rows)} candidate pairs, {sum(file_rows.labels)} kept in gold"
            )
        mrpc = train_dir / "mrpc-train" / "msr_paraphrase_train.tsv"
        if mrpc.exists():
            pairs = training.subsample(mrpc_pairs(mrpc), limit=limit, seed=seed)
            rows.extend(self._public_rows(pairs, "mrpc", embedder=embedder, nlp=nlp))
            data["public"].append(f"mrpc-train ({len(pairs)} pairs)")
        checkthat = train_dir / "checkthat2022-task2a-en"
        if (checkthat / "train.qrels").exists():
            pairs = training.subsample(checkthat_pairs(checkthat), limit=limit, seed=seed)
            rows.extend(self._public_rows(pairs, "checkthat", embedder=embedder, nlp=nlp))
            data["public"].append(f"checkthat2022-task2a-en train.qrels ({len(pairs)} pairs)")
        return rows, data

    def fit(
        self, rows, *, data, seed, target_precision, conflict_target_precision, embedding_model
    ):
        """Calibrate on left-out stories, print the scores, fit on everything."""
        gold_mask = np.asarray([s == "gold" for s in rows.sources])
        if not gold_mask.any():
            raise CommandError("No gold pairs: give --gold files (thresholds need them).")
        self.stdout.write(f"{len(rows)} rows ({int(gold_mask.sum())} gold)")
        left_out = training.left_out_probabilities(rows, seed=seed)
        labels = np.asarray(rows.labels)[gold_mask]
        relations = [r for r, m in zip(rows.relations, gold_mask, strict=True) if m]
        targets = {
            CONSISTENT: target_precision,
            "updates": conflict_target_precision,
            "contradicts": conflict_target_precision,
        }
        best_in_article = [m for m, g in zip(rows.best_in_article, gold_mask, strict=True) if g]
        thresholds = training.calibrate_thresholds(
            left_out[gold_mask],
            labels,
            relations,
            targets=targets,
            best_in_article=best_in_article,
            stories=[s for s, m in zip(rows.stories, gold_mask, strict=True) if m],
        )
        scores = training.report(
            left_out[gold_mask], labels, relations, thresholds, best_in_article
        )
        self.stdout.write("gold pairs, each story scored by a model trained without it:")
        for name, value in scores.items():
            self.stdout.write(f"  {name}: {value}")
        self.stdout.write(
            "thresholds: " + ", ".join(f"{k} {v:.3f}" for k, v in sorted(thresholds.items()))
        )
        model = training.fit_pair_model(rows, seed=seed, thresholds=thresholds)
        weights = ", ".join(f"{n} {w:+.2f}" for n, w in zip(FEATURES, model.weights, strict=True))
        self.stdout.write(f"weights (standardised features): {weights}")
        manifest = {
            "pair_model_version": PAIR_MODEL_VERSION,
            "linking_method": linking.LINKING_METHOD,
            "embedding_model": embedding_model,
            "seed": seed,
            "target_precision": targets,
            "data": data,
            "rows": {
                source: int(sum(1 for s in rows.sources if s == source))
                for source in sorted(set(rows.sources))
            },
            "left_out_scores": scores,
        }
        return dataclasses.replace(model, manifest=manifest)

    def _public_rows(self, pairs, source, *, embedder, nlp):
        texts = sorted({text for one, two, _label in pairs for text in (one, two)})
        entities = dict(zip(texts, entity_texts(texts, nlp=nlp), strict=True))
        vectors = dict(zip(texts, embedder.encode(texts), strict=True))
        claims, vector_pairs = [], []
        for number, (one, two, label) in enumerate(pairs):
            claims.append(
                (
                    linking.ClaimForLinking(
                        id=f"{source}:{number}:a",
                        article_key=f"{source}:{number}:a",
                        statement=one,
                        entities=entities[one],
                    ),
                    linking.ClaimForLinking(
                        id=f"{source}:{number}:b",
                        article_key=f"{source}:{number}:b",
                        statement=two,
                        entities=entities[two],
                    ),
                    label,
                )
            )
            vector_pairs.append((vectors[one], vectors[two]))
        result = training.public_pair_rows(claims, vector_pairs, source=source)
        self.stdout.write(
            f"{source}: {len(pairs)} pairs, {len(result)} above the candidate floor, "
            f"{sum(result.labels)} kept"
        )
        return result


def entity_texts(texts, *, nlp) -> list[tuple[str, ...]]:
    """The named entities of each text, as the extractor keeps them (by label)."""
    keep = [name for name in ("tok2vec", "tagger", "ner") if name in nlp.pipe_names]
    with nlp.select_pipes(enable=keep):
        return [
            tuple(dict.fromkeys(e.text for e in doc.ents if e.label_ in ENTITY_LABELS))
            for doc in nlp.pipe(texts, batch_size=256)
        ]


def mrpc_pairs(path: Path) -> list[tuple[str, str, int]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        next(reader)
        return [(row[3], row[4], int(row[0])) for row in reader if len(row) >= 5]


def checkthat_pairs(folder: Path) -> list[tuple[str, str, int]]:
    queries = load_queries(folder / "train-dev.queries.tsv")
    qrels = load_qrels(folder / "train.qrels")
    claims = {c.id: c.text for c in load_verified_claims(folder / "verified_claims.jsonl")}
    return [
        (queries[query_id], claims[claim_id], label)
        for query_id, claim_id, label in training.hard_negatives(queries, qrels, claims)
        if claims.get(claim_id) and queries.get(query_id)
    ]

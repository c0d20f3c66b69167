"""Check-worthiness of single sentences, scored as CheckThat! does (pure Python, no Django).

Reads the labs' sentence files as they are:

- CheckThat! 2024 Task 1: ``Sentence_id<TAB>Text<TAB>class_label`` with a header row and
  ``Yes``/``No`` labels; a text may be quoted CSV-style (``""`` for a quotation mark);
- CheckThat! 2019 Task 1: ``line<TAB>speaker<TAB>sentence<TAB>label`` with 0/1 labels and no
  header, one file per debate or speech (a folder reads every ``.tsv`` in it);
- CheckThat! 2020 Task 1 tweets: a header with ``tweet_text`` and ``check_worthiness``.

The measure is the official one: F1 of the check-worthy (positive) class.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path


class UnreadableSentences(ValueError):
    """A sentence file is not in one of the formats above."""


@dataclass(frozen=True)
class LabelledSentence:
    text: str
    label: bool
    group: str  # the debate (file stem) it comes from


@dataclass(frozen=True)
class CheckworthinessReport:
    sentences: int
    positives: int
    predicted: int
    true_positives: int

    @property
    def precision(self) -> float:
        return self.true_positives / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.positives if self.positives else 0.0

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0

    def to_dict(self) -> dict[str, float | int]:
        return {
            "sentences": self.sentences,
            "positives": self.positives,
            "predicted": self.predicted,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


def score_checkworthiness(
    labels: Sequence[bool], predictions: Sequence[bool]
) -> CheckworthinessReport:
    if len(labels) != len(predictions):
        raise ValueError(f"{len(labels)} labels but {len(predictions)} predictions.")
    return CheckworthinessReport(
        sentences=len(labels),
        positives=sum(labels),
        predicted=sum(predictions),
        true_positives=sum(
            1 for gold, guess in zip(labels, predictions, strict=True) if gold and guess
        ),
    )


def read_sentences(path: str | Path) -> list[LabelledSentence]:
    """Labelled sentences from a CheckThat! file, or from every ``.tsv`` in a folder."""
    path = Path(path)
    if path.is_dir():
        files = sorted(path.glob("*.tsv"))
        if not files:
            raise UnreadableSentences(f"{path} holds no .tsv sentence files.")
        return [sentence for file in files for sentence in read_sentences(file)]
    if not path.exists():
        raise UnreadableSentences(f"{path} does not exist: give a CheckThat! .tsv file or folder.")
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle, delimiter="\t"))
    rows = [row for row in rows if any(cell.strip() for cell in row)]
    if not rows:
        raise UnreadableSentences(f"{path} is empty.")
    header = [cell.strip().lower() for cell in rows[0]]
    if "class_label" in header and "text" in header:
        text, label = header.index("text"), header.index("class_label")
        return _rows(path, rows[1:], text=text, label=label, positive={"yes"})
    if "tweet_text" in header and "check_worthiness" in header:
        text, label = header.index("tweet_text"), header.index("check_worthiness")
        return _rows(path, rows[1:], text=text, label=label, positive={"1"})
    if len(rows[0]) == 4 and rows[0][3].strip() in {"0", "1"}:
        return _rows(path, rows, text=2, label=3, positive={"1"})
    raise UnreadableSentences(
        f"{path}: not a CheckThat! sentence file (expected a Sentence_id/Text/class_label "
        f"header, a tweet_text/check_worthiness header, or line/speaker/sentence/label rows)."
    )


def _rows(
    path: Path, rows: list[list[str]], *, text: int, label: int, positive: set[str]
) -> list[LabelledSentence]:
    sentences = []
    for number, row in enumerate(rows, start=1):
        if len(row) <= max(text, label):
            raise UnreadableSentences(f"{path}, row {number}: too few columns ({len(row)}).")
        sentence = row[text].strip()
        if sentence:
            sentences.append(
                LabelledSentence(sentence, row[label].strip().lower() in positive, path.stem)
            )
    return sentences

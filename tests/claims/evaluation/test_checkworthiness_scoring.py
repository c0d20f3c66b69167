import pytest

from claims.evaluation.checkworthiness import (
    UnreadableSentences,
    read_sentences,
    score_checkworthiness,
)


def test_score_checkworthiness_is_f1_of_the_check_worthy_class():
    report = score_checkworthiness([True, True, False, False], [True, False, True, False])
    assert (report.precision, report.recall, report.f1) == (0.5, 0.5, 0.5)
    nothing = score_checkworthiness([True, False], [False, False])
    assert nothing.f1 == 0.0


def test_read_sentences_reads_the_2024_format_with_csv_quoting(tmp_path):
    path = tmp_path / "dev.tsv"
    path.write_text(
        "Sentence_id\tText\tclass_label\n"
        '26\t"You know, I saw a movie - ""Crocodile Dundee."""\tNo\n'
        "80\tWe're consuming 50 percent of the world's cocaine.\tYes\n",
        encoding="utf-8",
    )
    sentences = read_sentences(path)
    assert [s.text for s in sentences] == [
        'You know, I saw a movie - "Crocodile Dundee."',
        "We're consuming 50 percent of the world's cocaine.",
    ]
    assert [s.label for s in sentences] == [False, True]


def test_read_sentences_reads_a_folder_of_2019_debates_by_debate(tmp_path):
    (tmp_path / "20160101_a.tsv").write_text("1\tA\tHello there.\t0\n2\tA\tTaxes rose 5%.\t1\n")
    (tmp_path / "20160102_b.tsv").write_text("1\tB\tWe built 30 schools.\t1\n")
    sentences = read_sentences(tmp_path)
    assert [(s.group, s.label) for s in sentences] == [
        ("20160101_a", False),
        ("20160101_a", True),
        ("20160102_b", True),
    ]


def test_read_sentences_names_an_unknown_format(tmp_path):
    path = tmp_path / "other.tsv"
    path.write_text("a\tb\n")
    with pytest.raises(UnreadableSentences, match="not a CheckThat! sentence file"):
        read_sentences(path)

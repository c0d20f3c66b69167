import pytest
from django.core.management import CommandError, call_command


def _sentences(tmp_path):
    path = tmp_path / "dev.tsv"
    path.write_text(
        "Sentence_id\tText\tclass_label\n"
        "1\tUnemployment fell to 4.1 percent in 2015.\tYes\n"
        "2\tThank you all for coming tonight.\tNo\n",
        encoding="utf-8",
    )
    return path


def test_evaluate_checkworthiness_prints_f1_of_the_check_worthy_class(nlp, tmp_path, capsys):
    call_command("evaluate_checkworthiness", str(_sentences(tmp_path)))
    out = capsys.readouterr().out
    assert "sentences 2  check-worthy 1" in out
    assert "f1 1.000" in out
    assert "every sentence check-worthy: f1 0.667" in out


def test_evaluate_checkworthiness_table_row(nlp, tmp_path, capsys):
    call_command("evaluate_checkworthiness", str(_sentences(tmp_path)), "--table", "--name", "s")
    assert capsys.readouterr().out.startswith("| s | check-worthy F1 | 1.000 |")


def test_evaluate_checkworthiness_names_a_missing_file(tmp_path):
    with pytest.raises(CommandError, match="does not exist"):
        call_command("evaluate_checkworthiness", str(tmp_path / "missing.tsv"))

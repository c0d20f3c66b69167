import pytest
from django.core.management import CommandError, call_command

from articles.models import Article
from tests.conftest import SEEDS_DIR


@pytest.mark.django_db
def test_import_articles_imports_seeds_once(capsys):
    call_command("import_articles", str(SEEDS_DIR), "--no-progress")
    first = capsys.readouterr().out
    call_command("import_articles", str(SEEDS_DIR), "--no-progress")
    second = capsys.readouterr().out

    assert Article.objects.count() == 5
    assert "Imported 5, already present 0, refused 0" in first
    assert "Imported 0, already present 5, refused 0" in second


@pytest.mark.django_db
def test_import_articles_reports_refused_files_and_fails(tmp_path, capsys):
    (tmp_path / "good.txt").write_text("Insurgents captured the town of Soran on Tuesday.\n")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.md").write_bytes(b"\x00\x01\x02\x03\x04 binary")
    (tmp_path / "ignored.png").write_bytes(b"\x89PNG")

    with pytest.raises(CommandError, match="Imported 1, already present 0, refused 2"):
        call_command("import_articles", str(tmp_path), "--no-progress")

    err = capsys.readouterr().err
    assert "empty.txt" in err and "binary.md" in err
    assert Article.objects.count() == 1


@pytest.mark.django_db
def test_import_articles_names_a_missing_path(tmp_path):
    with pytest.raises(CommandError, match="does not exist"):
        call_command("import_articles", str(tmp_path / "nope.txt"))


BODY = "Insurgents captured the town of Soran on Tuesday, a war monitor said."


@pytest.mark.django_db
def test_import_articles_prints_what_ingest_changed_or_guessed(tmp_path, capsys):
    (tmp_path / "latin.txt").write_bytes(b"The caf\xe9 in Soran was closed, residents said.\n")
    (tmp_path / "spoof.md").write_text(f"Minister \u202eyas ton did\u202c say it.\n\n{BODY}\n")
    (tmp_path / "clean.txt").write_text(f"{BODY} It was the second town this week.\n")

    call_command("import_articles", str(tmp_path), "--no-progress")

    captured = capsys.readouterr()
    assert "Imported 3, already present 0, refused 0" in captured.out
    assert "2 imported with warnings to check" in captured.out
    warnings = [line for line in captured.err.splitlines() if line.startswith("Warning")]
    assert len(warnings) == 2
    assert "latin.txt" in warnings[0] and "Windows-1252" in warnings[0]
    assert "spoof.md" in warnings[1] and "yas ton did" in warnings[1]


@pytest.mark.django_db
def test_import_articles_published_date_option(tmp_path):
    (tmp_path / "a.txt").write_text(f"{BODY}\n")

    call_command(
        "import_articles", str(tmp_path), "--no-progress", "--published-date", "2023-03-14"
    )

    article = Article.objects.get()
    assert article.published_at.isoformat() == "2023-03-14"
    assert article.published_date_source == "uploader"


@pytest.mark.django_db
def test_import_articles_refuses_a_published_date_that_is_not_one(tmp_path):
    (tmp_path / "a.txt").write_text(f"{BODY}\n")

    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("import_articles", str(tmp_path), "--published-date", "14/03/2023")
    assert Article.objects.count() == 0

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

"""The README stands on its own (issue 10, item 8)."""

import re

from tests.conftest import REPO_ROOT

README = (REPO_ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_points_at_no_file_outside_the_repository():
    assert not re.findall(r"\.\./\w", README)
    assert "/work/" not in README


def test_readme_images_are_in_the_repository_and_small():
    images = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", README)
    assert images, "the editor's guide shows the loop"
    for image in images:
        path = REPO_ROOT / image
        assert path.is_file(), image
        assert path.stat().st_size < 250_000, image

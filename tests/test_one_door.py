"""Admin classes and API views change state only through services (STYLE.md C3)."""

import re

from tests.conftest import REPO_ROOT

WRITES = re.compile(r"\.(save|update|delete|create|bulk_create)\(")


def test_admin_and_api_modules_do_not_write_models_directly():
    modules = [
        *REPO_ROOT.glob("*/admin.py"),
        *REPO_ROOT.glob("*/admin/*.py"),
        *REPO_ROOT.glob("*/api/*.py"),
    ]
    offenders = [
        f"{path.relative_to(REPO_ROOT)}:{number}: {line.strip()}"
        for path in modules
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if WRITES.search(line) and "message_user" not in line
    ]
    assert modules and offenders == []

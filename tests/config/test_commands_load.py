"""Every management command of the project imports and builds its parser.

Commands that only run by hand (training, benchmarks of the data) have no other test that
imports them, so a module moved elsewhere would break them unnoticed.
"""

import pytest
from django.core.management import get_commands, load_command_class

PROJECT_APPS = ("articles", "claims")
PROJECT_COMMANDS = sorted(
    (name, app) for name, app in get_commands().items() if app in PROJECT_APPS
)


def test_the_project_has_its_commands():
    names = {name for name, _ in PROJECT_COMMANDS}
    assert {"import_articles", "train_claim_detector", "train_link_model"} <= names


@pytest.mark.parametrize(("name", "app"), PROJECT_COMMANDS, ids=[n for n, _ in PROJECT_COMMANDS])
def test_command_loads_and_builds_its_parser(name, app):
    command = load_command_class(app, name)

    parser = command.create_parser("manage.py", name)

    assert parser.prog.endswith(name)

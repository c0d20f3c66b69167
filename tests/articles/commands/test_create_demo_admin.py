import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command


@pytest.mark.django_db
def test_create_demo_admin_refuses_when_debug_is_off(settings):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="DEBUG is off"):
        call_command("create_demo_admin")

    assert not get_user_model().objects.exists()


@pytest.mark.django_db
def test_create_demo_admin_creates_a_superuser_and_prints_the_login(settings, capsys):
    settings.DEBUG = True

    call_command("create_demo_admin")
    call_command("create_demo_admin")  # running it again keeps one user

    user = get_user_model().objects.get()
    assert user.is_superuser and user.check_password("admin")
    assert "http://127.0.0.1:8000/admin/" in capsys.readouterr().out

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command


@pytest.mark.django_db
def test_create_demo_admin_creates_nothing_and_says_why_when_debug_is_off(settings, capsys):
    settings.DEBUG = False

    call_command("create_demo_admin")  # no error: `make run` goes on to serve

    assert not get_user_model().objects.exists()
    out = capsys.readouterr().out
    assert "DEBUG is off: no demo login created" in out and "createsuperuser" in out


@pytest.mark.django_db
def test_create_demo_admin_disables_an_old_demo_login_when_debug_is_off(settings, capsys):
    settings.DEBUG = True
    call_command("create_demo_admin")
    settings.DEBUG = False

    call_command("create_demo_admin")

    user = get_user_model().objects.get()
    assert not user.has_usable_password() and not user.check_password("admin")
    assert "disabled the demo login admin/admin" in capsys.readouterr().out


@pytest.mark.django_db
def test_create_demo_admin_leaves_a_real_password_alone_when_debug_is_off(settings):
    get_user_model().objects.create_superuser("admin", "a@example.com", "a-real-passphrase-9")
    settings.DEBUG = False

    call_command("create_demo_admin")

    assert get_user_model().objects.get().check_password("a-real-passphrase-9")


@pytest.mark.django_db
def test_create_demo_admin_creates_a_superuser_and_prints_the_login(settings, capsys):
    settings.DEBUG = True

    call_command("create_demo_admin")
    call_command("create_demo_admin")  # running it again keeps one user

    user = get_user_model().objects.get()
    assert user.is_superuser and user.check_password("admin")
    assert "http://127.0.0.1:8000/admin/" in capsys.readouterr().out


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("host", "url"),
    [
        ("127.0.0.1:8135", "http://127.0.0.1:8135/admin/"),
        ("0.0.0.0:9000", "http://127.0.0.1:9000/admin/"),
        ("8200", "http://127.0.0.1:8200/admin/"),
    ],
)
def test_create_demo_admin_prints_the_address_make_run_serves(settings, capsys, host, url):
    settings.DEBUG = True

    call_command("create_demo_admin", host=host)

    out = capsys.readouterr().out
    assert url in out
    assert "8000" not in out

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from config.auth import DEMO_PASSWORD, DEMO_USERNAME


class Command(BaseCommand):
    help = (
        "Create (or reset) the demo superuser admin/admin when DJANGO_DEBUG is on. "
        "With it off, create nothing and disable a demo login left by an earlier run."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--host",
            default="127.0.0.1:8000",
            help="Address the server listens on, for the login link (make run passes HOST).",
        )

    def handle(self, *args, **options):
        if not settings.DEBUG:
            self._disable_demo_login()
            return
        user, _ = get_user_model().objects.get_or_create(
            username=DEMO_USERNAME, defaults={"email": "admin@example.com"}
        )
        user.is_staff = user.is_superuser = True
        user.set_password(DEMO_PASSWORD)
        user.save()
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo login: http://{_browsable(options['host'])}/admin/  user {DEMO_USERNAME}  "
                f"password {DEMO_PASSWORD}"
            )
        )

    def _disable_demo_login(self) -> None:
        """With DEBUG off a known password is an open door: none is made, an old one is shut."""
        user = get_user_model().objects.filter(username=DEMO_USERNAME).first()
        if user is not None and user.check_password(DEMO_PASSWORD):
            user.set_unusable_password()
            user.save(update_fields=["password"])
            self.stdout.write(
                self.style.WARNING(
                    f"DEBUG is off: disabled the demo login {DEMO_USERNAME}/{DEMO_PASSWORD} "
                    "(its password was public and is now unusable). Give the account a real "
                    f"password with `python manage.py changepassword {DEMO_USERNAME}`."
                )
            )
            return
        self.stdout.write(
            "DEBUG is off: no demo login created (its password would be public). "
            "Create a real account with `python manage.py createsuperuser`."
        )


def _browsable(host: str) -> str:
    """The address to open: a server bound to every interface is reached on localhost."""
    address, _, port = host.rpartition(":")
    if not address:
        address, port = "127.0.0.1", host
    if address in ("0.0.0.0", "::", "[::]"):
        address = "127.0.0.1"
    return f"{address}:{port}"

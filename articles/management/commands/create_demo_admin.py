from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

DEMO_USERNAME = "admin"
DEMO_PASSWORD = "admin"


class Command(BaseCommand):
    help = "Create (or reset) the demo superuser admin/admin. Only with DJANGO_DEBUG on."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "Refusing to create a demo login with a known password while DEBUG is off. "
                "Use `python manage.py createsuperuser` on a real deployment."
            )
        user, _ = get_user_model().objects.get_or_create(
            username=DEMO_USERNAME, defaults={"email": "admin@example.com"}
        )
        user.is_staff = user.is_superuser = True
        user.set_password(DEMO_PASSWORD)
        user.save()
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo login: http://127.0.0.1:8000/admin/  user {DEMO_USERNAME}  "
                f"password {DEMO_PASSWORD}"
            )
        )

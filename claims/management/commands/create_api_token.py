from django.core.management.base import BaseCommand, CommandError

from articles.errors import ApplicationError
from claims.models import TokenScope
from claims.services.api_tokens import api_token_create


class Command(BaseCommand):
    help = (
        "Create an API token for USERNAME (the user is created if missing; a review token's "
        "user joins the Reviewer group). The token is printed alone on the last line: it is "
        "stored hashed and cannot be shown again."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--scope", choices=TokenScope.values, default=TokenScope.READ)
        parser.add_argument("--name", default="", help="Who or what uses the token.")

    def handle(self, *args, username: str, scope: str, name: str, **options):
        try:
            token, key = api_token_create(username=username, scope=scope, name=name)
        except ApplicationError as error:
            raise CommandError(error.message) from error
        self.stdout.write(
            f"Created a {token.get_scope_display().lower()} token {token.prefix}… for "
            f"{token.user.get_username()} (revoke it in the admin: API tokens)."
        )
        self.stdout.write(key)

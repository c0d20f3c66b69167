"""Logging in: the demo login's guard, and the login throttle's address and lockout page.

The throttle itself is django-axes (settings `AXES_*`); these are the project's hooks.
"""

import logging
import math

from axes.helpers import get_client_username, get_cool_off, get_failure_limit
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.backends import ModelBackend
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

logger = logging.getLogger(__name__)

# The demo superuser `make run` creates with DEBUG on; its password is printed and public.
DEMO_USERNAME = "admin"
DEMO_PASSWORD = "admin"


def is_demo_login(*, username: str | None, password: str | None) -> bool:
    return username == DEMO_USERNAME and password == DEMO_PASSWORD


class DemoLoginGuardBackend(ModelBackend):
    """Django's username and password login, refusing the demo login when DEBUG is off.

    A database made by `make run` keeps its admin/admin superuser; with DEBUG off that
    password is public knowledge, so it logs in nobody, whatever the database says.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if (
            user is not None
            and not settings.DEBUG
            and is_demo_login(username=user.get_username(), password=password)
        ):
            logger.warning(
                "Refused the demo login %r: its password is public and DEBUG is off. Give the "
                "account a real password (python manage.py changepassword %s), or disable it "
                "(python manage.py create_demo_admin).",
                DEMO_USERNAME,
                DEMO_USERNAME,
            )
            return None
        return user


def client_ip_address(request: HttpRequest) -> str | None:
    """The client's address for the login throttle.

    REMOTE_ADDR, or behind CLAIMTRACK_PROXY_COUNT proxies that each append the address they
    saw to X-Forwarded-For, the entry the outermost proxy added (earlier ones are the
    client's to forge).
    """
    count = settings.CLAIMTRACK_PROXY_COUNT
    if count > 0:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        addresses = [address.strip() for address in forwarded.split(",") if address.strip()]
        if len(addresses) >= count:
            return addresses[-count]
    return request.META.get("REMOTE_ADDR")


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None, credentials: dict | None
) -> HttpResponse:
    """The page shown instead of the login form while a username and address are locked."""
    cool_off = get_cool_off(request)
    context = {
        **admin.site.each_context(request),
        "title": "Too many failed logins",
        "username": get_client_username(request, credentials) or "",
        "failure_limit": get_failure_limit(request, credentials),
        "cool_off_minutes": math.ceil(cool_off.total_seconds() / 60) if cool_off else None,
    }
    return render(
        request, "admin/login_locked_out.html", context, status=settings.AXES_HTTP_RESPONSE_CODE
    )

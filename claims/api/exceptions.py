"""One exception handler: a service's refusal is a 400, a stale version a 409."""

from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from articles.errors import ApplicationError, ConcurrentChange


def api_exception_handler(exc, context):
    if isinstance(exc, ConcurrentChange):
        # The message names who changed the claim and when; `version` is the current one.
        return Response({"detail": exc.message, **exc.extra}, status=status.HTTP_409_CONFLICT)
    if isinstance(exc, ApplicationError):
        return Response({"detail": exc.message, **exc.extra}, status=status.HTTP_400_BAD_REQUEST)
    return drf_exception_handler(exc, context)

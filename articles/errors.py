"""The error type every service raises for a request it refuses.

It lives here, in the most upstream app, so `claims` can use it too. Its message is
meant for a person: what was wrong and what to do about it.
"""


class ApplicationError(Exception):
    def __init__(self, message: str, *, extra: dict | None = None):
        super().__init__(message)
        self.message = message
        self.extra = extra or {}


class ConcurrentChange(ApplicationError):
    """Someone changed the object after the person opened it (the version they saw is stale)."""

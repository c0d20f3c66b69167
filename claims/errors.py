class TransientError(Exception):
    """A failure worth retrying: the database or broker was briefly unavailable."""

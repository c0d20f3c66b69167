"""The spaCy pipeline, loaded once per process from the package named in settings."""

from functools import cache

from django.conf import settings


@cache
def get_nlp():
    from claims.extraction import load_nlp

    return load_nlp(settings.CLAIMS_SPACY_MODEL)

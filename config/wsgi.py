import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
application = get_wsgi_application()

# The models load now, not inside the first request that needs them.
from claims.runtime.preload import web_models_preload  # noqa: E402

web_models_preload()

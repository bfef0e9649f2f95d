import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "forum.settings")
application = get_wsgi_application()

from django.conf import settings  # noqa: E402 - after setup, on purpose
from django.core.exceptions import ImproperlyConfigured  # noqa: E402

if not (settings.DEBUG or settings.SECRET_KEY_FROM_ENVIRONMENT):
    raise ImproperlyConfigured("Set SECRET_KEY (or DEBUG=1 for a local run).")

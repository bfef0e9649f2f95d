"""Fast, isolated settings for the test suite."""

import os
from importlib import import_module
from pathlib import Path

os.environ.setdefault("SECRET_KEY", "test-secret-key-not-for-production-" + "x" * 20)
os.environ.setdefault("KINDRED_HTTPS", "0")

from forum.settings import *  # noqa: E402,F403
from forum.settings import BASE_DIR, DATABASES  # noqa: E402

DEBUG = False
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
KINDRED_PAGE_CACHE = True  # one process: LocMem is shared by everything a test does
# Sessions in the database on both CI passes (the Redis pass would read them from the
# cache), so query budgets count the same; tests/accounts/test_deletion.py covers cached_db.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
ACCOUNT_EMAIL_VERIFICATION = "optional"
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A file, not shared-cache memory, so threads in concurrency tests lock like production.
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / f".test-db-{os.getpid()}.sqlite3")}
WHITENOISE_AUTOREFRESH = True  # serve from the finders; no collectstatic before tests
WHITENOISE_USE_FINDERS = True
# axe-core, served from the site's origin to the browser tests only (tests/browser/conftest.py
# inject_axe): Chromium then caches and compiles it once, not at every accessibility check.
STATICFILES_DIRS = [*STATICFILES_DIRS, (  # noqa: F405
    "axe-core", str(Path(import_module("axe_playwright_python").__file__).parent))]

# Most tests act as a community without new-member review or rate limits; the moderation
# tests switch them on where they test them.
KINDRED_NEW_MEMBER_REVIEW = 0
KINDRED_RATE_LIMITS = False
ACCOUNT_RATE_LIMITS = False
# Tasks run inline in tests; the worker tests switch to the database backend themselves.
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}

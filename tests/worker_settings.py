"""Settings for a real `manage.py db_worker` process that a test starts against its own test
database (tests/notifications/test_worker_killed.py): the test passes the database and a
directory for the outbox in the environment."""

import json
import os

from tests.settings import *  # noqa: F403

DATABASES = {"default": json.loads(os.environ["KINDRED_WORKER_DATABASE"])}
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
MAILERS = {"default": {"BACKEND": "tests.notifications.outbox.HangsOnceOutbox"}}

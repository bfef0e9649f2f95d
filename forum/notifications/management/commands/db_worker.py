"""`manage.py db_worker`: django-tasks-db's worker, with a heartbeat and a lease.

This app is listed before django_tasks_db in INSTALLED_APPS, so this command answers to the
same name: every recipe that starts a worker gets the heartbeat without a change. While the
worker runs, a thread beats for it and hands back tasks whose worker died
(forum/notifications/worker.py)."""

import os

from django.utils.autoreload import DJANGO_AUTORELOAD_ENV
from django_tasks_db.management.commands import db_worker

from forum.notifications.worker import heartbeat


class Command(db_worker.Command):
    help = ("Run a database background worker that beats, and takes back the tasks of "
            "workers that stopped beating for KINDRED_TASK_LEASE seconds.")

    def handle(self, *args, **options):
        if options["reload"] and os.environ.get(DJANGO_AUTORELOAD_ENV) != "true":
            # The autoreloader's parent only watches files; its child runs (and beats).
            return super().handle(*args, **options)
        with heartbeat(options["worker_id"]):
            return super().handle(*args, **options)

"""A worker killed with `kill -9` mid-send: a real `manage.py db_worker` process against this
test's database, killed by signal, and another worker that takes its task back after the
lease. The email goes out exactly once."""

import email
import json
import os
import signal
import subprocess
import sys
import time

import pytest
from django.conf import settings as django_settings
from django.db import connection
from django.tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from forum.notifications.models import Notification
from posts.services import post_comment
from tests.factories import make_post, make_user
from tests.notifications.outbox import HANGING

pytestmark = pytest.mark.django_db(transaction=True)

LEASE = 2  # seconds: the test waits for states, never for a duration
PATIENCE = 90  # seconds a state may take to arrive on a loaded machine before the test fails


def wait_for(state, what, logs):
    deadline = time.monotonic() + PATIENCE
    while not state():
        if time.monotonic() > deadline:
            pytest.fail(f"{what} did not happen within {PATIENCE} s.\n" + "\n".join(
                f"--- {log.name}\n{log.read_text()}" for log in logs if log.exists()))
        time.sleep(0.1)


@pytest.fixture
def start_worker(tmp_path):
    database = {key: connection.settings_dict[key] for key in
                ("ENGINE", "NAME", "USER", "PASSWORD", "HOST", "PORT", "OPTIONS")}
    database["NAME"] = str(database["NAME"])
    outbox = tmp_path / "outbox"
    outbox.mkdir()
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tests.worker_settings",
           "KINDRED_WORKER_DATABASE": json.dumps(database), "KINDRED_TEST_OUTBOX": str(outbox),
           "KINDRED_TASK_LEASE": str(LEASE)}
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    started = []

    def start(worker_id):
        log = tmp_path / f"{worker_id}.log"
        process = subprocess.Popen(
            [sys.executable, "manage.py", "db_worker", "--no-reload", "--no-startup-delay",
             "--interval", "0.1", "--worker-id", worker_id],
            cwd=django_settings.BASE_DIR, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT)
        started.append(process)
        return process, log

    start.outbox = outbox
    yield start
    for process in started:
        if process.poll() is None:
            process.kill()
            process.wait()


def test_a_worker_killed_mid_send_has_its_email_sent_once_by_the_next_worker(
        start_worker, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    member, other = make_user("rowan"), make_user("ash")
    post = make_post(member, title="Back spasticity in the mornings")
    post_comment(author=other, post=post, body="Same here, every morning.")
    task = DBTaskResult.objects.get()
    outbox = start_worker.outbox

    first, first_log = start_worker("first")
    wait_for(lambda: (outbox / HANGING).exists(), "the first worker reaching its send",
             [first_log])
    first.send_signal(signal.SIGKILL)
    first.wait()
    task.refresh_from_db()
    assert task.status == TaskResultStatus.RUNNING  # what kill -9 leaves behind

    second, second_log = start_worker("second")
    note = Notification.objects.filter(recipient=member)
    wait_for(lambda: note.filter(emailed_at__isnull=False).exists()
             and DBTaskResult.objects.filter(pk=task.pk,
                                             status=TaskResultStatus.SUCCESSFUL).exists(),
             "the second worker sending the email", [first_log, second_log])
    second.send_signal(signal.SIGTERM)
    second.wait()

    sent = [email.message_from_bytes(path.read_bytes()) for path in outbox.glob("*.eml")]
    assert [message["To"] for message in sent] == [member.email]
    task.refresh_from_db()
    assert task.worker_ids == ["first", "second"]

"""Email leaves through the worker: never inside a request, retried when the mail server
fails, and never twice."""

import smtplib
import socket
from contextlib import contextmanager
from datetime import timedelta

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend
from django.core.management import call_command
from django.db import OperationalError, connection
from django.tasks import TaskResultStatus
from django.utils import timezone
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.models import DBTaskResult

from forum.notifications.models import Notification
from forum.notifications.tasks import email_notifications
from forum.notifications.worker import MAX_CLAIMS, beat, take_back_abandoned_tasks
from plumbing.mail import RETRY_DELAYS
from posts.models import Comment, Symptom
from posts.services import post_comment, set_follow
from tests.factories import make_post, make_user

LOCMEM = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}


class RefusingBackend(LocmemBackend):
    """A mail server that is down."""

    def send_messages(self, messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


class FailsOnSecondBackend(LocmemBackend):
    """A mail server that takes one message and then drops the connection."""

    def send_messages(self, messages):
        if len(mail.outbox) >= 1:
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        return super().send_messages(messages)


class RefusesStartTLSBackend(LocmemBackend):
    """A mail server that does not offer STARTTLS while the site requires it."""

    def open(self):
        raise smtplib.SMTPNotSupportedError("STARTTLS extension not supported by server.")

    def send_messages(self, messages):
        self.open()


def mailer(backend):
    return {"default": {"BACKEND": f"{__name__}.{backend.__name__}"}}


def queued(task_path="forum.notifications.tasks.email_notifications"):
    return DBTaskResult.objects.filter(task_path=task_path)


def time_passes():
    """The back-off delay is over: the queued retries are due."""
    DBTaskResult.objects.filter(status=TaskResultStatus.READY).update(
        run_after=timezone.now() - timedelta(seconds=1))


@pytest.fixture
def stalled_smtp():
    """A mail server that accepts connections and never says a word."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    listener.setblocking(False)
    yield listener
    listener.close()


def test_a_comment_is_posted_at_once_while_the_mail_server_stalls(
        client, member, other_member, post, stalled_smtp, task_queue, settings,
        django_capture_on_commit_callbacks):
    settings.MAILERS = {"default": {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {"host": "127.0.0.1", "port": stalled_smtp.getsockname()[1],
                    "use_tls": False, "timeout": 1},
    }}
    client.force_login(other_member)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/posts/{post.slug}/comments/", {"body": "Same for me."})
    assert response.status_code == 302
    assert queued().count() == 1  # the email to the post's author waits for the worker
    with pytest.raises(BlockingIOError):
        stalled_smtp.accept()  # nobody connected to the mail server during the request

    task_queue()  # the worker waits out the SMTP timeout, then backs off
    assert Notification.objects.get(recipient=member).emailed_at is None
    assert queued().get(status=TaskResultStatus.READY).args_kwargs["kwargs"]["attempt"] == 2


def test_a_mail_server_error_is_retried_later_and_the_email_goes_out_once(
        member, other_member, post, task_queue, settings, django_capture_on_commit_callbacks):
    settings.MAILERS = mailer(RefusingBackend)
    with django_capture_on_commit_callbacks(execute=True):
        post_comment(author=other_member, post=post, body="Hello")
    task_queue()
    note = Notification.objects.get(recipient=member)
    assert note.emailed_at is None and mail.outbox == []
    retry = queued().get(status=TaskResultStatus.READY)
    assert retry.run_after > timezone.now()  # backed off, not hammering the server
    assert retry.args_kwargs["kwargs"] == {"ids": [note.pk], "attempt": 2}

    settings.MAILERS = LOCMEM
    time_passes()
    task_queue()
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [member.email]
    email_notifications.enqueue(ids=[note.pk])  # the same batch, run again
    task_queue()
    assert len(mail.outbox) == 1


def test_a_batch_cut_off_halfway_sends_only_the_rest_when_retried(
        member, task_queue, settings, django_capture_on_commit_callbacks):
    readers = [make_user(f"reader{n}", email_new_post="immediate") for n in range(3)]
    hug = Symptom.objects.get(slug="ms-hug")
    for reader in readers:
        set_follow(user=reader, tag=hug, level="watching")
    settings.MAILERS = mailer(FailsOnSecondBackend)
    with django_capture_on_commit_callbacks(execute=True):
        make_post(member, symptoms=[hug])
    task_queue()
    assert len(mail.outbox) == 1
    settings.MAILERS = LOCMEM
    time_passes()
    task_queue()
    assert sorted(m.to[0] for m in mail.outbox) == sorted(r.email for r in readers)


def test_delivery_gives_up_loudly_after_the_last_retry(
        member, other_member, post, task_queue, settings, caplog, admin_client):
    note = Notification.objects.create(recipient=member, kind=Notification.Kind.REPLY_TO_POST,
                                       actor=other_member, actor_name="ash", post=post)
    settings.MAILERS = mailer(RefusingBackend)
    email_notifications.enqueue(ids=[note.pk], attempt=len(RETRY_DELAYS) + 1)
    task_queue()
    failed = queued().get()
    assert failed.status == TaskResultStatus.FAILED and "SMTPServerDisconnected" in \
        failed.traceback
    assert "gave up" in caplog.text
    listing = admin_client.get("/admin/django_tasks_database/dbtaskresult/?status__exact=FAILED")
    assert "email_notifications" in listing.content.decode()


def test_password_reset_mail_is_queued_in_the_request_and_sent_by_the_worker(
        client, member, task_queue):
    response = client.post("/accounts/password/reset/", {"email": member.email})
    assert response.status_code == 302
    assert mail.outbox == [] and queued("plumbing.mail.send_email").count() == 1
    task_queue()
    assert len(mail.outbox) == 1 and "Password Reset" in mail.outbox[0].subject
    assert "/accounts/password/reset/key/" in mail.outbox[0].body


def test_digests_are_queued_by_cron_and_sent_by_the_worker_once(
        member, other_member, task_queue, django_assert_max_num_queries):
    readers = [make_user(f"reader{n}", email_reply_to_post="digest") for n in range(5)]
    for reader in readers:
        post_comment(author=other_member, post=make_post(reader), body="Hello")
    with django_assert_max_num_queries(3):  # whatever the number of members due
        call_command("send_digests")
    assert mail.outbox == []
    task_queue()
    assert sorted(m.to[0] for m in mail.outbox) == sorted(r.email for r in readers)
    call_command("send_digests")
    task_queue()
    assert len(mail.outbox) == 5


def test_a_comment_whose_email_cannot_be_queued_is_not_stored_and_the_member_gets_it_back(
        client, member, other_member, post, task_queue, monkeypatch,
        django_capture_on_commit_callbacks):
    def database_gone(*args, **kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(DatabaseBackend, "_task_to_db_task", database_gone)
    client.force_login(other_member)
    words = "Mornings are the worst, then it eases by noon."
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/posts/{post.slug}/comments/", {"body": words})
    assert response.status_code == 503
    page = response.content.decode()
    assert words in page and "Nothing was saved" in page
    # Not stored without its email: no comment, no notification, nothing half-written.
    assert not Comment.objects.filter(body=words).exists()
    assert not Notification.objects.exists()


def test_a_mail_server_refusing_starttls_fails_the_task_and_the_retry_sends_once(
        member, other_member, post, task_queue, settings):
    settings.MAILERS = mailer(RefusesStartTLSBackend)
    post_comment(author=other_member, post=post, body="Hello")
    task_queue()
    first = queued().earliest("enqueued_at")
    assert first.status == TaskResultStatus.FAILED  # never SUCCESSFUL: nothing was sent
    assert "STARTTLS" in first.traceback and mail.outbox == []
    assert Notification.objects.get(recipient=member).emailed_at is None

    settings.MAILERS = LOCMEM  # the mail server is fixed
    time_passes()
    task_queue()
    retry = queued().latest("enqueued_at")
    assert retry.status == TaskResultStatus.SUCCESSFUL
    assert [m.to for m in mail.outbox] == [[member.email]]
    assert Notification.objects.get(recipient=member).emailed_at is not None


def test_a_notification_queued_twice_is_emailed_once(
        member, other_member, post, task_queue):
    post_comment(author=other_member, post=post, body="Hello")
    note = Notification.objects.get(recipient=member)
    email_notifications.enqueue(ids=[note.pk])  # a second task for the same notification
    task_queue()
    assert queued().filter(status=TaskResultStatus.SUCCESSFUL).count() == 2
    assert [m.to for m in mail.outbox] == [[member.email]]


@contextmanager
def the_database_restarting_once_on(fragment):
    """The first statement holding `fragment` fails as a restarting PostgreSQL fails it; the
    list yielded holds that statement once it has."""
    dropped = []

    def restarts_once(execute, sql, params, many, context):
        if fragment in sql and not dropped:
            dropped.append(sql)
            raise OperationalError("terminating connection due to administrator command")
        return execute(sql, params, many, context)

    with connection.execute_wrapper(restarts_once):
        yield dropped


def test_a_sent_email_whose_record_fails_is_recorded_when_the_database_answers_and_not_resent(
        member, other_member, post, task_queue):
    post_comment(author=other_member, post=post, body="Hello")
    with the_database_restarting_once_on('SET "emailed_at"') as dropped:
        task_queue()
    assert dropped  # the first record of the sent email was lost with the connection
    note = Notification.objects.get(recipient=member)
    assert note.emailed_at is not None and len(mail.outbox) == 1
    email_notifications.enqueue(ids=[note.pk])  # the batch runs again
    task_queue()
    assert len(mail.outbox) == 1


def test_a_notification_claimed_by_a_live_attempt_waits_and_one_whose_claim_ran_out_is_sent(
        member, other_member, post, task_queue, settings):
    post_comment(author=other_member, post=post, body="Hello")
    note = Notification.objects.get(recipient=member)
    sending = Notification.objects.filter(pk=note.pk)
    sending.update(email_claimed_at=timezone.now())  # another worker is sending it now
    task_queue()
    assert mail.outbox == []
    # That worker died before it sent: once the lease runs out the claim is void.
    sending.update(email_claimed_at=timezone.now() - timedelta(
        seconds=settings.KINDRED_TASK_LEASE + 1))
    email_notifications.enqueue(ids=[note.pk])
    task_queue()
    assert [m.to for m in mail.outbox] == [[member.email]]
    task_queue()
    email_notifications.enqueue(ids=[note.pk])
    task_queue()
    assert len(mail.outbox) == 1


def running_since_before_the_lease(settings, *worker_ids):
    """The queued task, claimed by these workers in turn, the last one over a lease ago."""
    long_ago = timezone.now() - timedelta(seconds=settings.KINDRED_TASK_LEASE + 1)
    queued().update(status=TaskResultStatus.RUNNING, started_at=long_ago,
                    worker_ids=list(worker_ids))
    return queued().get()


def test_a_task_whose_worker_stopped_beating_is_run_again_and_one_on_a_live_worker_is_left(
        member, other_member, post, task_queue, settings):
    post_comment(author=other_member, post=post, body="Hello")
    task = running_since_before_the_lease(settings, "busy")
    beat("busy")  # a long task on a worker that is alive
    assert take_back_abandoned_tasks() == 0
    task.refresh_from_db()
    assert task.status == TaskResultStatus.RUNNING

    task = running_since_before_the_lease(settings, "killed")  # never beat again
    assert take_back_abandoned_tasks() == 1
    task_queue()
    task.refresh_from_db()
    assert task.status == TaskResultStatus.SUCCESSFUL
    assert task.worker_ids == ["killed", "test-worker"]
    assert [m.to for m in mail.outbox] == [[member.email]]


def test_a_task_that_every_worker_dies_running_is_failed_loudly_after_a_few_tries(
        member, other_member, post, task_queue, settings, caplog):
    post_comment(author=other_member, post=post, body="Hello")
    task = running_since_before_the_lease(settings, *[f"w{n}" for n in range(MAX_CLAIMS)])
    assert take_back_abandoned_tasks() == 0
    task.refresh_from_db()
    assert task.status == TaskResultStatus.FAILED and "WorkerLost" in task.traceback
    assert "died running this task" in caplog.text


def test_a_digest_whose_record_fails_is_recorded_when_the_database_answers_and_not_resent(
        other_member, task_queue):
    reader = make_user("reader", email_reply_to_post="digest")
    post_comment(author=other_member, post=make_post(reader), body="Hello")
    call_command("send_digests")
    with the_database_restarting_once_on('SET "emailed_at"') as dropped:
        task_queue()
    assert dropped and [m.to for m in mail.outbox] == [[reader.email]]
    assert Notification.objects.get(recipient=reader).emailed_at is not None
    call_command("send_digests")  # the next hour's cron run
    task_queue()
    assert len(mail.outbox) == 1

"""Sending email off the request path: one message class for every email the site sends,
a task that delivers a rendered message, the rule for queueing a task with the rows it
names, and the retry rule shared by every email task."""

import email.policy
import logging
import re
import smtplib
import time
from datetime import timedelta

from django.core.mail import EmailMultiAlternatives, mailers
from django.db import DatabaseError, transaction
from django.tasks import task
from django.utils import timezone
from django_tasks_db.backend import DatabaseBackend

from .refusals import Refused

logger = logging.getLogger("kindred.mail")

# Seconds to wait before attempt 2, 3, …; after the last one the task gives up loudly.
RETRY_DELAYS = (30, 120, 600, 1800, 3600)
# Seconds between tries of an enqueue or a record while the database restarts.
QUEUE_PAUSES = (0.5, 1, 2, 4, 8)
# What a mail server that is down, slow or refusing raises (socket timeouts are OSErrors).
DELIVERY_ERRORS = (smtplib.SMTPException, OSError)
# RFC 5322 allows 998 characters a header line. Folding at 78 made Python encode the
# List-Unsubscribe URL (one long word) as an RFC 2047 word, which providers don't read.
HEADER_POLICY_LINE = 998
CONTROL_OR_SPACE = re.compile(r"[\s\x00-\x1f\x7f-\x9f\u2028\u2029]+")


def one_line(subject):
    """A subject is a single line whatever the title it quotes contains."""
    return CONTROL_OR_SPACE.sub(" ", str(subject)).strip()


class Email(EmailMultiAlternatives):
    """Every email the site sends: single-line subject, long headers left readable."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.subject = one_line(self.subject)

    def message(self, *, policy=email.policy.default):
        self.subject = one_line(self.subject)
        return super().message(policy=policy.clone(max_line_length=HEADER_POLICY_LINE))


def as_data(message):
    """A rendered message as JSON for a task's arguments."""
    return {"subject": message.subject, "body": message.body, "from_email": message.from_email,
            "to": list(message.to), "headers": dict(message.extra_headers),
            "alternatives": [[alt.content, alt.mimetype]
                             for alt in getattr(message, "alternatives", [])]}


def from_data(data):
    message = Email(subject=data["subject"], body=data["body"], from_email=data["from_email"],
                    to=data["to"], headers=data["headers"])
    for content, mimetype in data["alternatives"]:
        message.attach_alternative(content, mimetype)
    return message


QUEUE_DOWN = ("We could not save this just now: the site could not queue its email. Nothing "
              "was saved. Please try again in a minute; your words are below.")


def enqueue_with_the_data(a_task, **kwargs):
    """Queue `a_task` in the caller's transaction. django-tasks-db keeps the queue in the
    same database, so the task row commits with the rows it names, or neither does: a
    stored comment always has its email task, and a worker never sees a task before its
    rows. A queue that cannot be written refuses the whole write (`Refused`, 503), so the
    caller's transaction rolls back and the member gets their words back with the reason.
    A backend outside the database (the immediate one in tests) runs after commit, so it
    never reads rows that may still roll back."""
    if not isinstance(a_task.get_backend(), DatabaseBackend):
        transaction.on_commit(lambda: a_task.enqueue(**kwargs))
        return
    try:
        a_task.enqueue(**kwargs)
    except DatabaseError as error:
        logger.error("Could not queue %s (%s); the write that needed it was refused",
                     a_task.name, error)
        raise Refused(QUEUE_DOWN, status=503) from error


class RetryQueued(Exception):
    """This attempt failed and the next one is queued. Raised so the attempt's task result
    reads FAILED (with the mail server's error as its cause), never SUCCESSFUL."""


def _enqueue_patiently(a_task, **kwargs):
    """The retry's enqueue outlasts a database restart (a few seconds); after that it raises,
    and the worker's lease hands the attempt to another worker (forum.notifications.worker)."""
    for pause in QUEUE_PAUSES:
        try:
            return a_task.enqueue(**kwargs)
        except DatabaseError:
            time.sleep(pause)
    return a_task.enqueue(**kwargs)


def record_patiently(write, what):
    """Run `write` (one small database write) in its own transaction, trying again through a
    database restart (about 15 s). For the record that an email was sent: the email is gone,
    so the record must not be lost to a failed COMMIT. False (and logged) if it never
    could be written."""
    for pause in (*QUEUE_PAUSES, None):
        try:
            with transaction.atomic():
                write()
            return True
        except DatabaseError as error:
            if pause is None:
                logger.error("%s was sent but could not be recorded: %s", what, error)
                return False
            time.sleep(pause)
    return False


def retry_later(a_task, error, *, attempt, **kwargs):
    """Enqueue the rest of the work again after a back-off and fail this attempt, or give up
    loudly (logged, and the task's result is marked failed, which the admin's task results
    list shows). Either way this raises: a failed send is never recorded as a success."""
    if attempt > len(RETRY_DELAYS) or not a_task.get_backend().supports_defer:
        logger.error("Email task %s gave up after %d attempt(s): %s", a_task.name, attempt,
                     error)
        raise error
    delay = RETRY_DELAYS[attempt - 1]
    logger.warning("Email task %s failed (attempt %d: %s); retrying in %d s", a_task.name,
                   attempt, error, delay)
    _enqueue_patiently(a_task.using(run_after=timezone.now() + timedelta(seconds=delay)),
                       attempt=attempt + 1, **kwargs)
    raise RetryQueued(f"Attempt {attempt} failed ({type(error).__name__}: {error}); "
                      f"attempt {attempt + 1} is queued in {delay} s.") from error


def close_quietly(connection):
    try:
        connection.close()
    except DELIVERY_ERRORS:
        pass  # the connection is gone either way; the error that matters was handled


@task
def send_email(message, attempt=1):
    """Deliver one rendered message (allauth's verification and password-reset mails)."""
    try:
        mailers.default.send_messages([from_data(message)])
    except DELIVERY_ERRORS as error:
        retry_later(send_email, error, attempt=attempt, message=message)
    return 1

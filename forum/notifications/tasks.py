"""Email work, done by the worker (`manage.py db_worker`), never inside a request.

Each notification is sent at most once per claim: an attempt claims it (a committed mark,
`email_claimed_at`), sends with no transaction open (a slow mail server holds no lock), then
records `emailed_at`, retrying that record through a database restart. A retried or doubled
batch skips what is emailed or claimed by a live attempt; a claim older than the task lease
(its worker died mid-send) may be taken again. A mail server or database error retries the
unsent rest later, and the attempt fails (never reads as a success)."""

from django.core.mail import mailers
from django.db import DatabaseError, transaction
from django.db.models import Q
from django.tasks import task
from django.utils import timezone

from accounts.notification_choices import ALWAYS_EMAILED, IMMEDIATE, IN_APP_ONLY, field_for
from plumbing.mail import DELIVERY_ERRORS, close_quietly, record_patiently, retry_later

from . import emails
from .models import Notification, free_to_email


def wants_now():
    """Notifications whose recipient asked for this kind of email immediately (decisions
    about someone are always emailed: they must be able to read why and appeal)."""
    condition = Q(kind__in=ALWAYS_EMAILED)
    for kind in Notification.Kind.values:
        if kind not in ALWAYS_EMAILED | IN_APP_ONLY:
            condition |= Q(kind=kind, **{f"recipient__{field_for(kind)}": IMMEDIATE})
    return condition


def _message(note):
    return emails.build(note.recipient, subject=f"Kindred: {note.text}",
                        template="notification", context={"note": note},
                        kind=emails.ALL_KINDS if note.kind in ALWAYS_EMAILED else note.kind)


def _claim(note):
    """True if this attempt may send `note`: not emailed, and no claim younger than the lease
    (one conditional UPDATE: two attempts never both win)."""
    now = timezone.now()
    return bool(Notification.objects.filter(free_to_email(now), pk=note.pk)
                .update(email_claimed_at=now))


def release(notes):
    """Not sent after all: a retry may send them at once (if the database is away too, the
    claims run out with the lease instead)."""
    try:
        with transaction.atomic():
            Notification.objects.filter(pk__in=[note.pk for note in notes],
                                        emailed_at__isnull=True).update(email_claimed_at=None)
    except DatabaseError:
        pass


def _send_once(connection, note, message):
    """True if this call sent it; False if another attempt has or is sending it."""
    if not _claim(note):
        return False
    try:
        connection.send_messages([message])
    except BaseException:
        release([note])
        raise
    # If the database stays away, the note keeps its claim: it was sent, so it is not sent
    # again while the claim holds.
    record_patiently(lambda: Notification.objects.filter(pk=note.pk).update(
        emailed_at=timezone.now()), f"Notification {note.pk}")
    return True


@task
def email_notifications(ids=None, kind=None, post_id=None, attempt=1):
    notes = Notification.objects.filter(emailed_at__isnull=True, recipient__is_active=True)
    if ids is not None:
        notes = notes.filter(pk__in=ids)
    if kind is not None:
        notes = notes.filter(kind=kind, post_id=post_id)
    notes = list(
        notes.filter(wants_now()).exclude(recipient__email="")
        .select_related("recipient", "post", "action").order_by("pk")
    )
    sent = done = 0
    if not notes:
        return sent
    connection = mailers.default
    try:
        connection.open()  # before any transaction: a stalled server holds no lock
        for note in notes:
            sent += _send_once(connection, note, _message(note))
            done += 1
    except (*DELIVERY_ERRORS, DatabaseError) as error:
        retry_later(email_notifications, error, attempt=attempt,
                    ids=[note.pk for note in notes[done:]])
    finally:
        close_quietly(connection)
    return sent

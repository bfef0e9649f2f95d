"""Email work, done by the worker (`manage.py db_worker`), never inside a request.

Each notification is marked emailed in the same transaction that sends it, so a retried or
doubled batch never sends one twice; a mail server error retries the unsent rest later."""

from django.core.mail import mailers
from django.db import transaction
from django.db.models import Q
from django.tasks import task
from django.utils import timezone

from accounts.mail import DELIVERY_ERRORS, close_quietly, retry_later
from accounts.notification_choices import ALWAYS_EMAILED, IMMEDIATE, IN_APP_ONLY, field_for

from . import emails
from .models import Notification


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


def _send_once(connection, note, message):
    """True if this call sent it; False if another attempt already had."""
    with transaction.atomic():
        claimed = Notification.objects.filter(pk=note.pk, emailed_at__isnull=True).update(
            emailed_at=timezone.now())
        if claimed:
            connection.send_messages([message])  # an error rolls the mark back
    return bool(claimed)


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
    except DELIVERY_ERRORS as error:
        retry_later(email_notifications, error, attempt=attempt,
                    ids=[note.pk for note in notes[done:]])
    finally:
        close_quietly(connection)
    return sent

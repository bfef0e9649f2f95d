"""Daily and weekly digests: `send_digests` (cron) finds who is due and enqueues; the worker
claims each member's notifications, sends their digest with no transaction open, and records
it (as tasks.py does for one notification): a retried or doubled run sends each digest once."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.core.mail import mailers
from django.db import DatabaseError, transaction
from django.db.models import Q
from django.tasks import task
from django.utils import timezone

from accounts.notification_choices import ALWAYS_EMAILED, DIGEST, IN_APP_ONLY, field_for
from plumbing.mail import DELIVERY_ERRORS, close_quietly, record_patiently, retry_later

from . import emails
from .models import Notification, free_to_email
from .tasks import release

if TYPE_CHECKING:
    from datetime import datetime

    from django.core.mail.backends.base import BaseEmailBackend
    from django.db.models import QuerySet

PERIODS = {"daily": timedelta(days=1), "weekly": timedelta(days=7)}


def digest_notes(now: datetime) -> QuerySet[Notification]:
    """Unemailed notifications of the kinds each recipient wants in a digest, for
    recipients whose digest is due: one query whatever their number."""
    wanted = Q()
    for kind in Notification.Kind.values:
        if kind not in ALWAYS_EMAILED | IN_APP_ONLY:
            wanted |= Q(kind=kind, **{f"recipient__{field_for(kind)}": DIGEST})
    due = Q()
    for frequency, period in PERIODS.items():
        due |= Q(recipient__digest_frequency=frequency) & (
            Q(recipient__last_digest_at__isnull=True)
            | Q(recipient__last_digest_at__lte=now - period)
        )
    return (
        Notification.objects.filter(wanted, due, emailed_at__isnull=True,
                                    recipient__is_active=True)
        .exclude(recipient__email="").select_related("recipient", "post")
        .order_by("recipient_id", "created_at")
    )


def due_recipients(now: datetime) -> list[int]:
    return sorted(set(digest_notes(now).values_list("recipient_id", flat=True)))


def _send_digest(connection: BaseEmailBackend, recipient_id: int) -> int:
    """One member's digest: claimed, sent, then recorded. A concurrent or later run finds
    the notifications claimed or emailed, and sends nothing."""
    with transaction.atomic():
        now = timezone.now()
        # Lock the member's row (PostgreSQL); SQLite's IMMEDIATE transactions serialise
        # writers already. A concurrent run then sees this one's claims and finds nothing.
        members = get_user_model().objects.select_for_update().filter(pk=recipient_id)
        list(members.values_list("pk"))
        notes = list(digest_notes(now).filter(free_to_email(now), recipient_id=recipient_id))
        if not notes:
            return 0
        Notification.objects.filter(pk__in=[note.pk for note in notes]).update(
            email_claimed_at=now)
    message = emails.build(notes[0].recipient, subject=f"Your Kindred digest: {len(notes)} new",
                           template="digest",
                           context={"notes": notes, "since": notes[0].recipient.last_digest_at},
                           kind=emails.ALL_KINDS)
    try:
        connection.send_messages([message])
    except BaseException:
        release(notes)
        raise

    def record() -> None:
        Notification.objects.filter(pk__in=[note.pk for note in notes]).update(emailed_at=now)
        members.update(last_digest_at=now)

    record_patiently(record, f"The digest for member {recipient_id}")
    return 1


@task
def send_digests_to(recipient_ids: list[int], attempt: int = 1) -> int:
    sent = done = 0
    connection = mailers.default
    try:
        connection.open()
        for recipient_id in recipient_ids:
            sent += _send_digest(connection, recipient_id)
            done += 1
    except (*DELIVERY_ERRORS, DatabaseError) as error:
        retry_later(send_digests_to, error, attempt=attempt, recipient_ids=recipient_ids[done:])
    finally:
        close_quietly(connection)
    return sent

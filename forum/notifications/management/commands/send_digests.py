"""Send the digests that are due, in one pass. Safe to run from cron every hour."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.mail import mailers
from django.core.management.base import BaseCommand
from django.db.models import Q
from django.utils import timezone

from forum.notifications import emails
from forum.notifications.models import Notification
from forum.notifications.preferences import ALWAYS_EMAILED, DIGEST, field_for

PERIODS = {"daily": timedelta(days=1), "weekly": timedelta(days=7)}


def digest_notes(now):
    """Unemailed notifications of the kinds each recipient wants in a digest, for
    recipients whose digest is due: one query whatever their number."""
    wanted = Q()
    for kind in Notification.Kind.values:
        if kind not in ALWAYS_EMAILED:
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


class Command(BaseCommand):
    help = "Email each member whose daily or weekly digest is due."

    def handle(self, *args, **options):
        now = timezone.now()
        by_recipient = {}
        for note in digest_notes(now):
            by_recipient.setdefault(note.recipient_id, (note.recipient, []))[1].append(note)
        messages = [
            emails.build(recipient, subject=f"Your Kindred digest: {len(notes)} new",
                         template="digest", context={"notes": notes}, kind=emails.ALL_KINDS)
            for recipient, notes in by_recipient.values()
        ]
        if messages:
            mailers.default.send_messages(messages)
            sent_ids = [note.pk for _, notes in by_recipient.values() for note in notes]
            Notification.objects.filter(pk__in=sent_ids).update(emailed_at=now)
            get_user_model().objects.filter(pk__in=list(by_recipient)).update(last_digest_at=now)
        self.stdout.write(f"Sent {len(messages)} digest(s).")

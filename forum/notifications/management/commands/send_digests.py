"""Queue the digests that are due; the worker sends them. Safe to run from cron every hour."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from forum.notifications.digests import due_recipients, send_digests_to


class Command(BaseCommand):
    help = "Queue a digest email for each member whose daily or weekly digest is due."

    def handle(self, *args, **options):
        recipients = due_recipients(timezone.now())
        if recipients:
            send_digests_to.enqueue(recipient_ids=recipients)
        self.stdout.write(f"Queued {len(recipients)} digest(s).")

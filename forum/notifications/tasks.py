"""Email work, through Django's tasks framework so a worker backend can take it over."""

from django.core.mail import mailers
from django.db.models import Q
from django.tasks import task
from django.utils import timezone

from . import emails
from .models import Notification
from .preferences import ALWAYS_EMAILED, IMMEDIATE, field_for


def wants_now():
    """Notifications whose recipient asked for this kind of email immediately (decisions
    about someone are always emailed: they must be able to read why and appeal)."""
    condition = Q(kind__in=ALWAYS_EMAILED)
    for kind in Notification.Kind.values:
        if kind not in ALWAYS_EMAILED:
            condition |= Q(kind=kind, **{f"recipient__{field_for(kind)}": IMMEDIATE})
    return condition


@task
def email_notifications(ids=None, kind=None, post_id=None):
    notes = Notification.objects.filter(emailed_at__isnull=True, recipient__is_active=True)
    if ids is not None:
        notes = notes.filter(pk__in=ids)
    if kind is not None:
        notes = notes.filter(kind=kind, post_id=post_id)
    notes = list(
        notes.filter(wants_now()).exclude(recipient__email="")
        .select_related("recipient", "post", "action")
    )
    messages = [
        emails.build(note.recipient, subject=f"Kindred: {note.text}", template="notification",
                     context={"note": note},
                     kind=emails.ALL_KINDS if note.kind in ALWAYS_EMAILED else note.kind)
        for note in notes
    ]
    if messages:
        mailers.default.send_messages(messages)
        Notification.objects.filter(pk__in=[note.pk for note in notes]).update(
            emailed_at=timezone.now()
        )
    return len(messages)

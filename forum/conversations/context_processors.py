from django.contrib.auth import get_user_model
from django.db.models import Count, F, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils.functional import SimpleLazyObject

from ..notifications.models import Notification
from .models import Participant


def _count(queryset, group_by):
    counted = queryset.order_by().values(group_by).annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def _unread_counts(user):
    """(unread notifications, conversations with unread messages) in one query."""
    notes = Notification.objects.filter(recipient=OuterRef("pk"), read_at__isnull=True)
    sides = Participant.objects.filter(user=OuterRef("pk"), left_at__isnull=True).filter(
        Q(last_read_at__isnull=True) | Q(conversation__last_message_at__gt=F("last_read_at")))
    return (get_user_model().objects.filter(pk=user.pk)
            .annotate(notes=_count(notes, "recipient"), conversations=_count(sides, "user"))
            .values_list("notes", "conversations").first() or (0, 0))


def unread_counts(request):
    """The header's "Notifications" and "Messages" counts: one query, and none at all on a
    page that shows neither (readers', or a template that never asks)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    counts = SimpleLazyObject(lambda: _unread_counts(user))
    return {
        "unread_notifications": SimpleLazyObject(lambda: counts[0]),
        "unread_messages": SimpleLazyObject(lambda: counts[1]),
        "unread_total": SimpleLazyObject(lambda: counts[0] + counts[1]),
    }

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from accounts.notification_choices import ALWAYS_EMAILED, IN_APP_ONLY, OFF, field_for

from . import emails, services
from .models import Notification

PER_PAGE = 30


@login_required
def inbox(request):
    notes = (Notification.objects.filter(recipient=request.user)
             .select_related("post", "action").order_by("-created_at", "-id"))
    page = Paginator(notes, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "notifications/inbox.html", {"page": page})


@login_required
def open_notification(request, notification_id):
    note = get_object_or_404(Notification.objects.select_related("post"),
                             pk=notification_id, recipient=request.user)
    services.mark_read(request.user, [note.pk])
    return redirect(note.target_url)


@login_required
@require_POST
def mark_all_read(request):
    count = services.mark_read(request.user)
    messages.success(request, f"Marked {count} notification{'s' if count != 1 else ''} as read.")
    return redirect("notifications:inbox")


@csrf_exempt  # the signed token is the credential; mail clients POST without a CSRF token
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    try:
        user_id, kind = emails.read_unsubscribe_token(token)
        user = get_user_model().objects.get(pk=user_id)
    except (signing.BadSignature, get_user_model().DoesNotExist, KeyError, TypeError):
        return render(request, "notifications/unsubscribe_invalid.html", status=400)
    optional = [k for k in Notification.Kind.values if k not in ALWAYS_EMAILED | IN_APP_ONLY]
    kinds = optional if kind == emails.ALL_KINDS else [kind]
    if any(k not in optional for k in kinds):
        return render(request, "notifications/unsubscribe_invalid.html", status=400)
    if request.method == "POST":
        get_user_model().objects.filter(pk=user.pk).update(**{field_for(k): OFF for k in kinds})
        return render(request, "notifications/unsubscribed.html", {"kinds": kinds})
    labels = [Notification.Kind(k).label for k in kinds]
    return render(request, "notifications/unsubscribe_confirm.html", {"labels": labels})

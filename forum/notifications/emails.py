"""Notification emails: plain text and HTML parts, one-click unsubscribe on every message."""

from django.conf import settings
from django.core import signing
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from accounts.timezones import zone_of
from plumbing.mail import Email

UNSUBSCRIBE_SALT = "kindred.unsubscribe"
UNSUBSCRIBE_MAX_AGE = 60 * 60 * 24 * 90  # links in old emails stop working after 90 days
ALL_KINDS = "all"


def unsubscribe_token(user, kind):
    return signing.dumps({"user": user.pk, "kind": kind}, salt=UNSUBSCRIBE_SALT)


def read_unsubscribe_token(token):
    """(user_id, kind), or raises signing.BadSignature (SignatureExpired is one)."""
    data = signing.loads(token, salt=UNSUBSCRIBE_SALT, max_age=UNSUBSCRIBE_MAX_AGE)
    return data["user"], data["kind"]


def unsubscribe_url(user, kind):
    path = reverse("notifications:unsubscribe", args=[unsubscribe_token(user, kind)])
    return f"{settings.SITE_URL}{path}"


def build(recipient, *, subject, template, context, kind):
    """`template` names templates/notifications/email/<template>.txt and .html."""
    link = unsubscribe_url(recipient, kind)
    context = {**context, "recipient": recipient, "unsubscribe_url": link,
               "site_url": settings.SITE_URL,
               "settings_url": f"{settings.SITE_URL}{reverse('notification_settings')}"}
    with timezone.override(zone_of(recipient)):  # times in the recipient's zone
        text = render_to_string(f"notifications/email/{template}.txt", context)
        html = render_to_string(f"notifications/email/{template}.html", context)
    message = Email(
        subject=subject, body=text, to=[recipient.email],
        headers={"List-Unsubscribe": f"<{link}>",
                 "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"},
    )
    message.attach_alternative(html, "text/html")
    return message

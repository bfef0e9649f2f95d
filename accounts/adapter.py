from urllib.parse import urlsplit, urlunsplit

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.contrib.sites.shortcuts import get_current_site

from plumbing import mail


def site_context():
    """The site as emails name it: "Kindred" at KINDRED_SITE_URL, never the request's host
    (the sites framework is not installed, so allauth would fall back to it)."""
    from types import SimpleNamespace
    from urllib.parse import urlsplit

    from django.conf import settings

    site = SimpleNamespace(name="Kindred", domain=urlsplit(settings.SITE_URL).netloc)
    return {"current_site": site, "site_url": settings.SITE_URL}


def on_the_site(request, value):
    """A link allauth built from the request (a password-reset key, an email confirmation,
    the sign-up or reset page) moved to KINDRED_SITE_URL: the Host header is whatever the
    sender chose among ALLOWED_HOSTS, and a reset link must not lead anywhere else."""
    from django.conf import settings

    if request is None or not isinstance(value, str):
        return value
    link = urlsplit(value)
    if link.scheme not in ("http", "https") or link.netloc != request.get_host():
        return value
    return settings.SITE_URL + urlunsplit(("", "", link.path, link.query, link.fragment))


class AccountAdapter(DefaultAccountAdapter):
    """Handles imitating the team, the site or a member are refused (accounts.handles)."""

    def clean_username(self, username, shallow=False):
        from django.core.exceptions import ValidationError

        from .handles import RESERVED, is_reserved, validate_handle

        if is_reserved(username):
            raise ValidationError(RESERVED)
        username = super().clean_username(username, shallow=shallow)
        if not shallow:
            validate_handle(username)
        return username

    def send_mail(self, template_prefix, email, context):
        """Verification and password-reset mails are rendered here and delivered by the
        worker, so a slow mail server never holds up the request."""
        request = allauth_context.request
        context = {key: on_the_site(request, value) for key, value in context.items()}
        message = self.render_mail(template_prefix, email, {
            "request": request, "email": email, "current_site": get_current_site(request),
            **context, **site_context(),
        })
        mail.send_email.enqueue(message=mail.as_data(message))  # needs no rows: no on_commit

    def add_message(self, request, level, message_template=None, message_context=None,
                    extra_tags="", message=None):
        """"You have signed out" also tells the page's script to forget every comment draft
        saved in this browser (accounts/shared_device.py)."""
        if message_template == "account/messages/logged_out.txt":
            extra_tags = f"{extra_tags} forget-drafts".strip()
        return super().add_message(request, level, message_template, message_context,
                                   extra_tags, message)

"""Consent to Kindred holding the health information members share (GDPR Art. 9), and the
minimum age.

Signup asks for both (`SignupForm`). A member who has not agreed to the current version
(KINDRED_CONSENT_VERSION: new members before this existed, or everyone after the privacy
page changes what they agree to) is asked once, at their next visit (`ConsentMiddleware`).
The version and the time are kept on the member and in their data export. Withdrawing
clears them and leads to the account-deletion page: without consent Kindred cannot keep
what they shared.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import urlencode

from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone

from .models import User

if TYPE_CHECKING:
    from django.http import HttpRequest

CONSENT_LABEL = ("I agree that Kindred holds the health information I choose to share, as "
                 "the privacy page explains")
CONSENT_REQUIRED = ("Tick “I agree” to join: Kindred cannot hold what you share about your "
                    "health without your consent.")


def age_label() -> str:
    return f"I am {settings.KINDRED_MINIMUM_AGE} or older"


def age_required() -> str:
    return (f"Kindred is for people aged {settings.KINDRED_MINIMUM_AGE} or older. If you are "
            "younger, a parent, carer or your MS nurse can help you find support for your age.")


def has_current_consent(user: User) -> bool:
    return bool(user.health_consent_at) and (
        user.health_consent_version == settings.KINDRED_CONSENT_VERSION)


def record_consent(user: User) -> None:
    """The member agreed to the current version, now."""
    user.health_consent_version = settings.KINDRED_CONSENT_VERSION
    user.health_consent_at = timezone.now()
    User.objects.filter(pk=user.pk).update(
        health_consent_version=user.health_consent_version,
        health_consent_at=user.health_consent_at)


def withdraw_consent(user: User) -> None:
    """The member no longer agrees: nothing recorded (they are asked again until they leave
    or agree once more)."""
    user.health_consent_version, user.health_consent_at = "", None
    User.objects.filter(pk=user.pk).update(health_consent_version="", health_consent_at=None)


class ConsentForm(forms.Form):
    """The two boxes, on the page that asks existing members."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        add_consent_fields(self)


def add_consent_fields(form: forms.Form) -> None:
    """The boxes, their words, and the paragraph explaining them named as their
    description (templates/account/includes/consent.html has id="consent-explained")."""
    form.fields["health_consent"] = forms.BooleanField(
        label=CONSENT_LABEL, error_messages={"required": CONSENT_REQUIRED},
        widget=forms.CheckboxInput(attrs={"aria-describedby": "consent-explained"}))
    form.fields["minimum_age"] = forms.BooleanField(
        label=age_label(), error_messages={"required": age_required()})


class SignupForm(AllauthSignupForm):
    """allauth's signup form with the consent and age boxes (ACCOUNT_FORMS). A refused
    signup shows every field back as typed, the passwords too (it goes to the person who
    typed them, over HTTPS, in a page nobody caches)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        add_consent_fields(self)
        for name in ("password1", "password2"):
            if name in self.fields:
                self.fields[name].widget.render_value = True

    def custom_signup(self, request: HttpRequest, user: User) -> None:
        super().custom_signup(request, user)
        record_consent(user)


class ConsentMiddleware:
    """A logged-in member without consent to the current version is sent, on a page they
    open (GET), to the page that asks for it; then back where they were going. A form they
    send (POST) goes through: their words are never lost on the way (the page after it
    asks). Open without consent: that page, the privacy and crisis pages, logging out,
    downloading their data and deleting their account, static files, the health probe and
    the admin site. A suspended member, who may open only their decisions and can write
    nothing, is asked when the suspension ends."""

    def __init__(self, get_response):
        self.get_response = get_response
        self._open: tuple[str, ...] | None = None

    def open_paths(self) -> tuple[str, ...]:
        if self._open is None:
            self._open = (
                reverse("consent"), reverse("withdraw_consent"), reverse("account_logout"),
                reverse("page", args=["crisis-support"]), reverse("page", args=["privacy"]),
                reverse("export_data"), reverse("delete_account"), reverse("healthz"),
                settings.STATIC_URL,
                # The operators' admin site: staff work there, nobody shares their health.
                reverse("admin:index"),
            )
        return self._open

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (request.method in ("GET", "HEAD") and user is not None and user.is_authenticated
                and not has_current_consent(user) and not user.is_suspended
                and not request.path.startswith(self.open_paths())):
            query = urlencode({"next": request.get_full_path()})
            return redirect(f"{reverse('consent')}?{query}")
        return self.get_response(request)

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods

from plumbing.refusals import Refused

from . import consent as consent_records
from .forms import AccessibilityForm, NotificationSettingsForm, PrivacyForm, ProfileForm
from .preferences import preferences_for, save_preferences
from .profiles import update_profile


def _safe_next(request, fallback=None):
    fallback = fallback or reverse("home")
    target = request.POST.get("next") or request.GET.get("next") or fallback
    # Only a path: redirect() would read any other word as a view name (NoReverseMatch).
    if target.startswith("/") and url_has_allowed_host_and_scheme(
            target, {request.get_host()}, request.is_secure()):
        return target
    return fallback


@require_http_methods(["GET", "POST"])
def accessibility_settings(request):
    """Text size and contrast; works for readers (cookie) and members (account) without JS."""
    if request.method == "POST":
        form = AccessibilityForm(request.POST)
        if form.is_valid():
            if request.POST.get("next"):  # the header tools: back to the page they were on
                return save_preferences(request, redirect(_safe_next(request)),
                                        form.cleaned_data)
            messages.success(request, "Your display choices are saved.")
            return save_preferences(request, redirect("accessibility_settings"),
                                    form.cleaned_data)
        return render(request, "accounts/accessibility.html", {"form": form}, status=400)
    form = AccessibilityForm(initial=preferences_for(request))
    return render(request, "accounts/accessibility.html", {"form": form})


def settings_form(request, form_class, *, heading, intro, saved, save=None):
    """A settings page: one form on the member's own account, saved in place (through
    `save(member, cleaned_data)` when given; its refusal shows the form again)."""
    form = form_class(request.POST or None, instance=request.user)
    context = {"form": form, "heading": heading, "intro": intro}
    if request.method == "POST":
        if not form.is_valid():
            return render(request, "accounts/settings_form.html", context, status=400)
        try:
            save(request.user, form.cleaned_data) if save else form.save()
        except Refused as refusal:
            context["refusal"] = refusal.message
            return render(request, "accounts/settings_form.html", context,
                          status=refusal.status)
        messages.success(request, saved)
        return redirect(request.path)
    return render(request, "accounts/settings_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def notification_settings(request):
    return settings_form(
        request, NotificationSettingsForm, heading="Notification settings",
        saved="Your email choices are saved.",
        intro="Everything shows on your notifications page. Choose what also comes by email.")


@login_required
def settings_index(request):
    return render(request, "accounts/settings_index.html")


@login_required
@require_http_methods(["GET", "POST"])
def profile_settings(request):
    return settings_form(
        request, ProfileForm, heading="Your profile", saved="Your profile is saved.",
        save=lambda member, data: update_profile(member=member, **data),
        intro=f"Your handle, {request.user.username}, is shown next to what you write. Your "
              "email address is never shown.")


@login_required
@require_http_methods(["GET", "POST"])
def privacy_settings(request):
    return settings_form(
        request, PrivacyForm, heading="Privacy", saved="Your privacy choice is saved.",
        intro="When your profile is hidden, only your handle appears next to what you write, "
              "with no link to a profile.")


@login_required
@require_http_methods(["GET", "POST"])
def consent(request):
    """Ask for consent to holding health information (and the minimum age): once, for a
    member who has not agreed to the current version; afterwards it says when they did."""
    form = consent_records.ConsentForm(request.POST or None)
    consented = consent_records.has_current_consent(request.user)
    context = {"form": form, "next": _safe_next(request),
               "consented_at": request.user.health_consent_at if consented else None}
    if request.method == "POST" and not consented:
        if not form.is_valid():
            return render(request, "accounts/consent.html", context, status=400)
        consent_records.record_consent(request.user)
        messages.success(request, "Thank you. Your agreement is recorded.")
        return redirect(context["next"])
    if request.method == "POST":
        return redirect(context["next"])
    return render(request, "accounts/consent.html", context)


@login_required
@require_http_methods(["POST"])
def withdraw_consent(request):
    """Withdrawn at once, then on to closing the account (nothing deleted until they
    confirm there)."""
    consent_records.withdraw_consent(request.user)
    messages.info(request, "You have withdrawn your consent. Kindred cannot keep your health "
                           "information without it, so the next step is closing your account: "
                           "choose below what happens to what you wrote. Until you do, "
                           "Kindred will ask for your consent each time you visit.")
    return redirect("delete_account")

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from posts.models import Comment, Post

from . import data
from .forms import DeleteAccountForm, PrivacyForm, ProfileForm
from .models import User
from .privacy import can_see_profile
from .profiles import update_profile
from .refusals import Refused
from .views import settings_form

RECENT = 10


def profile(request, handle):
    member = get_object_or_404(User, username__iexact=handle, is_active=True)
    if not can_see_profile(request.user, member.profile_visibility, member.pk):
        if member.profile_visibility == User.Visibility.MEMBERS:
            return redirect_to_login(request.get_full_path())
        raise Http404("No such profile.")
    posts = (Post.objects.listed_for(request.user).filter(author=member).latest()
             .with_tags()[:RECENT])
    comments = (Comment.objects.listed_for(request.user).filter(author=member)
                .select_related("post").order_by("-created_at")[:RECENT])
    return render(request, "accounts/profile.html", {
        "member": member, "posts": posts, "comments": comments,
        "is_me": request.user.pk == member.pk,
    })


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
def export(request):
    if request.method == "GET":
        return render(request, "accounts/export.html")
    filename, content_type, payload = data.export_file(request.user)
    response = HttpResponse(payload, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def delete_account(request):
    form = DeleteAccountForm(request.POST or None)
    if request.method == "POST":
        if not form.is_valid():
            return render(request, "accounts/delete.html", {"form": form}, status=400)
        try:
            data.delete_account(request, **form.cleaned_data)
        except Refused as refusal:
            return render(request, "accounts/delete.html",
                          {"form": form, "refusal": refusal.message}, status=refusal.status)
        messages.success(request, "Your account is deleted. Thank you for being part of "
                                  "Kindred. Take care.")
        return redirect("home")
    return render(request, "accounts/delete.html", {"form": form})

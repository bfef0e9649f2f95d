from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from accounts import mentions
from accounts.blocking import has_blocked
from accounts.forms import DeleteAccountForm
from accounts.models import User
from accounts.privacy import can_see_profile
from forum.conversations.rules import can_message, chose_no_messages
from plumbing.refusals import Refused
from posts.models import Comment, Post
from posts.policy import check_rate

from . import data

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
        "is_blocked": has_blocked(request.user, member),
        "can_message": can_message(request.user, member),
        "chose_no_messages": chose_no_messages(request.user),
    })


@require_http_methods(["GET"])
def suggest_handles(request):
    """Handles to offer while a member types "@" (static/js/mentions.js): members only,
    JSON, at most eight, rate-limited."""
    if not request.user.is_authenticated:
        return JsonResponse({"error": "Log in to see members' handles."}, status=403)
    try:
        check_rate(request.user, "suggest_handles")
    except Refused as refusal:
        return JsonResponse({"error": refusal.message}, status=refusal.status)
    handles = mentions.suggest_handles(request.GET.get("q", ""), exclude_id=request.user.pk)
    response = JsonResponse({"handles": handles})
    response["Cache-Control"] = "private, no-store"
    return response


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

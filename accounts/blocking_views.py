"""Blocking from a member's profile, and the list of blocks in the settings."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from plumbing.confirming import confirmed
from plumbing.refusals import Refused

from . import blocking
from .models import User

ACTIONS = ("block", "unblock")


def _member_to_block(request, handle):
    member = User.objects.filter(username__iexact=handle, is_active=True).first()
    if member is None:
        raise Refused("There is no member with that name.", status=404)
    if member.pk == request.user.pk:
        raise Refused("You can't block yourself.")
    return member


def _confirmation(request, member):
    return render(request, "accounts/block.html", {
        "member": member, "is_blocked": blocking.has_blocked(request.user, member)})


@login_required
@require_http_methods(["GET", "POST"])
def block_member(request, handle):
    """GET: what blocking does, and the button. POST `action` block (default) or unblock.
    Blocking acts only with `confirm=yes` (the page's button); without it the same page
    asks first and nothing changes. Unblocking is one step: blocking again undoes it."""
    if request.method == "GET":
        return _confirmation(request, _member_to_block(request, handle))
    action = request.POST.get("action", "block")
    if action not in ACTIONS:
        raise Refused("Choose to block or to unblock this member.")
    if action == "block":
        if not confirmed(request):
            return _confirmation(request, _member_to_block(request, handle))
        member = blocking.block(blocker=request.user, handle=handle)
        messages.success(request, f"You blocked {member.username}. You won’t see their posts "
                                  "and comments, or hear from them. They are not told.")
    else:
        member = blocking.unblock(blocker=request.user, handle=handle)
        messages.success(request, f"You unblocked {member.username}.")
    if request.POST.get("next") == "settings":
        return redirect("blocked_members")
    return redirect(reverse("profile", args=[member.username]))


@login_required
def blocked_members(request):
    return render(request, "accounts/blocked.html",
                  {"blocks": list(blocking.blocks_made(request.user))})

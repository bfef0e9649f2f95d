from django.shortcuts import redirect, render
from django.urls import Resolver404, resolve

# What a suspended member may open while logged in: the decisions about them and their
# appeals, the page that lists them, the editorial pages (guidelines, crisis support), and
# signing out. Everything else leads to the suspended page.
OPEN_WHILE_SUSPENDED = {
    "moderation:suspended", "moderation:decision", "moderation:appeal", "page",
    "account_logout", "healthz",
}
# Fields whose words a refused POST shows back (comments, posts, messages, appeals).
KEPT_FIELDS = ("title", "body", "text")


class SuspensionMiddleware:
    """A suspended member, logged in, reads the decisions about them and can appeal; any
    other page sends them to the suspended page, and a form they post elsewhere (from a page
    opened before the suspension) is refused there with their words shown back."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (user is None or not user.is_authenticated or not user.is_suspended
                or _view_name(request.path_info) in OPEN_WHILE_SUSPENDED):
            return self.get_response(request)
        if request.method in ("GET", "HEAD"):
            return redirect("moderation:suspended")
        from .views import suspended_context

        kept = [request.POST[name] for name in KEPT_FIELDS if request.POST.get(name)]
        return render(request, "moderation/suspended.html",
                      {**suspended_context(user), "kept": kept}, status=403)


def _view_name(path):
    try:
        return resolve(path).view_name
    except Resolver404:
        return None


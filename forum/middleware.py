"""Site-wide request handling that belongs to no single app."""

from django.shortcuts import render

from accounts.refusals import Refused

# Form fields that are never shown back (secrets) or mean nothing to a member.
UNSHOWN_FIELDS = {"csrfmiddlewaretoken", "password", "password1", "password2", "oldpassword"}


def kept_words(request):
    """Every non-empty text the member sent, as (field name, text), for the refusal page."""
    if request.method != "POST":
        return []
    return [(name, value) for name, value in request.POST.items()
            if name not in UNSHOWN_FIELDS and isinstance(value, str) and len(value.strip()) > 2
            and not value.isdigit()]


class RefusalMiddleware:
    """A `Refused` that no view handled becomes a page with the reason, the right status and
    everything the member wrote, so no refusal ever costs their words."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, Refused):
            return None
        return render(request, "refused.html", {
            "message": exception.message, "kept": kept_words(request),
        }, status=exception.status)

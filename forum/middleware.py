"""Site-wide request handling that belongs to no single app."""

from django.core.exceptions import BadRequest, SuspiciousOperation
from django.http.multipartparser import MultiPartParserError
from django.shortcuts import render

from plumbing.refusals import Refused

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


NUL = "\x00"


def _has_nul(querydict):
    return any(NUL in key or any(NUL in value for value in values)
               for key, values in querydict.lists())


class HostileInputMiddleware:
    """Answers input no browser sends with a 400 page before any view or database sees it.

    - A form body Django cannot read (a charset other than UTF-8, too many fields, a broken
      multipart body) is read once here. Left to Django, the CSRF check raises BadRequest,
      and the 400 handler (wrapped in `requires_csrf_token`) reads the body again, fails
      again, and the visitor gets a bare 500.
    - A NUL byte in the path or a query value: PostgreSQL refuses it in any text parameter
      (a 500). Refused with a 400 rather than silently changing what was asked for. Form
      values are left to the forms: every CharField already refuses NUL with a form error
      that shows the member's words back, and ids go through plumbing.parsing.
    - A cookie holding a NUL (a forged session id) is dropped: the visitor is a reader.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        for name in [name for name, value in request.COOKIES.items() if NUL in value]:
            del request.COOKIES[name]
        if request.method == "POST":
            try:
                request.POST  # noqa: B018 - read (and keep) the body once, here
            except (BadRequest, SuspiciousOperation, MultiPartParserError):
                request._mark_post_parse_error()
                return render(request, "400.html", {"message": (
                    "We could not read what was sent (it must be a form sent as UTF-8). "
                    "Please go back and try again.")}, status=400)
        if NUL in request.path_info or _has_nul(request.GET):
            return render(request, "400.html", {
                "message": "The address contains a character that cannot be used (a NUL "
                           "byte). Please check the link."}, status=400)
        return self.get_response(request)

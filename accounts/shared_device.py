"""A shared computer (clinic, library, family): one member's half-written words must never
reach the next person on the same browser.

The page's script keeps comment drafts in the browser's localStorage under an owner: an
opaque value per member, named on every page's <body>. The script restores only the current
owner's drafts and removes everyone else's. Logging out, whichever way (the Log out button,
deleting the account, a suspension), tells the browser to clear what the site stored
(Clear-Site-Data); the "you have signed out" message tells the script too, for browsers that
ignore the header (it needs https or localhost).
"""

from django.utils.crypto import salted_hmac
from django.utils.functional import SimpleLazyObject

READER = "anon"
CLEAR_SITE_DATA = '"storage"'


def draft_owner(user):
    """An HMAC of the member's id under SECRET_KEY: the same on every page and device for one
    member, different for each, and saying nothing about who they are. "anon" for readers."""
    if not user.is_authenticated:
        return READER
    return salted_hmac("kindred.draft-owner", str(user.pk), algorithm="sha256").hexdigest()[:32]


def drafts_owner_context(request):
    """Context processor: `draft_owner` for <body data-draft-owner>. A page refused before
    authentication ran (bad input: forum.middleware) has no user yet: a reader's page."""
    user = getattr(request, "user", None)
    if user is None:
        return {"draft_owner": READER}
    return {"draft_owner": SimpleLazyObject(lambda: draft_owner(user))}


def forget_on_this_device(sender, request=None, **kwargs):
    """On `user_logged_out`: the response to this request clears the site's storage."""
    if request is not None:
        request.clear_site_storage = True


class ClearSiteDataOnLogoutMiddleware:
    """Sends `Clear-Site-Data: "storage"` on the response that logged someone out, so the
    drafts saved in this browser go with them. Must wrap every middleware that may log out."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(request, "clear_site_storage", False):
            response["Clear-Site-Data"] = CLEAR_SITE_DATA
        return response

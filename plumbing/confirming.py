"""Acts that cannot be undone ask once more, on a page that works without JavaScript.

The GET of such an act's URL shows what will happen, a button and a way back. The button
sends `confirm=yes` (templates/includes/confirm_field.html); a POST without it (a stale
form, a double tap from elsewhere, a forged request) shows the same page and changes
nothing. Used by leaving a conversation, blocking, and deleting a post or a comment.

It lives in the lowest layer (accounts) so that posts and forum can use it too.
"""

from django.http import HttpRequest

CONFIRM_FIELD, CONFIRMED = "confirm", "yes"


def confirmed(request: HttpRequest) -> bool:
    """Did the member press the confirmation page's button?"""
    return request.method == "POST" and request.POST.get(CONFIRM_FIELD) == CONFIRMED

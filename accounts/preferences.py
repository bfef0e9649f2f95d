"""Accessibility preferences: stored on the member's account, or in a cookie for readers."""

from .models import TextSize

COOKIE_NAME = "kindred_a11y"
COOKIE_MAX_AGE = 60 * 60 * 24 * 365
TEXT_SIZES = {choice.value for choice in TextSize}
DEFAULTS = {"text_size": TextSize.NORMAL.value, "high_contrast": False}


def parse_cookie(raw):
    """'150:1' -> {'text_size': 150, 'high_contrast': True}; anything odd gives the defaults."""
    try:
        size, contrast = (raw or "").split(":")
        size = int(size)
    except ValueError:
        return dict(DEFAULTS)
    if size not in TEXT_SIZES or contrast not in {"0", "1"}:
        return dict(DEFAULTS)
    return {"text_size": size, "high_contrast": contrast == "1"}


def cookie_value(prefs):
    return f"{prefs['text_size']}:{int(prefs['high_contrast'])}"


def preferences_for(request):
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return {"text_size": user.text_size, "high_contrast": user.high_contrast}
    return parse_cookie(getattr(request, "COOKIES", {}).get(COOKIE_NAME))


def save_preferences(request, response, prefs):
    """Members keep them across devices; everyone gets the cookie so logging out keeps them."""
    user = request.user
    if user.is_authenticated:
        user.text_size = prefs["text_size"]
        user.high_contrast = prefs["high_contrast"]
        user.save(update_fields=["text_size", "high_contrast"])
    response.set_cookie(
        COOKIE_NAME, cookie_value(prefs), max_age=COOKIE_MAX_AGE, samesite="Lax",
        secure=request.is_secure(), httponly=True,
    )
    return response

"""Accessibility preferences: stored on the member's account, or in a cookie for readers.

Applied by the server as classes on <html>, so they work without JavaScript and never flash.
"""

from .models import Font, TextSize
from .parsing import parse_int

COOKIE_NAME = "kindred_a11y"
COOKIE_MAX_AGE = 60 * 60 * 24 * 365
FIELDS = ("text_size", "high_contrast", "font", "wide_spacing", "reduced_motion")
TEXT_SIZES = {choice.value for choice in TextSize}
FONTS = {choice.value for choice in Font}
DEFAULTS = {"text_size": TextSize.NORMAL.value, "high_contrast": False, "font": Font.SITE.value,
            "wide_spacing": False, "reduced_motion": False}


def parse_cookie(raw):
    """'150:1:dyslexic:1:0' -> preferences; anything odd gives the defaults for that part."""
    prefs = dict(DEFAULTS)
    parts = (raw or "").split(":")
    text_size = parse_int(parts[0], low=min(TEXT_SIZES), high=max(TEXT_SIZES))
    if text_size in TEXT_SIZES:
        prefs["text_size"] = text_size
    flags = {1: "high_contrast", 3: "wide_spacing", 4: "reduced_motion"}
    for index, name in flags.items():
        if len(parts) > index and parts[index] in {"0", "1"}:
            prefs[name] = parts[index] == "1"
    if len(parts) > 2 and parts[2] in FONTS:
        prefs["font"] = parts[2]
    return prefs


def cookie_value(prefs):
    return (f"{prefs['text_size']}:{int(prefs['high_contrast'])}:{prefs['font']}:"
            f"{int(prefs['wide_spacing'])}:{int(prefs['reduced_motion'])}")


def preferences_for(request):
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return {field: getattr(user, field) for field in FIELDS}
    return parse_cookie(getattr(request, "COOKIES", {}).get(COOKIE_NAME))


def html_classes(prefs):
    classes = [f"text-{prefs['text_size']}"]
    if prefs["high_contrast"]:
        classes.append("contrast-high")
    if prefs["font"] != Font.SITE:
        classes.append(f"font-{prefs['font']}")
    if prefs["wide_spacing"]:
        classes.append("spacing-wide")
    if prefs["reduced_motion"]:
        classes.append("motion-reduced")
    return " ".join(classes)


def save_preferences(request, response, prefs):
    """Members keep them across devices; everyone gets the cookie so logging out keeps them."""
    user = request.user
    if user.is_authenticated:
        for field in FIELDS:
            setattr(user, field, prefs[field])
        user.save(update_fields=list(FIELDS))
    response.set_cookie(
        COOKIE_NAME, cookie_value(prefs), max_age=COOKIE_MAX_AGE, samesite="Lax",
        secure=request.is_secure(), httponly=True,
    )
    return response

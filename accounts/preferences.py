"""Accessibility preferences: stored on the member's account, or in a cookie for readers.

Applied by the server as classes on <html>, so they work without JavaScript and never flash.
"""

from plumbing.parsing import parse_int

from .models import Font, TextSize, Theme

COOKIE_NAME = "kindred_a11y"
COOKIE_MAX_AGE = 60 * 60 * 24 * 365
FIELDS = ("text_size", "theme", "font", "wide_spacing", "reduced_motion")
TEXT_SIZES = {choice.value for choice in TextSize}
FONTS = {choice.value for choice in Font}
THEMES = {choice.value for choice in Theme}
# Cookies written before the theme choice kept a 0/1 high-contrast flag in the same place.
LEGACY_THEMES = {"0": Theme.AUTO.value, "1": Theme.CONTRAST.value}
# The class on <html> for each theme; "auto" has none and follows prefers-color-scheme.
THEME_CLASSES = {Theme.LIGHT: "theme-light", Theme.DARK: "theme-dark",
                 Theme.CONTRAST: "contrast-high"}
DEFAULTS = {"text_size": TextSize.NORMAL.value, "theme": Theme.AUTO.value,
            "font": Font.SITE.value, "wide_spacing": False, "reduced_motion": False}


def parse_cookie(raw):
    """'150:dark:dyslexic:1:0' -> preferences; anything odd gives the defaults for that part.

    The second part is the theme; an older cookie's 0/1 there means auto/high contrast."""
    prefs = dict(DEFAULTS)
    parts = (raw or "").split(":")
    text_size = parse_int(parts[0], low=min(TEXT_SIZES), high=max(TEXT_SIZES))
    if text_size in TEXT_SIZES:
        prefs["text_size"] = text_size
    if len(parts) > 1 and parts[1] in THEMES | LEGACY_THEMES.keys():
        prefs["theme"] = LEGACY_THEMES.get(parts[1], parts[1])
    flags = {3: "wide_spacing", 4: "reduced_motion"}
    for index, name in flags.items():
        if len(parts) > index and parts[index] in {"0", "1"}:
            prefs[name] = parts[index] == "1"
    if len(parts) > 2 and parts[2] in FONTS:
        prefs["font"] = parts[2]
    return prefs


def cookie_value(prefs):
    return (f"{prefs['text_size']}:{prefs['theme']}:{prefs['font']}:"
            f"{int(prefs['wide_spacing'])}:{int(prefs['reduced_motion'])}")


def preferences_for(request):
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return {field: getattr(user, field) for field in FIELDS}
    return parse_cookie(getattr(request, "COOKIES", {}).get(COOKIE_NAME))


def html_classes(prefs):
    classes = [f"text-{prefs['text_size']}"]
    if prefs["theme"] in THEME_CLASSES:
        classes.append(THEME_CLASSES[prefs["theme"]])
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

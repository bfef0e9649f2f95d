"""Every colour pair the themes use meets WCAG contrast, computed from static/css/tokens.css:
a colour that makes text or a control hard to see fails the suite."""

import re
from pathlib import Path

import pytest

TOKENS = Path(__file__).resolve().parent.parent / "static" / "css" / "tokens.css"
BLOCKS = {
    "light": ":root, html.theme-light {",
    "dark": "html.theme-dark {",
    "dark (device setting)": "html:not(.theme-light):not(.contrast-high) {",
    "high contrast": "html.contrast-high {",
}
AVATARS = [f"avatar-{n}" for n in range(8)]
BACKGROUNDS = ("bg", "surface")
# Text on a background: 4.5:1 (WCAG AA); 7:1 in the high-contrast theme (AAA).
TEXT_PAIRS = [
    *((fg, bg) for fg in ("text", "text-muted", "link", "link-visited", "danger", "ok",
                          "warning", "accent") for bg in BACKGROUNDS),
    ("on-accent", "accent"), ("on-danger", "danger"), ("on-mark", "mark"),
]
# Controls and their borders against what is around them: 3:1 (WCAG 1.4.11).
UI_PAIRS = [("border", bg) for bg in BACKGROUNDS] + [("accent", bg) for bg in BACKGROUNDS]


def theme_tokens(name):
    css = TOKENS.read_text()
    body = css[css.index(BLOCKS[name]):]
    body = body[:body.index("}")]
    return dict(re.findall(r"--([\w-]+):\s*(#[0-9a-fA-F]{6});", body))


def luminance(hex_colour):
    def channel(value):
        value /= 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(red) + 0.7152 * channel(green) + 0.0722 * channel(blue)


def contrast(first, second):
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def colour(tokens, name):
    return tokens[name if name.startswith("avatar") else f"color-{name}"]


def test_the_contrast_check_catches_a_pale_grey():
    assert round(contrast("#ffffff", "#000000"), 1) == 21.0
    assert contrast("#999999", "#ffffff") < 4.5


def test_every_theme_sets_every_colour_and_dark_is_the_same_either_way():
    names = {name: set(theme_tokens(name)) for name in BLOCKS}
    assert len({frozenset(found) for found in names.values()}) == 1, names
    assert theme_tokens("dark") == theme_tokens("dark (device setting)")


@pytest.mark.parametrize("theme", BLOCKS)
def test_text_is_readable_on_every_background_in_every_theme(theme):
    tokens = theme_tokens(theme)
    need = 7 if theme == "high contrast" else 4.5
    pairs = TEXT_PAIRS + [("avatar-ink", avatar) for avatar in AVATARS]
    pairs.append(("avatar-neutral-ink", "avatar-neutral"))
    weak = {f"{fg} on {bg}": round(contrast(colour(tokens, fg), colour(tokens, bg)), 2)
            for fg, bg in pairs if contrast(colour(tokens, fg), colour(tokens, bg)) < need}
    assert weak == {}


@pytest.mark.parametrize("theme", BLOCKS)
def test_borders_buttons_and_the_focus_ring_stand_out_in_every_theme(theme):
    tokens = theme_tokens(theme)
    weak = {f"{fg} on {bg}": round(contrast(colour(tokens, fg), colour(tokens, bg)), 2)
            for fg, bg in UI_PAIRS if contrast(colour(tokens, fg), colour(tokens, bg)) < 3}
    assert weak == {}
    # The ring is a dark outline inside a yellow halo: one of them must stand out from
    # every background, and the two from each other.
    focus, ink = colour(tokens, "focus"), colour(tokens, "focus-ink")
    for bg in BACKGROUNDS:
        assert max(contrast(focus, colour(tokens, bg)), contrast(ink, colour(tokens, bg))) >= 3
    assert contrast(focus, ink) >= 3

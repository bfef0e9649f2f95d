from .models import TextSize, Theme
from .preferences import html_classes, preferences_for

# Short names for the header's select; the settings page explains each one in full.
THEME_NAMES = [(Theme.AUTO, "Device setting"), (Theme.LIGHT, "Light"), (Theme.DARK, "Dark"),
               (Theme.CONTRAST, "High contrast")]


def accessibility(request):
    """Classes for <html> so the chosen text size, contrast, font, spacing and motion apply
    before anything paints."""
    prefs = preferences_for(request)
    return {
        "a11y": prefs, "a11y_classes": html_classes(prefs), "a11y_text_sizes": TextSize.choices,
        "a11y_theme_names": THEME_NAMES,
    }

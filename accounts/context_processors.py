from .models import TextSize
from .preferences import html_classes, preferences_for


def accessibility(request):
    """Classes for <html> so the chosen text size, contrast, font, spacing and motion apply
    before anything paints."""
    prefs = preferences_for(request)
    return {
        "a11y": prefs, "a11y_classes": html_classes(prefs), "a11y_text_sizes": TextSize.choices,
    }

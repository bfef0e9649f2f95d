from .models import TextSize
from .preferences import preferences_for


def accessibility(request):
    """Classes for <html> so the chosen text size and contrast apply before anything paints."""
    prefs = preferences_for(request)
    classes = [f"text-{prefs['text_size']}"]
    if prefs["high_contrast"]:
        classes.append("contrast-high")
    return {
        "a11y": prefs, "a11y_classes": " ".join(classes), "a11y_text_sizes": TextSize.choices,
    }

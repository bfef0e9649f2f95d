"""Email preferences per kind of notification. In-app notifications are always kept."""

OFF, IMMEDIATE, DIGEST = "off", "immediate", "digest"
EMAIL_CHOICES = [(OFF, "Off"), (IMMEDIATE, "Immediately"), (DIGEST, "In my digest")]
DIGEST_CHOICES = [("daily", "Daily"), ("weekly", "Weekly")]
DEFAULTS = {
    "new_post": DIGEST, "reply_to_post": IMMEDIATE, "reply_to_comment": IMMEDIATE,
    "mention": IMMEDIATE, "watched_comment": DIGEST,
}


def field_for(kind):
    """The User field holding the email preference for this kind of notification."""
    return f"email_{kind}"
ALWAYS_EMAILED = {"moderation"}
# Shown in the app only, never emailed: good news that needs no email preference of its own.
IN_APP_ONLY = {"helped"}

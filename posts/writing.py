"""What a member is told after their words are saved, and where they land."""

from django.contrib import messages

from .models import Comment

# The crisis message's id: after words that suggest crisis the member lands here, on the
# helplines, instead of on their own words.
CRISIS_ANCHOR = "crisis-support"


def after_writing(request, item):
    """Waiting for review, or words that suggest they may be at risk: say so, warmly."""
    if getattr(item, "crisis_support", False):
        # "words-<anchor>" lets the message link back to what they wrote on the same page.
        words = f"comment-{item.pk}" if isinstance(item, Comment) else "post-title"
        messages.warning(request, "It sounds like things are really hard right now.",
                         extra_tags=f"crisis words-{words}")
    if item.is_waiting_for_review:
        messages.info(request, "Thank you. As a new member, your first posts and comments "
                               "are read by a moderator before others see them. You can see "
                               "yours, marked “waiting for review”.")


def landing_url(item, url):
    """Where the redirect after writing goes: `url` (their words), or the same page at the
    helplines when the words suggest they may be at risk, so nothing else comes first."""
    if getattr(item, "crisis_support", False):
        return f"{url.partition('#')[0]}#{CRISIS_ANCHOR}"
    return url

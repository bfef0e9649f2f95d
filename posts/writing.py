"""What a member is told after their words are saved."""

from django.contrib import messages


def after_writing(request, item):
    """Waiting for review, or words that suggest they may be at risk: say so, warmly."""
    if getattr(item, "crisis_support", False):
        messages.warning(request, "It sounds like things are really hard right now.",
                         extra_tags="crisis")
    if item.status == "pending":
        messages.info(request, "Thank you. As a new member, your first posts and comments "
                               "are read by a moderator before others see them. You can see "
                               "yours, marked “waiting for review”.")

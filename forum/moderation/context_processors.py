from django.utils.functional import SimpleLazyObject


def moderation(request):
    """The queue size next to the Moderation link, only for moderators (counted lazily)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not user.is_moderator:
        return {}
    from .queue import queue_size

    return {"moderation_queue_size": SimpleLazyObject(queue_size)}

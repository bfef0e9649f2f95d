from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "forum.notifications"
    label = "notifications"
    verbose_name = "Notifications"

    def ready(self):
        # Content cannot call up to notifications; it announces, and notifications listen here.
        from posts import events

        from .services import notify_comment, notify_helped, notify_new_post, notify_post_mentions

        events.post_published.listen(notify_new_post)
        events.post_published.listen(notify_post_mentions)
        events.comment_published.listen(notify_comment)
        events.comment_helped.listen(notify_helped)

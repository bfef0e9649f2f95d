from django.apps import AppConfig


class ModerationConfig(AppConfig):
    name = "forum.moderation"
    label = "moderation"
    verbose_name = "Moderation"

    def ready(self):
        # Content cannot call up to moderation; it announces, and moderation listens here.
        from posts import events

        from .reports import file_crisis_report

        events.crisis_words.listen(file_crisis_report)

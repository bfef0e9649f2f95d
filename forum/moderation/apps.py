from django.apps import AppConfig


class ModerationConfig(AppConfig):
    name = "forum.moderation"
    label = "moderation"
    verbose_name = "Moderation"

    def ready(self):
        # Content and private messages cannot call up to moderation; they announce, and
        # moderation listens here.
        from posts import events

        from ..conversations import events as message_events
        from .reports import file_crisis_report, file_message_crisis_report

        events.crisis_words.listen(file_crisis_report)
        message_events.message_crisis.listen(file_message_crisis_report)

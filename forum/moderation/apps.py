from django.apps import AppConfig


class ModerationConfig(AppConfig):
    name = "forum.moderation"
    label = "moderation"
    verbose_name = "Moderation"

from django.apps import AppConfig


class ConversationsConfig(AppConfig):
    # Not "messages": that label belongs to django.contrib.messages.
    name = "forum.conversations"
    label = "conversations"
    verbose_name = "Private messages"

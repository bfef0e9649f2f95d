from django.apps import AppConfig


class PostsConfig(AppConfig):
    name = "posts"
    verbose_name = "Stories and questions"

    def ready(self):
        from . import cache_hooks

        cache_hooks.connect()

from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "People"

    def ready(self):
        from django.urls import register_converter

        from .parsing import IdConverter

        # `<id:...>` in every urls.py: ids of 1 to 18 ASCII digits (see accounts/parsing.py).
        register_converter(IdConverter, "id")

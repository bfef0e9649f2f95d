from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "People"

    def ready(self):
        from django.contrib.auth.signals import user_logged_out
        from django.urls import register_converter

        from plumbing.parsing import IdConverter

        from .shared_device import forget_on_this_device

        user_logged_out.connect(forget_on_this_device, dispatch_uid="kindred-forget-drafts")
        # `<id:...>` in every urls.py: ids of 1 to 18 ASCII digits (see plumbing/parsing.py).
        register_converter(IdConverter, "id")

from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "People"

    def ready(self):
        from django.contrib.auth.signals import user_logged_out
        from django.core.signals import setting_changed
        from django.urls import register_converter

        from .links import forget_urls
        from .parsing import IdConverter
        from .shared_device import forget_on_this_device

        user_logged_out.connect(forget_on_this_device, dispatch_uid="kindred-forget-drafts")
        # `<id:...>` in every urls.py: ids of 1 to 18 ASCII digits (see accounts/parsing.py).
        register_converter(IdConverter, "id")
        # Remembered URLs (accounts/links.py) are reversed afresh after a settings change.
        setting_changed.connect(forget_urls, dispatch_uid="kindred-forget-urls")

from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "People"

    def ready(self):
        from django.contrib.auth.signals import user_logged_out

        from .shared_device import forget_on_this_device

        user_logged_out.connect(forget_on_this_device, dispatch_uid="kindred-forget-drafts")

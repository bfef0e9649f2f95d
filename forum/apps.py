from django.apps import AppConfig


class ForumConfig(AppConfig):
    name = "forum"
    verbose_name = "Community"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from posts import cache_versions

        from . import checks  # noqa: F401 - registers the system checks
        from .models import Page

        def editorial_page_changed(sender, **kwargs):  # its footer links show on every page
            cache_versions.bump_site()

        post_save.connect(editorial_page_changed, sender=Page, weak=False,
                          dispatch_uid="page-cache-page")
        post_delete.connect(editorial_page_changed, sender=Page, weak=False,
                            dispatch_uid="page-cache-page")

from django.contrib import admin

from . import services
from .models import Disclaimer, Post


@admin.register(Disclaimer)
class DisclaimerAdmin(admin.ModelAdmin):
    """Versions are never edited: "add" publishes a new current version."""

    list_display = ("__str__", "created_at")
    readonly_fields = ("version", "created_at")

    def get_changeform_initial_data(self, request):
        current = Disclaimer.objects.current()
        return {"body": current.body if current else ""}

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        published = services.publish_disclaimer(body=form.cleaned_data["body"])
        obj.pk, obj.version = published.pk, published.version


@admin.register(Post)
class PostAdmin(admin.ModelAdmin):
    list_display = ("title", "author_name", "kind", "status", "visibility", "published_at")
    list_filter = ("status", "kind", "visibility")
    search_fields = ("title", "author_name")
    readonly_fields = ("author", "author_name", "disclaimer", "body_html", "comment_count")

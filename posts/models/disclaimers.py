from __future__ import annotations

from django.db import models


class DisclaimerQuerySet(models.QuerySet["Disclaimer"]):
    def current(self) -> Disclaimer | None:
        """The newest version is the current one; older versions stay with their posts."""
        return self.order_by("-version").first()


class Disclaimer(models.Model):
    version = models.PositiveIntegerField(unique=True, editable=False)
    body = models.TextField(help_text="Markdown. Publishing creates a new version.")
    body_html = models.TextField(editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = DisclaimerQuerySet.as_manager()

    class Meta:
        ordering = ["-version"]

    def __str__(self) -> str:
        return f"Disclaimer v{self.version}"

from django.db import models
from django.urls import reverse

from posts.rendering import render_markdown


class Page(models.Model):
    """An editorial page (/pages/<slug>/) that admins edit in the admin."""

    slug = models.SlugField(max_length=60, unique=True)
    title = models.CharField(max_length=200)
    body = models.TextField(help_text="Markdown.")
    body_html = models.TextField(editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.body_html = render_markdown(self.body)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("page", args=[self.slug])

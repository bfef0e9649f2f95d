"""Sitemaps list only what anyone may read: public, published posts, tags and pages."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from posts.models import Post, Symptom

from .models import Page


class PostSitemap(Sitemap):
    changefreq = "daily"
    limit = 5000

    def items(self):
        return Post.objects.listed_for(None).latest().only("slug", "published_at", "edited_at")

    def lastmod(self, post):
        return post.edited_at or post.published_at


class SymptomSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return Symptom.objects.filter(is_curated=True).order_by("slug")


class PageSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return Page.objects.order_by("slug")

    def lastmod(self, page):
        return page.updated_at


class HomeSitemap(Sitemap):
    changefreq = "hourly"

    def items(self):
        return ["home", "tag_index"]

    def location(self, name):
        return reverse(name)


SITEMAPS = {"home": HomeSitemap, "posts": PostSitemap, "symptoms": SymptomSitemap,
            "pages": PageSitemap}

"""RSS and Atom feeds of public posts; every item carries the post's editorial disclaimer."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse_lazy
from django.utils.feedgenerator import Atom1Feed

from .models import Post, Symptom

if TYPE_CHECKING:
    from datetime import datetime

    from django.db.models import QuerySet
    from django.http import HttpRequest

FEED_SIZE = 30


class PostsFeed(Feed):
    """What every feed says of each of its posts."""

    def item_title(self, item: Post) -> str:
        return item.title

    def item_description(self, item: Post) -> str:
        return f"{item.body_html}<hr><p><em>{item.disclaimer.body_html}</em></p>"

    def item_author_name(self, item: Post) -> str:
        return item.author_name

    def item_pubdate(self, item: Post) -> datetime:
        return item.published_at

    def item_updateddate(self, item: Post) -> datetime:
        return item.edited_at or item.published_at

    def item_categories(self, item: Post) -> list[str]:
        return [tag.name for tag in item.tags.all()]

    def item_link(self, item: Post) -> str:
        return item.get_absolute_url()


class LatestPostsFeed(PostsFeed):
    title = "Kindred: latest stories and questions"
    link = reverse_lazy("home")
    description = "New stories and questions from people living with MS."

    def items(self) -> QuerySet[Post]:
        return (Post.objects.listed_for(None).latest().select_related("disclaimer")
                .with_tags()[:FEED_SIZE])


class LatestPostsAtomFeed(LatestPostsFeed):
    feed_type = Atom1Feed
    subtitle = LatestPostsFeed.description


class TagFeed(PostsFeed):
    def get_object(self, request: HttpRequest, slug: str) -> Symptom:
        return get_object_or_404(Symptom, slug=slug, is_curated=True)

    def title(self, tag: Symptom) -> str:
        return f"Kindred: posts about {tag.name}"

    def link(self, tag: Symptom) -> str:
        return tag.get_absolute_url()

    def description(self, tag: Symptom) -> str:
        return tag.description or f"Posts about {tag.name} on {settings.SITE_NAME}."

    def items(self, tag: Symptom) -> QuerySet[Post]:
        return (Post.objects.listed_for(None).tagged(tag).latest()
                .select_related("disclaimer").with_tags()[:FEED_SIZE])


class TagAtomFeed(TagFeed):
    feed_type = Atom1Feed

    def subtitle(self, tag: Symptom) -> str:
        return self.description(tag)

"""RSS and Atom feeds of public posts; every item carries the post's editorial disclaimer."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse_lazy
from django.utils.feedgenerator import Atom1Feed

from .models import Post, Symptom

FEED_SIZE = 30


class LatestPostsFeed(Feed):
    title = "Kindred: latest stories and questions"
    link = reverse_lazy("home")
    description = "New stories and questions from people living with MS."

    def items(self):
        return (Post.objects.listed_for(None).latest().select_related("disclaimer")
                .with_tags()[:FEED_SIZE])

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return f"{item.body_html}<hr><p><em>{item.disclaimer.body_html}</em></p>"

    def item_author_name(self, item):
        return item.author_name

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.edited_at or item.published_at

    def item_categories(self, item):
        return [tag.name for tag in item.tags.all()]

    def item_link(self, item):
        return item.get_absolute_url()


class LatestPostsAtomFeed(LatestPostsFeed):
    feed_type = Atom1Feed
    subtitle = LatestPostsFeed.description


class TagFeed(LatestPostsFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Symptom, slug=slug, is_curated=True)

    def title(self, tag):
        return f"Kindred: posts about {tag.name}"

    def link(self, tag):
        return tag.get_absolute_url()

    def description(self, tag):
        return tag.description or f"Posts about {tag.name} on {settings.SITE_NAME}."

    def items(self, tag):
        return (Post.objects.listed_for(None).tagged(tag).latest()
                .select_related("disclaimer").with_tags()[:FEED_SIZE])


class TagAtomFeed(TagFeed):
    feed_type = Atom1Feed

    def subtitle(self, tag):
        return self.description(tag)

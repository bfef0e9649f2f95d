"""The versions cached pages are keyed by, kept with the data (posts/cache_versions.py)."""

from __future__ import annotations

from django.db import models


class PageVersion(models.Model):
    """One bump of what a cached page shows ("kv:site", "kv:lists", "kv:post:<slug>"): the
    version of a key is the newest `version` among its rows. A bump is a plain INSERT in the
    transaction that changes the data, so it commits (or rolls back) with that data and no
    row is ever locked by it; older rows of a key are pruned after each commit."""

    key = models.CharField(max_length=120)
    version = models.BigIntegerField()

    class Meta:
        indexes = [models.Index(fields=["key", "version"], name="pageversion_key_version")]

    def __str__(self) -> str:
        return f"{self.key} @ {self.version}"

"""Rate-limit counters kept in the database when the cache is not Redis."""

from __future__ import annotations

from django.db import models


class RateCount(models.Model):
    """One member's count of one action in one window ("rate:comment:42:2963521"): raised by
    one `INSERT … ON CONFLICT DO UPDATE … RETURNING` (posts/policy.py), so requests at once
    all count. Rows past `expires_at` belong to finished windows and are deleted."""

    bucket = models.CharField(max_length=200, primary_key=True)
    count = models.PositiveIntegerField(default=0)
    expires_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"{self.bucket}: {self.count}"

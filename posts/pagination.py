"""Pages of long lists whose cost does not grow with the size of the list.

Django's Paginator counts every row (`SELECT COUNT(*)`) to print "Page 1 of N": at 100,000
posts that count was most of the home page's time. Here the count stops a few pages past the
one asked for, so page 1 costs the same with 5 posts or 100,000, and the page says "Page 1
of more than 10" when there is more. Page links stay plain `?page=N`, so pages stay linkable.
"""

from __future__ import annotations

from typing import Any

from django.core.paginator import Page, Paginator
from django.utils.functional import cached_property

LOOKAHEAD = 4  # pages counted past the one shown: "Page 1 of more than 5"
MAX_PAGE = 100_000  # a page number past this is treated as the last page we count


def page_number(raw: object) -> int:
    """A page number from the query string; anything that is not a positive number is 1."""
    try:
        number = int(str(raw))
    except (TypeError, ValueError):
        return 1
    return min(max(number, 1), MAX_PAGE)


class CappedPaginator(Paginator):
    """Counts at most `cap` + 1 rows; `more` tells whether the list goes on past the cap."""

    def __init__(self, object_list: Any, per_page: int, *, cap: int, **kwargs: Any) -> None:
        super().__init__(object_list, per_page, **kwargs)
        self.cap = cap
        self.more = False

    @cached_property
    def count(self) -> int:
        head: Any = self.object_list[: self.cap + 1]  # a list, or a QuerySet
        counted = len(head) if isinstance(head, list | tuple) else head.count()
        self.more = counted > self.cap
        return min(counted, self.cap)


def capped_page(object_list: Any, raw_number: object, per_page: int, *,
                lookahead: int = LOOKAHEAD) -> Page:
    """The page asked for (the last one counted if it is past the end), counting only up to
    `lookahead` pages beyond it."""
    number = page_number(raw_number)
    paginator = CappedPaginator(object_list, per_page, cap=(number + lookahead) * per_page)
    return paginator.get_page(number)

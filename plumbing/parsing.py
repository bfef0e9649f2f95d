"""The one place where ids and numbers sent by a browser become ints.

Query strings, forms, cookies and URL paths all come through here, so an id is accepted only
as ASCII digits within the range a database column can hold. `str.isdigit()` is not enough:
it accepts "²" and "１２", which `int()` then refuses or reads as another number, and a
30-digit id overflows SQLite's and PostgreSQL's integers. Anything else is "no id" (None),
which a view answers with 400 or 404 instead of a server error.

It lives in the lowest layer (accounts) so that posts and forum can use it too.
"""

import re
from collections.abc import Iterable
from typing import Any

from django import forms

MAX_ID = 2**63 - 1  # the largest value of a 64-bit signed column (BigAutoField)
MAX_ID_DIGITS = 18  # every id of up to 18 digits fits; URL paths accept no more
_ASCII_DIGITS = re.compile(r"[0-9]+")


def parse_int(value: object, *, low: int, high: int) -> int | None:
    """`value` as an int when it is ASCII digits (nothing else, no sign, no spaces) and
    low ≤ int ≤ high; otherwise None."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value if low <= value <= high else None
    if not isinstance(value, str) or not _ASCII_DIGITS.fullmatch(value):
        return None
    if len(value.lstrip("0")) > len(str(high)):  # too long to be in range: don't parse it
        return None
    number = int(value)
    return number if low <= number <= high else None


def parse_id(value: object) -> int | None:
    """A database id (1 ≤ id ≤ 2**63-1) from a query string, form or cookie, or None."""
    return parse_int(value, low=1, high=MAX_ID)


class IdConverter:
    """`<id:comment_id>` in URL patterns: 1 to 18 ASCII digits, never 0. Anything else
    matches no URL, so it is a 404."""

    regex = f"[0-9]{{1,{MAX_ID_DIGITS}}}"

    def to_python(self, value: str) -> int:
        number = parse_id(value)
        if number is None:
            raise ValueError("not an id")  # the resolver reads this as "no match"
        return number

    def to_url(self, value: int) -> str:
        return str(value)


class IdField(forms.IntegerField):
    """A form field holding an id: ASCII digits within range, else a form error."""

    def to_python(self, value: Any) -> int | None:
        if value in self.empty_values:
            return None
        number = parse_id(str(value).strip())
        if number is None:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return number


class IdMultipleChoiceField(forms.ModelMultipleChoiceField):
    """A ModelMultipleChoiceField (integer primary keys) that refuses a pk which is not an
    id with a form error, before the database is asked."""

    def _check_values(self, value: Iterable[Any]) -> Any:
        for pk in value:
            if parse_id(str(pk)) is None:
                raise forms.ValidationError(self.error_messages["invalid_pk_value"],
                                            code="invalid_pk_value", params={"pk": pk})
        # A private method of Django's that django-stubs does not declare.
        return super()._check_values(value)  # type: ignore[misc]


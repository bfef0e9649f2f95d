"""Why an item in the review queue may need a look, even when nobody reported it: a link,
words that look like selling, personal details, words that suggest someone may be at risk.

Links, personal details and crisis words are the checks content passes when it is written
(accounts.write_checks, posts.personal_info, posts.policy); selling is looked for here only,
to point a moderator at it, never to refuse anyone's words. Each flag says why, in words a
moderator can check against the text on the card."""

from __future__ import annotations

import re
from dataclasses import dataclass

from posts import personal_info
from posts.policy import suggests_crisis

from .models import Guideline

# A web address a reader could follow, linked or not: with a scheme, "www." or a
# well-known ending (example.shop, my-cure.com/order).
_LINK = re.compile(
    r"(?:\bhttps?://|\bwww\.)\S+"
    r"|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|net|org|shop|store|online|site|info|biz|io|co"
    r"|uk|us|eu|de|fr|nl|ie|ca|au|health|app|me|ly)\b(?:/\S*)?",
    re.IGNORECASE)

# Words that sell: a discount code, prices, "buy my…", "DM me to order". The first match is
# quoted on the card.
_SELLING = re.compile(
    r"\b(?:(?:promo|discount|coupon|voucher|referral)\s+)?code:?\s+(?-i:[A-Z0-9]*\d[A-Z0-9]*)\b"
    r"|\b(?:promo|discount|coupon|voucher)\s+code\b"
    r"|\b\d{1,3}\s?%\s+off\b"
    r"|[$£€]\s?\d+(?:[.,]\d\d)?"
    r"|\bbuy\s+(?:(?:my|our)\s+[\w-]+|now|it\s+here|here)\b"
    r"|\border\s+(?:now|yours|today|here)\b"
    r"|\b(?:dm|message)\s+me\s+(?:to\s+order|for\s+(?:a\s+)?(?:price|discount|details))"
    r"|\bfree\s+shipping\b"
    r"|\b(?:my|our)\s+(?:shop|store|online\s+shop)\b",
    re.IGNORECASE)


@dataclass(frozen=True)
class Flag:
    text: str  # what the card says
    guideline: str = ""  # the guideline it points to, preselected when nothing else is


def looks_like_selling(text: str) -> str | None:
    """The words that look like selling, or None."""
    found = _SELLING.search(text)
    return " ".join(found.group(0).split()) if found else None


def has_link(text: str, html: str = "") -> bool:
    return "<a " in (html or "") or bool(_LINK.search(text))


def flags_for(text: str, html: str = "", *, at_risk_known: bool = False) -> list[Flag]:
    """The flags for one item's words (`text`, its Markdown source; `html`, as shown).
    `at_risk_known`: the card already says "May be at risk" (an open crisis report)."""
    flags = []
    selling = looks_like_selling(text)
    if selling:
        flags.append(Flag(f"Looks like selling: “{selling}”", Guideline.NO_SELLING))
    if has_link(text, html):
        flags.append(Flag("Contains a link"))
    kinds = personal_info.find(text)
    if kinds:
        flags.append(Flag(f"May contain personal information ({', '.join(kinds)})",
                          Guideline.PRIVACY))
    if not at_risk_known and suggests_crisis(text):
        flags.append(Flag("May be at risk", Guideline.AT_RISK))
    return flags

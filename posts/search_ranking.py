"""The ranking rules of search, in one place for both databases.

Each database path (SQLite FTS5, PostgreSQL tsvector) only says, per post, WHERE the words
matched; the order comes from here:

1. posts tagged with a symptom the query names (by name, synonym or a word of its name);
2. then posts whose title matches, 3. then their body, 4. then one of their comments;
5. within the same rank, questions with answers that helped the asker come a little higher;
6. then the database's own text score (higher is better), then the newest.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

# Most important first: the order of the fields of `Signals` that decide the rank.
RANK_ORDER = ("tagged", "title", "body", "comment", "helped")

# A word of a symptom's name stands for the symptom when it is this long and not a common
# word: "spasticity" finds "Leg spasticity", while "pain", "back", "and" and "health" do not
# turn a search into a symptom (whole-word match only: "spastic" expands nothing).
NAME_WORD_MIN_LETTERS = 5
COMMON_WORDS = frozenset({
    "about", "after", "again", "around", "being", "could", "every", "other", "their",
    "there", "these", "those", "which", "while", "would", "health", "sensation",
})


def words(text: str | None) -> list[str]:
    return re.findall(r"\w+", (text or "").lower())


def telling_words(name: str) -> set[str]:
    """The words of a symptom's name that name the symptom on their own."""
    return {word for word in words(name)
            if len(word) >= NAME_WORD_MIN_LETTERS and word not in COMMON_WORDS}


@dataclass
class Signals:
    tagged: bool = False
    title: bool = False
    body: bool = False
    comment: bool = False
    helped: bool = False
    score: float = 0.0
    published_at: datetime | None = None


def rank_key(signals: Signals) -> tuple[bool | float, ...]:
    """Sort key, highest first."""
    return (*(getattr(signals, name) for name in RANK_ORDER), signals.score,
            signals.published_at.timestamp() if signals.published_at else 0.0)


def ranked_ids(signals_by_post: dict[int, Signals]) -> list[int]:
    """Post ids in rank order (the id, newest first, settles exact ties)."""
    return sorted(signals_by_post, key=lambda pk: (rank_key(signals_by_post[pk]), pk),
                  reverse=True)

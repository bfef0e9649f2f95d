"""Handles that pass for the team, the site or another member are refused.

Handles are compared by their *key*: lower case, separators removed and look-alike
characters folded (0→o; 1, i, | and !→l; 3→e; 4 and @→a; 5 and $→s; 7→t; rn→m; vv→w), so
"m0d", "Kindred-Team" and "AIex" are seen for what they imitate. Three kinds of reserved
word, because plain containment would refuse ordinary names ("model", "steam", "badminton"):

- distinctive words (kindred, moderator, official, support) are refused anywhere;
- "admin" is refused at the start or end of a word ("adminjo", "siteadmin"), not inside one;
- every word of ACCOUNT_USERNAME_BLACKLIST ("mod", "team", "staff", "help"…) is refused as a
  whole word of the handle, alone or with digits ("mod_", "Mod-7", "TheMod", "team7").

A handle whose key equals an existing member's key ("dem0" next to "demo") is refused as
an imitation of that member, and so is the key of a member who has left
(`ReleasedHandle`): held for good, because impersonating someone who has left (or died)
does as much harm after ninety days as after nine. Only a keyed digest of a departed
member's key is kept, so the database holds nothing readable about them.
"""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.crypto import salted_hmac

LOOKALIKES = str.maketrans({"0": "o", "1": "l", "i": "l", "|": "l", "!": "l", "3": "e",
                            "4": "a", "@": "a", "5": "s", "$": "s", "7": "t"})
SEPARATORS = re.compile(r"[-_.\s]+")
WORD_BOUNDARY = re.compile(r"(?<=[a-z])(?=[A-Z])")  # camelCase: "TheMod" is "The" "Mod"
RESERVED_ANYWHERE = ("kindred", "moderator", "official", "support")
RESERVED_AT_WORD_EDGES = ("admin",)

RESERVED = "That handle is reserved. Please choose another."
LOOKALIKE = ("That handle is too close to the handle of an existing member. Please choose "
             "another.")
RELEASED = ("That handle belonged to a member who has left. To protect them from "
            "impersonation it is not available. Please choose another.")


def _fold(text):
    return text.lower().translate(LOOKALIKES).replace("rn", "m").replace("vv", "w")


def handle_key(handle):
    """What a handle looks like to a reader: equal keys are impersonations of each other."""
    return _fold(SEPARATORS.sub("", handle or ""))


def released_digests(handle):
    """Digests a departed member's handle may be held under: the current secret key's
    first (the one new rows use), then any key it replaced (SECRET_KEY_FALLBACKS)."""
    key = handle_key(handle)
    secrets = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    return [salted_hmac("kindred.released-handle", key, secret=secret,
                        algorithm="sha256").hexdigest() for secret in secrets]


def _words(handle):
    return [word for word in SEPARATORS.split(WORD_BOUNDARY.sub("-", handle)) if word]


def _is_word(word, reserved_key):
    """The word is the reserved one, alone or with digits before or after it."""
    digits = "0123456789"
    variants = {word, word.rstrip(digits), word.lstrip(digits), word.strip(digits)}
    return any(variant and _fold(variant) == reserved_key for variant in variants)


def is_reserved(handle):
    key = handle_key(handle)
    if any(_fold(word) in key for word in RESERVED_ANYWHERE):
        return True
    words = _words(handle)
    for reserved in RESERVED_AT_WORD_EDGES:
        edge = _fold(reserved)
        if any(_fold(w).startswith(edge) or _fold(w).endswith(edge) for w in words):
            return True
    for reserved in settings.ACCOUNT_USERNAME_BLACKLIST:
        reserved_key = handle_key(reserved)
        if key == reserved_key or any(_is_word(word, reserved_key) for word in words):
            return True
    return False


def validate_handle(handle, *, member=None):
    """Refuse a handle that imitates the team, the site, a member or a departed member.
    `member`: the account whose handle is changing (its own key does not count)."""
    from .models import ReleasedHandle, User

    if is_reserved(handle):
        raise ValidationError(RESERVED)
    key = handle_key(handle)
    others = User.objects.filter(handle_key=key)
    if member is not None and member.pk:
        others = others.exclude(pk=member.pk)
    if others.exists():
        raise ValidationError(LOOKALIKE)
    if ReleasedHandle.objects.filter(handle_digest__in=released_digests(handle)).exists():
        raise ValidationError(RELEASED)
    return handle

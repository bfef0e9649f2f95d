"""Spotting personal details (email, phone number, street address) before they are posted.

Members share health details under a handle; a phone number posted in a moment of
openness can't be taken back. We ask them to confirm instead of refusing.
"""

import re

EMAIL = re.compile(r"(?<![\w@])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
PHONE = re.compile(r"(?<![\w/])\+?\(?\d[\d\s().-]{7,}\d(?![\w/])")
STREET = re.compile(
    r"\b\d{1,5}[a-z]?,?\s+(?:[A-Z][\w'-]*\s+){1,3}"
    r"(?:Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Drive|Dr|Close|Way|Court|Ct|Boulevard|Blvd|"
    r"Place|Pl|Crescent|Terrace|Gardens|Grove|Square|Sq)\b\.?"
)
MIN_PHONE_DIGITS = 9


class PersonalInfoFound(Exception):
    """Carries what was found, so the form can ask the member to confirm.

    Deliberately not an `plumbing.refusals.Refused`: nothing is refused, the member is asked
    a question (200, the form with a "yes, share these details" box). A view that catches
    `Refused` must not swallow it as a refusal, and the refusal page could not ask it."""

    def __init__(self, kinds):
        self.kinds = kinds
        super().__init__(", ".join(kinds))


def find(*texts):
    text = "\n".join(t for t in texts if t)
    kinds = []
    if EMAIL.search(text):
        kinds.append("an email address")
    if any(sum(c.isdigit() for c in match) >= MIN_PHONE_DIGITS for match in PHONE.findall(text)):
        kinds.append("a phone number")
    if STREET.search(text):
        kinds.append("a street address")
    return kinds


def guard(*texts, confirmed):
    """Raise PersonalInfoFound unless the member has confirmed they mean to share it."""
    if confirmed:
        return
    kinds = find(*texts)
    if kinds:
        raise PersonalInfoFound(kinds)

"""Rules for public handles: 3-30 characters of letters, digits, '-' and '_'."""

from django.core.validators import MaxLengthValidator, RegexValidator

HANDLE_MAX_LENGTH = 30

HANDLE_VALIDATORS = [
    RegexValidator(
        r"^[A-Za-z0-9_-]+\Z",
        "Use only letters, numbers, hyphens and underscores in your handle.",
    ),
    MaxLengthValidator(HANDLE_MAX_LENGTH, "A handle can be at most 30 characters long."),
]

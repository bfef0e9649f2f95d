"""Writes to a member's own profile. A bio is published words like a post: it passes the
same write checks (not while silenced; the new-member link limit)."""

from django.db import transaction

from .models import User
from .write_checks import check_link_count, ensure_can_write, links_in_plain_text

PROFILE_FIELDS = ("bio", "diagnosis_year", "ms_type", "show_health_details", "time_zone")


@transaction.atomic
def update_profile(*, member, **fields):
    """Save the profile fields given. A changed bio is checked like any other writing;
    the other fields (hiding health details included) stay open to a silenced member."""
    stored_bio = User.objects.select_for_update().values_list(
        "bio", flat=True).get(pk=member.pk)
    bio = fields.get("bio", stored_bio)
    if bio != stored_bio:
        ensure_can_write(member)
        check_link_count(member, links_in_plain_text(bio))
    changed = [name for name in PROFILE_FIELDS if name in fields]
    for name in changed:
        setattr(member, name, fields[name])
    member.save(update_fields=changed)
    return member

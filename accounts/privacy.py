"""Who may see a member's profile. One rule, used by the profile page and author links."""

from .models import User

FORMER_MEMBER = "former member"


def can_see_profile(viewer, visibility, member_id=None):
    if viewer is not None and viewer.is_authenticated and viewer.pk == member_id:
        return True
    if visibility == User.Visibility.PUBLIC:
        return True
    if visibility == User.Visibility.MEMBERS:
        return bool(viewer is not None and viewer.is_authenticated)
    return False

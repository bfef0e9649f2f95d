"""Names for the people a function may be handed, for type annotations only.

`Viewer`: whoever is asking, logged in or not (`request.user`, or None from code that has
no request). Functions that only make sense for a member take `accounts.models.User`.
"""

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from .models import User

# A `type` alias is evaluated lazily: the names above exist only for the type checker.
type Viewer = User | AnonymousUser | None

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError

from accounts.models import MODERATORS_GROUP


class Command(BaseCommand):
    help = "Make a member a moderator (or, with --remove, no longer one)."

    def add_arguments(self, parser):
        parser.add_argument("handle")
        parser.add_argument("--remove", action="store_true")

    def handle(self, handle, remove, **options):
        try:
            user = get_user_model().objects.get(username__iexact=handle)
        except get_user_model().DoesNotExist as missing:
            raise CommandError(f"No member has the handle {handle!r}.") from missing
        group, _ = Group.objects.get_or_create(name=MODERATORS_GROUP)
        if remove:
            user.groups.remove(group)
            self.stdout.write(f"{user.username} is no longer a moderator.")
        else:
            user.groups.add(group)
            self.stdout.write(f"{user.username} is now a moderator.")

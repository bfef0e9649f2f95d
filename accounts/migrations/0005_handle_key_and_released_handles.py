import re

from django.db import migrations, models
from django.utils import timezone

# The key rules as they were when this migration was written (accounts.handles.handle_key);
# copied so the migration never changes meaning. A later change of the rules refills the
# keys in a migration of its own.
LOOKALIKES = str.maketrans({"0": "o", "1": "l", "i": "l", "|": "l", "!": "l", "3": "e",
                            "4": "a", "@": "a", "5": "s", "$": "s", "7": "t"})
SEPARATORS = re.compile(r"[-_.\s]+")


def handle_key(handle):
    folded = SEPARATORS.sub("", handle or "").lower().translate(LOOKALIKES)
    return folded.replace("rn", "m").replace("vv", "w")


def fill_handle_keys(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    for user in User.objects.only("pk", "username").iterator():
        User.objects.filter(pk=user.pk).update(handle_key=handle_key(user.username))


class Migration(migrations.Migration):
    dependencies = [("accounts", "0004_accessibility_and_health")]

    operations = [
        migrations.AddField(
            model_name="user", name="handle_key",
            field=models.CharField(blank=True, db_index=True, editable=False, max_length=150),
        ),
        migrations.RunPython(fill_handle_keys, migrations.RunPython.noop),
        migrations.CreateModel(
            name="ReleasedHandle",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True,
                                           serialize=False, verbose_name="ID")),
                ("handle_digest", models.CharField(max_length=64, unique=True)),
                ("released_at", models.DateTimeField(default=timezone.now)),
            ],
        ),
    ]

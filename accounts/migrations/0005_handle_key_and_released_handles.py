from django.db import migrations, models
from django.utils import timezone


def fill_handle_keys(apps, schema_editor):
    from accounts.handles import handle_key

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

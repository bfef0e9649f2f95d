"""The email task moved with the rest of the plumbing (accounts/mail.py -> plumbing/mail.py):
tasks already queued under its old path are pointed at the new one, so an upgrade loses no
email waiting in the queue (and a rollback points them back)."""

from django.db import migrations

OLD, NEW = "accounts.mail.send_email", "plumbing.mail.send_email"


def _repoint(apps, old, new):
    DBTaskResult = apps.get_model("django_tasks_database", "DBTaskResult")
    DBTaskResult.objects.filter(task_path=old).update(task_path=new)


def forwards(apps, schema_editor):
    _repoint(apps, OLD, NEW)


def backwards(apps, schema_editor):
    _repoint(apps, NEW, OLD)


class Migration(migrations.Migration):
    dependencies = [
        ("notifications", "0008_workerheartbeat"),
        ("django_tasks_database", "0021_conditional_partial_index_ordering"),
    ]
    operations = [migrations.RunPython(forwards, backwards)]

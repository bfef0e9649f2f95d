from django.db import migrations
from django.utils.text import slugify


def forwards(apps, schema_editor):
    from posts.symptoms import install_curated_symptoms

    install_curated_symptoms(
        apps.get_model("posts", "Symptom"), apps.get_model("posts", "SymptomSynonym"), slugify
    )


class Migration(migrations.Migration):
    dependencies = [("posts", "0004_symptom_tags")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]

from django.db import migrations


def forwards(apps, schema_editor):
    from posts.defaults import install_first_disclaimer
    from posts.rendering import render_markdown

    install_first_disclaimer(apps.get_model("posts", "Disclaimer"), render_markdown)


class Migration(migrations.Migration):
    dependencies = [("posts", "0001_initial")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]

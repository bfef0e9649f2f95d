from django.db import migrations


def forwards(apps, schema_editor):
    from forum.pages_content import install_editorial_pages
    from posts.rendering import render_markdown

    install_editorial_pages(apps.get_model("forum", "Page"), render_markdown)


class Migration(migrations.Migration):
    dependencies = [("forum", "0001_initial")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]

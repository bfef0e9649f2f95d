"""Ships the first version of the disclaimer shown under every post.

The Markdown and the HTML it rendered to when this migration was written are both kept
here, so the migration imports no app code: a later change to posts.rendering cannot change
what it installs. tests/test_migrations.py fails if today's renderer would render the
Markdown differently (then ship the new HTML in a new migration).
"""

from django.db import migrations

MARKDOWN = (
    "This post shares the opinions, thoughts and lived experience of the member who "
    "wrote it. It is not medical advice: talk to your own doctor or MS nurse before "
    "changing anything about your care. Nothing here has been paid for by an "
    "advertiser or sponsor. Kindred does not recommend or endorse any product, "
    "treatment or service mentioned in posts or comments. [How we keep Kindred's "
    "editorial integrity](/pages/editorial-integrity/)."
)
HTML = (
    "<p>This post shares the opinions, thoughts and lived experience of the member who "
    "wrote it. It is not medical advice: talk to your own doctor or MS nurse before "
    "changing anything about your care. Nothing here has been paid for by an "
    "advertiser or sponsor. Kindred does not recommend or endorse any product, "
    "treatment or service mentioned in posts or comments. <a "
    "href=\"/pages/editorial-integrity/\">How we keep Kindred's editorial "
    "integrity</a>.</p>"
)


def forwards(apps, schema_editor):
    """Idempotent: tests/shipped.py calls it again after a transactional test's flush."""
    Disclaimer = apps.get_model("posts", "Disclaimer")
    if not Disclaimer.objects.exists():
        Disclaimer.objects.create(version=1, body=MARKDOWN, body_html=HTML)


class Migration(migrations.Migration):
    dependencies = [("posts", "0001_initial")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]

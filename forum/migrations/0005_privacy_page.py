"""Ships the privacy page (/pages/privacy/): what Kindred holds, why, who sees it, the
minimum age and how to withdraw consent. Signup and the consent page link to it.

As in 0002, the Markdown and the HTML it rendered to are both kept here, so the migration
imports no app code; tests/test_migrations.py fails if today's renderer would render the
Markdown differently. Reversing it deletes the page only where it is still as shipped.
"""

from django.db import migrations

SLUG = "privacy"
TITLE = "Privacy and your health information"
BODY = """Kindred is a place for people living with multiple sclerosis to share what it is really
like. What you share here is often about your health, so we look after it with care.

## What we hold

- Your handle, your email address and your password (stored scrambled, never readable).
- What you write: posts, comments, private messages, and the optional details on your
  profile (the year of your diagnosis and your type of MS).
- Your settings, what you follow, bookmark and react to, and reports and appeals you send.

What you write about your health is special-category data under data-protection law
(GDPR Article 9). We hold it only because you agreed to it, when you joined or at your
first visit after we started asking.

## Why we hold it

So other members can read and answer what you choose to share, and so you can find it
again. Nothing else: we do not sell it, no advertiser or drug maker sees it, and nobody
uses it to decide anything about you outside Kindred.

## Who can see it

Posts and comments are public unless you or a moderator choose otherwise. Private messages
are seen by the people in the conversation, and by moderators only when one of them
reports a message. Your email address is never shown to anyone. Your diagnosis details
stay private unless you turn on "Show my year of diagnosis and type of MS".

## Your age

Kindred is for people aged 16 or older. We ask you to confirm it when you join; we do not
store your date of birth.

## Withdrawing your agreement

You can withdraw it at any time in Settings, under "Consent". Kindred cannot keep your
health information without it, so withdrawing leads to closing your account: you choose
whether your posts and comments stay, signed "former member", or are deleted. You can
download everything you created first, in Settings, under "Download your data".

## Questions and complaints

To report something on Kindred that you believe is illegal, use "Report illegal content"
at the foot of every page. You also have the right to complain to the data-protection
authority where you live.
"""
BODY_HTML = (
    '<p>Kindred is a place for people living with multiple sclerosis to share what it is really\n'
    'like. What you share here is often about your health, so we look after it with care.</p>\n'
    '<h2>What we hold</h2>\n'
    '<ul>\n'
    '<li>Your handle, your email address and your password (stored scrambled, never readable).</li>\n'
    '<li>What you write: posts, comments, private messages, and the optional details on your\n'
    'profile (the year of your diagnosis and your type of MS).</li>\n'
    '<li>Your settings, what you follow, bookmark and react to, and reports and appeals you send.</li>\n'
    '</ul>\n'
    '<p>What you write about your health is special-category data under data-protection law\n'
    '(GDPR Article 9). We hold it only because you agreed to it, when you joined or at your\n'
    'first visit after we started asking.</p>\n'
    '<h2>Why we hold it</h2>\n'
    '<p>So other members can read and answer what you choose to share, and so you can find it\n'
    'again. Nothing else: we do not sell it, no advertiser or drug maker sees it, and nobody\n'
    'uses it to decide anything about you outside Kindred.</p>\n'
    '<h2>Who can see it</h2>\n'
    '<p>Posts and comments are public unless you or a moderator choose otherwise. Private messages\n'
    'are seen by the people in the conversation, and by moderators only when one of them\n'
    'reports a message. Your email address is never shown to anyone. Your diagnosis details\n'
    'stay private unless you turn on &quot;Show my year of diagnosis and type of MS&quot;.</p>\n'
    '<h2>Your age</h2>\n'
    '<p>Kindred is for people aged 16 or older. We ask you to confirm it when you join; we do not\n'
    'store your date of birth.</p>\n'
    '<h2>Withdrawing your agreement</h2>\n'
    '<p>You can withdraw it at any time in Settings, under &quot;Consent&quot;. Kindred cannot keep your\n'
    'health information without it, so withdrawing leads to closing your account: you choose\n'
    'whether your posts and comments stay, signed &quot;former member&quot;, or are deleted. You can\n'
    'download everything you created first, in Settings, under &quot;Download your data&quot;.</p>\n'
    '<h2>Questions and complaints</h2>\n'
    '<p>To report something on Kindred that you believe is illegal, use &quot;Report illegal content&quot;\n'
    'at the foot of every page. You also have the right to complain to the data-protection\n'
    'authority where you live.</p>'
)


def forwards(apps, schema_editor):
    """Idempotent: tests/shipped.py may call it again after a transactional test's flush."""
    Page = apps.get_model("forum", "Page")
    Page.objects.get_or_create(slug=SLUG, defaults={"title": TITLE, "body": BODY,
                                                    "body_html": BODY_HTML})


def backwards(apps, schema_editor):
    Page = apps.get_model("forum", "Page")
    Page.objects.filter(slug=SLUG, body=BODY).delete()


class Migration(migrations.Migration):
    dependencies = [("forum", "0004_tappable_helplines")]
    operations = [migrations.RunPython(forwards, backwards)]

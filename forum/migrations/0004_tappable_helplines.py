"""The crisis-support page's helplines become links a phone dials, texts or mails with one
tap (tel:, sms:, mailto:). The crisis message after crisis words and a moderator's outreach
quote the same list, so they become tappable too.

Only a page still as shipped is rewritten: words an admin has edited are theirs to keep
(they can add the links in the admin). Reversible the same way. As in 0002, the Markdown and
the HTML it renders to are both written here, so the migration imports no app code."""

from django.db import migrations

SHIPPED_BODY = """If you are thinking about ending your life, or you are afraid you might
hurt yourself, you deserve support right now. You are not a burden. Please reach out to
one of these services, free and confidential:

- **United States:** call or text **988** (Suicide & Crisis Lifeline), any time.
- **United Kingdom and Ireland:** call Samaritans on **116 123**, any time, or email
  jo@samaritans.org.
- **Anywhere else:** find a free helpline in your country at
  [findahelpline.com](https://findahelpline.com).

If you or someone else is in immediate danger, call your local emergency number
(911 in the US and Canada, 999 or 112 in the UK and Ireland, 112 across the EU).

Kindred's members and moderators are not crisis counsellors, but we care. If you are
worried about someone on Kindred, report their post with "I'm worried about this person"
and a moderator will see it first.
"""

SHIPPED_BODY_HTML = (
    '<p>If you are thinking about ending your life, or you are afraid you might\n'
    'hurt yourself, you deserve support right now. You are not a burden. Please '
    'reach out to\n'
    'one of these services, free and confidential:</p>\n'
    '<ul>\n'
    '<li><strong>United States:</strong> call or text <strong>988</strong> (Suicide '
    '&amp; Crisis Lifeline), any time.</li>\n'
    '<li><strong>United Kingdom and Ireland:</strong> call Samaritans on <strong>116 '
    '123</strong>, any time, or email\n'
    'jo@samaritans.org.</li>\n'
    '<li><strong>Anywhere else:</strong> find a free helpline in your country at\n'
    '<a href="https://findahelpline.com" rel="nofollow ugc '
    'noopener">findahelpline.com</a>.</li>\n'
    '</ul>\n'
    '<p>If you or someone else is in immediate danger, call your local emergency '
    'number\n'
    '(911 in the US and Canada, 999 or 112 in the UK and Ireland, 112 across the '
    'EU).</p>\n'
    "<p>Kindred's members and moderators are not crisis counsellors, but we care. If "
    'you are\n'
    "worried about someone on Kindred, report their post with &quot;I'm worried "
    'about this person&quot;\n'
    'and a moderator will see it first.</p>'
)

TAPPABLE_BODY = """If you are thinking about ending your life, or you are afraid you might
hurt yourself, you deserve support right now. You are not a burden. Please reach out to
one of these services, free and confidential:

- **United States:** the Suicide & Crisis Lifeline, any time:
  [call 988](tel:988) or [text 988](sms:988).
- **United Kingdom and Ireland:** Samaritans, any time:
  [call 116 123](tel:116123) or [email jo@samaritans.org](mailto:jo@samaritans.org).
- **Anywhere else:** find a free helpline in your country at
  [findahelpline.com](https://findahelpline.com).

If you or someone else is in immediate danger, call your local emergency number:
[911](tel:911) in the US and Canada, [999](tel:999) or [112](tel:112) in the UK and
Ireland, [112](tel:112) across the EU.

Kindred's members and moderators are not crisis counsellors, but we care. If you are
worried about someone on Kindred, report their post with "I'm worried about this person"
and a moderator will see it first.
"""

TAPPABLE_BODY_HTML = (
    '<p>If you are thinking about ending your life, or you are afraid you might\n'
    'hurt yourself, you deserve support right now. You are not a burden. Please '
    'reach out to\n'
    'one of these services, free and confidential:</p>\n'
    '<ul>\n'
    '<li><strong>United States:</strong> the Suicide &amp; Crisis Lifeline, any '
    'time:\n'
    '<a href="tel:988" rel="nofollow ugc noopener">call 988</a> or <a href="sms:988" '
    'rel="nofollow ugc noopener">text 988</a>.</li>\n'
    '<li><strong>United Kingdom and Ireland:</strong> Samaritans, any time:\n'
    '<a href="tel:116123" rel="nofollow ugc noopener">call 116 123</a> or <a '
    'href="mailto:jo@samaritans.org" rel="nofollow ugc noopener">email '
    'jo@samaritans.org</a>.</li>\n'
    '<li><strong>Anywhere else:</strong> find a free helpline in your country at\n'
    '<a href="https://findahelpline.com" rel="nofollow ugc '
    'noopener">findahelpline.com</a>.</li>\n'
    '</ul>\n'
    '<p>If you or someone else is in immediate danger, call your local emergency '
    'number:\n'
    '<a href="tel:911" rel="nofollow ugc noopener">911</a> in the US and Canada, <a '
    'href="tel:999" rel="nofollow ugc noopener">999</a> or <a href="tel:112" '
    'rel="nofollow ugc noopener">112</a> in the UK and\n'
    'Ireland, <a href="tel:112" rel="nofollow ugc noopener">112</a> across the '
    'EU.</p>\n'
    "<p>Kindred's members and moderators are not crisis counsellors, but we care. If "
    'you are\n'
    "worried about someone on Kindred, report their post with &quot;I'm worried "
    'about this person&quot;\n'
    'and a moderator will see it first.</p>'
)


def _swap(apps, old_body, new_body, new_html):
    Page = apps.get_model("forum", "Page")
    Page.objects.filter(slug="crisis-support", body=old_body).update(body=new_body,
                                                                     body_html=new_html)


def forwards(apps, schema_editor):
    _swap(apps, SHIPPED_BODY, TAPPABLE_BODY, TAPPABLE_BODY_HTML)


def backwards(apps, schema_editor):
    _swap(apps, TAPPABLE_BODY, SHIPPED_BODY, SHIPPED_BODY_HTML)


class Migration(migrations.Migration):
    dependencies = [("forum", "0003_cache_table")]
    operations = [migrations.RunPython(forwards, backwards)]

"""Ships the editorial pages (integrity, guidelines, crisis support). Admins edit them later.

The Markdown and the HTML it rendered to when this migration was written are both kept
here, so the migration imports no app code: a later change to posts.rendering cannot change
what it installs. tests/test_migrations.py fails if today's renderer would render the
Markdown differently (then ship the new HTML in a new migration).
"""

from django.db import migrations

PAGES = [
    {
        "slug": "editorial-integrity",
        "title": "How we keep editorial integrity",
        "body": """Kindred is a place for people living with multiple sclerosis to share what
it is really like, in their own words.

## Every post is one member's experience

Stories, questions and comments are written by members about their own lives. They are
not medical advice. What helped one person may not suit another: please talk to your
neurologist, GP or MS nurse before you change anything about your care.

## Nobody pays for what you read here

No advertiser, drug maker, clinic or supplement seller pays for or shapes any post.
Members may not write on behalf of a company. Content that sells or promotes a product
is removed under our community guidelines.

## We do not endorse products or treatments

When members mention a medicine, device, diet or therapy, Kindred does not recommend or
endorse it. We keep the conversation honest by removing misinformation and promotion,
not by choosing winners.

## The disclaimer under every post

Each post carries the disclaimer that was current when it was published. When we revise
the wording, older posts keep the version they were written under, so the record stays
truthful.

## Moderation

Volunteer moderators follow the [community guidelines](/pages/community-guidelines/).
When they act on something you wrote, you are told why and how to appeal.
""",
        "body_html": (
            "<p>Kindred is a place for people living with multiple sclerosis to share "
            "what\n"
            "it is really like, in their own words.</p>\n"
            "<h2>Every post is one member's experience</h2>\n"
            "<p>Stories, questions and comments are written by members about their own "
            "lives. They are\n"
            "not medical advice. What helped one person may not suit another: please "
            "talk to your\n"
            "neurologist, GP or MS nurse before you change anything about your "
            "care.</p>\n"
            "<h2>Nobody pays for what you read here</h2>\n"
            "<p>No advertiser, drug maker, clinic or supplement seller pays for or "
            "shapes any post.\n"
            "Members may not write on behalf of a company. Content that sells or "
            "promotes a product\n"
            "is removed under our community guidelines.</p>\n"
            "<h2>We do not endorse products or treatments</h2>\n"
            "<p>When members mention a medicine, device, diet or therapy, Kindred does "
            "not recommend or\n"
            "endorse it. We keep the conversation honest by removing misinformation "
            "and promotion,\n"
            "not by choosing winners.</p>\n"
            "<h2>The disclaimer under every post</h2>\n"
            "<p>Each post carries the disclaimer that was current when it was "
            "published. When we revise\n"
            "the wording, older posts keep the version they were written under, so the "
            "record stays\n"
            "truthful.</p>\n"
            "<h2>Moderation</h2>\n"
            "<p>Volunteer moderators follow the <a "
            "href=\"/pages/community-guidelines/\">community guidelines</a>.\n"
            "When they act on something you wrote, you are told why and how to "
            "appeal.</p>"
        ),
    },
    {
        "slug": "community-guidelines",
        "title": "Community guidelines",
        "body": """Kindred works because members are kind to each other. These guidelines
are what moderators refer to when they act.

## 1. Be gentle

People come here tired and in pain. Disagree with ideas, never with the person. No
harassment, hate or personal attacks.

## 2. Share experience, not prescriptions

Say what worked for you and how; do not tell others to stop or start a treatment.
Confident medical claims that contradict good evidence are removed as misinformation.

## 3. No selling or promotion

No advertising, affiliate links, miracle cures or recruiting for paid schemes.

## 4. Protect privacy

Do not post anyone's contact details, address or identifying information, including
your own. Do not share what others told you in private.

## 5. If someone may be at risk

If a post worries you, report it with "I'm worried about this person" so a moderator
sees it first, and point them to [crisis support](/pages/crisis-support/).

## 6. No spam

No repeated, off-topic or automated posting.
""",
        "body_html": (
            "<p>Kindred works because members are kind to each other. These guidelines\n"
            "are what moderators refer to when they act.</p>\n"
            "<h2>1. Be gentle</h2>\n"
            "<p>People come here tired and in pain. Disagree with ideas, never with "
            "the person. No\n"
            "harassment, hate or personal attacks.</p>\n"
            "<h2>2. Share experience, not prescriptions</h2>\n"
            "<p>Say what worked for you and how; do not tell others to stop or start a "
            "treatment.\n"
            "Confident medical claims that contradict good evidence are removed as "
            "misinformation.</p>\n"
            "<h2>3. No selling or promotion</h2>\n"
            "<p>No advertising, affiliate links, miracle cures or recruiting for paid "
            "schemes.</p>\n"
            "<h2>4. Protect privacy</h2>\n"
            "<p>Do not post anyone's contact details, address or identifying "
            "information, including\n"
            "your own. Do not share what others told you in private.</p>\n"
            "<h2>5. If someone may be at risk</h2>\n"
            "<p>If a post worries you, report it with &quot;I'm worried about this "
            "person&quot; so a moderator\n"
            "sees it first, and point them to <a href=\"/pages/crisis-support/\">crisis "
            "support</a>.</p>\n"
            "<h2>6. No spam</h2>\n"
            "<p>No repeated, off-topic or automated posting.</p>"
        ),
    },
    {
        "slug": "crisis-support",
        "title": "Crisis support",
        "body": """If you are thinking about ending your life, or you are afraid you might
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
""",
        "body_html": (
            "<p>If you are thinking about ending your life, or you are afraid you "
            "might\n"
            "hurt yourself, you deserve support right now. You are not a burden. "
            "Please reach out to\n"
            "one of these services, free and confidential:</p>\n"
            "<ul>\n"
            "<li><strong>United States:</strong> call or text <strong>988</strong> "
            "(Suicide &amp; Crisis Lifeline), any time.</li>\n"
            "<li><strong>United Kingdom and Ireland:</strong> call Samaritans on "
            "<strong>116 123</strong>, any time, or email\n"
            "jo@samaritans.org.</li>\n"
            "<li><strong>Anywhere else:</strong> find a free helpline in your country "
            "at\n"
            "<a href=\"https://findahelpline.com\" rel=\"nofollow ugc "
            "noopener\">findahelpline.com</a>.</li>\n"
            "</ul>\n"
            "<p>If you or someone else is in immediate danger, call your local "
            "emergency number\n"
            "(911 in the US and Canada, 999 or 112 in the UK and Ireland, 112 across "
            "the EU).</p>\n"
            "<p>Kindred's members and moderators are not crisis counsellors, but we "
            "care. If you are\n"
            "worried about someone on Kindred, report their post with &quot;I'm "
            "worried about this person&quot;\n"
            "and a moderator will see it first.</p>"
        ),
    },
]


def forwards(apps, schema_editor):
    """Idempotent: tests/shipped.py calls it again after a transactional test's flush."""
    Page = apps.get_model("forum", "Page")
    for page in PAGES:
        Page.objects.get_or_create(
            slug=page["slug"],
            defaults={"title": page["title"], "body": page["body"],
                      "body_html": page["body_html"]},
        )


class Migration(migrations.Migration):
    dependencies = [("forum", "0001_initial")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]

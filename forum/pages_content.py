"""The editorial pages Kindred ships with, written for this project. Admins edit them later."""

EDITORIAL_PAGES = [
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
    },
]


def install_editorial_pages(Page, render):
    for page in EDITORIAL_PAGES:
        Page.objects.get_or_create(
            slug=page["slug"],
            defaults={"title": page["title"], "body": page["body"],
                      "body_html": render(page["body"])},
        )

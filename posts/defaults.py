"""Content the site ships with. Data migrations call these with historical models."""

FIRST_DISCLAIMER = (
    "This post shares the opinions, thoughts and lived experience of the member who wrote it. "
    "It is not medical advice: talk to your own doctor or MS nurse before changing anything "
    "about your care. Nothing here has been paid for by an advertiser or sponsor. Kindred "
    "does not recommend or endorse any product, treatment or service mentioned in posts or "
    "comments. [How we keep Kindred's editorial integrity](/pages/editorial-integrity/)."
)


def install_first_disclaimer(Disclaimer, render):
    if not Disclaimer.objects.exists():
        Disclaimer.objects.create(
            version=1, body=FIRST_DISCLAIMER, body_html=render(FIRST_DISCLAIMER)
        )

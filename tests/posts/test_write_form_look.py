"""The write form: a preview built from the published post's pieces, and a poll closing time
labelled with the time zone it is read in."""

import re

from django.utils import timezone

from posts.models import Symptom


def test_the_preview_shows_kind_title_byline_and_symptoms_like_the_published_post(
        client, member):
    fatigue = Symptom.objects.get(slug="fatigue")
    client.force_login(member)
    response = client.post("/posts/new/", {
        "kind": "question", "title": "Does anyone else nap at two?", "body": "Every *day*.",
        "visibility": "public", "symptoms": [fatigue.pk], "preview": "1",
    })
    html = response.content.decode()
    start = html.index('<section class="preview"')
    preview = html[start:html.index("</section>", start)]
    assert '<article class="post preview-post"' in preview
    assert '<p class="kind kind-question">Question</p>' in preview
    assert "Does anyone else nap at two?" in preview
    assert 'class="avatar' in preview and "rowan" in preview
    assert '<span class="tag">Fatigue</span>' in preview
    assert "<em>day</em>" in preview


def test_the_poll_closing_time_says_which_time_zone_it_is_in(client, member, settings):
    client.force_login(member)
    html = client.get("/posts/new/").content.decode()
    zone = timezone.get_current_timezone_name()
    assert re.search(rf"<label for=\"id_poll_closes_at\">Poll closes \(optional; date and "
                     rf"time in {re.escape(zone)}\)</label>", html)
    assert 'type="datetime-local"' in html

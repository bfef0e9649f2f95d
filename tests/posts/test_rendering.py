from posts.rendering import render_markdown


def test_markdown_becomes_html():
    html = render_markdown("Some **bold** and *italic*\n\n- one\n- two")
    assert "<strong>bold</strong>" in html and "<em>italic</em>" in html
    assert "<ul>" in html and "<li>one</li>" in html


def test_raw_html_is_shown_as_text_not_run():
    html = render_markdown('<script>alert("x")</script> <img src=x onerror="alert(1)">')
    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;" in html  # the member sees what they typed


def test_javascript_links_lose_their_href():
    for text in ("[click](javascript:alert(1))", "<javascript:alert(1)>", "[x](JAVASCRIPT:x)"):
        assert "href" not in render_markdown(text)


def test_member_links_are_marked_nofollow_ugc_noopener():
    html = render_markdown("See [this](https://example.org/page) and https://example.com")
    assert html.count('rel="nofollow ugc noopener"') == 2


def test_internal_links_are_left_followable():
    html = render_markdown("[Guidelines](/pages/community-guidelines/)")
    assert '<a href="/pages/community-guidelines/">' in html


def test_a_members_top_heading_is_demoted_below_the_page_title():
    assert render_markdown("# Big") == "<h2>Big</h2>"


def test_an_image_becomes_a_link_with_its_alt_text_instead_of_vanishing():
    html = render_markdown("My ramp: ![a wooden ramp to the door](https://example.org/ramp.jpg)")
    assert "<img" not in html
    assert ('<a href="https://example.org/ramp.jpg" rel="nofollow ugc noopener">'
            "Image: a wooden ramp to the door</a>") in html


def test_an_image_without_alt_text_or_with_a_bad_address_keeps_its_words():
    assert ">Image: https://example.org/x.png</a>" in render_markdown("![](https://example.org/x.png)")
    html = render_markdown("![my scan](javascript:alert(1))")
    assert "href" not in html and "my scan" in html


def test_the_write_form_says_images_are_not_shown(client, member):
    client.force_login(member)
    assert "Images are not shown" in client.get("/posts/new/").content.decode()

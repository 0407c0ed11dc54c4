"""The clean stage: only allow-listed HTML reaches readers, and real text is kept."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from site_builder.clean import clean_article, html_to_text, sanitise_html
from site_builder.model import Article


def make_article(body: str) -> Article:
    return Article(id="a", source_path="content/a.md", title="T", date=datetime(2025, 7, 12, tzinfo=timezone.utc),
                   source="S", lang="en", slug="t", body=body)


@pytest.mark.parametrize("dirty, clean", [
    ("<script>alert(1)</script><p>kept</p>", "<p>kept</p>"),
    ('<p onclick="alert(1)">kept</p>', "<p>kept</p>"),
    ('<a href="javascript:alert(1)">link</a>', '<a>link</a>'),
    ('<a href="https://example.org/">link</a>', '<a href="https://example.org/" rel="noopener noreferrer">link</a>'),
    ('<iframe src="https://evil.example/"></iframe><p>kept</p>', "<p>kept</p>"),
    ("<style>body{display:none}</style><p>kept</p>", "<p>kept</p>"),
    ('<img src="data:image/svg+xml;base64,AAAA" alt="x">', '<img alt="x">'),
    ('<center align="left">old</center>', "old"),
    ('<p lang="it" dir="ltr">ciao</p>', '<p lang="it" dir="ltr">ciao</p>'),
    ('<form action="https://evil.example/"><input name="q"></form>', ""),
    ("<!-- a comment --><p>kept</p>", "<p>kept</p>"),
])
def test_sanitiser_keeps_only_allow_listed_html(dirty, clean):
    assert sanitise_html(dirty) == clean


def test_cleaning_renders_markdown_and_sanitises_raw_html_in_it():
    article = clean_article(make_article("Text with **bold**.\n\n<script>alert(1)</script>\n\n- one\n- two\n"))
    assert article.html == "<p>Text with <strong>bold</strong>.</p>\n<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n"
    assert article.text == "Text with bold.\none\ntwo"


def test_cleaning_returns_a_new_article_and_keeps_the_source_body():
    original = make_article("Plain *text*.\n")
    cleaned = clean_article(original)
    assert original.html == "" and cleaned.body == original.body and cleaned is not original


def test_plain_text_has_one_line_per_block_and_decoded_entities():
    assert html_to_text("<h2>Title &amp; more</h2><p>One<br>two</p><blockquote><p>Q</p></blockquote>") == \
        "Title & more\nOne\ntwo\nQ"


@pytest.mark.parametrize("body, expected", [
    ("![A chart](https://cdn.example/chart.png)",
     '<p><a href="https://cdn.example/chart.png" rel="noopener noreferrer">[Image: A chart]</a></p>\n'),
    ('<img src="//cdn.example/x.png">', '<a href="//cdn.example/x.png" rel="noopener noreferrer">[Image: image]</a>\n'),
    ("![Local](images/chart.png)", '<p><img src="images/chart.png" alt="Local"></p>\n'),
])
def test_images_on_other_hosts_become_links_so_pages_make_no_third_party_request(body, expected):
    assert clean_article(make_article(body)).html == expected


@pytest.mark.parametrize("source", ["HTTPS://evil.example/p.gif", "/\\evil.example/p.gif", "https:evil.example/p.gif",
                                    "\\\\evil.example/p.gif", " //evil.example/p.gif", "/&#9;/evil.example/p.gif"])
def test_no_spelling_of_another_host_keeps_an_image(source):
    html = clean_article(make_article(f'<img src="{source}" alt="pixel">')).html
    assert "<img" not in html and "[Image: pixel]" in html


def test_an_encoded_placeholder_character_cannot_fake_an_embed_card():
    article = clean_article(make_article("&#xE000;embed-0&#xE000; and a sentence.\n"))
    assert article.html == "<p>embed-0 and a sentence.</p>\n" and article.embeds == ()

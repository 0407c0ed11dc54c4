"""The clean stage: only allow-listed HTML reaches readers, and real text is kept."""

from __future__ import annotations

import time
from dataclasses import replace
from datetime import datetime, timezone

from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from site_builder.cleaning.clean import MAX_NESTING, clean_article, html_to_text, sanitise_html, simple_safe_html
from site_builder.cleaning.markdown import render_markdown
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
    ("<p>a&#7;b&#xFFFE;c&#x85;d</p>", "<p>abc\u2026d</p>"),  # &#x85; is read as windows-1252, as browsers do
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


HOSTILE_REPEATS = {
    "an unclosed embed tag": ('<blockquote class="twitter-tweet" ', 300_000),
    "an unclosed Facebook embed tag": ('<div class="fb-post" ', 300_000),
    "an unclosed iframe tag": ("<iframe ", 300_000),
    "an unclosed script tag": ("<script ", 300_000),
    "a Vimeo caption never closed": ('<iframe src="https://vimeo.com/1"></iframe><p><a href="https://vimeo.com/1">',
                                     300_000),
    "nested blocks": ("<div>", 300_000),
    "lines that name a network": ("x\n", 100_000),
    "attribution lines": ("— x\n", 100_000),
}


@pytest.mark.parametrize("piece", list(HOSTILE_REPEATS))
def test_hostile_repetition_cleans_in_linear_time(piece):
    """At these sizes each took from 10 seconds to hours before (backtracking regular expressions, scans of
    the lines around each line, the sanitiser's HTML parser on deep nesting); now about a second at most.
    Four times the input may take about four times as long, never the sixteen of a quadratic cost: a ratio,
    not a time limit, so a slow or busy machine does not fail it."""
    text, size = HOSTILE_REPEATS[piece]

    def seconds(repeats: int) -> float:
        started = time.perf_counter()
        clean_article(make_article(text * repeats))
        return time.perf_counter() - started

    quarter = min(seconds(size // len(text) // 4) for _ in range(2))
    whole = min(seconds(size // len(text)) for _ in range(2))  # the better of two, as for the quarter
    assert whole < 8 * quarter + 0.05, f"{whole:.2f} s for the whole input, {quarter:.2f} s for a quarter"


def test_ordinary_nesting_keeps_its_markup_and_nesting_past_the_limit_keeps_only_the_text():
    assert sanitise_html("<div>" * 40 + "deep" + "</div>" * 40) == "<div>" * 40 + "deep" + "</div>" * 40
    assert sanitise_html("<div>" * (MAX_NESTING + 1) + "<b>deep</b>") == "deep"


MARKDOWN_PIECES = ["news", "Zoë", " ", "\n", "\n\n", "*", "**", "_", "`", "```\n", "    ", "> ", "- ", "1. ", "3) ",
                   "# ", "---", "[x](http://a.com/p?q=1&r=2)", "[y](https://a.b/c'd(e)*f)", "[z](/rel)", "[w](ftp://x)",
                   "[v](HTTPS://A.B)", "![i](http://a/i.png)", "&amp;", "&nbsp;", "&copy;", "&#0;", "&#x1;", "&#12;",
                   "\xa0", "\x0c", "\x01", "\u2028", '"', "'", "&", ">", "<", "<b>", "~~", "|", "\\", "  \n", "\\\n",
                   "日本", "<https://a.com>", "[ref]", "\n[ref]: http://a.com\n", "\t", "==\n", "| a |\n|-|\n| b |\n"]


def assert_simple_way_agrees(markdown: str) -> bool:
    """The shortcut for simple documents gives the sanitiser's HTML and html_to_text's text; True if taken."""
    rendered = render_markdown(markdown)
    simple = simple_safe_html(markdown, rendered)
    if simple is None:
        return False
    assert simple == sanitise_html(rendered)
    card_filled = simple + "\u201cA post &amp; &#x27;a quote&#x27;\u201d<br>by @someone<br>"
    assert html_to_text(card_filled, simple=True) == html_to_text(card_filled)
    return True


@settings(max_examples=4000, deadline=None)
@given(st.lists(st.sampled_from(MARKDOWN_PIECES), min_size=1, max_size=25).map("".join))
@example('A "quote" &amp; [a link](https://news.example.org/a?b=1&c=2)\xa0here.\n\n---\n\n1. one\n2. two\n')
@example("[empty host](http://) [port](http://a:99999) [ip](http://1.2.3.999) [user](http://a:b@)")
@example("[punycode](http://xn--a) [escape in the host](http://a%zz) [numeric](http://a.1) a&#13;b")
def test_simple_documents_take_a_shortcut_to_what_the_sanitiser_gives(markdown):
    assert_simple_way_agrees(markdown)


def test_real_articles_clean_the_same_without_the_shortcut(monkeypatch):
    from site_builder.cleaning import clean
    from site_builder.content.frontmatter import ArticleDefaults, parse_article

    project = Path(__file__).resolve().parent.parent
    paths = sorted((project / "content").glob("*.md")) + sorted((project / "tests" / "cleaning_corpus").glob("*.md"))
    parsed = [parse_article(path.read_text(encoding="utf-8"), str(path), path.stem, ArticleDefaults("en", "UTC"))[0]
              for path in paths]
    articles = [article for article in parsed if article]
    assert len(articles) > 40
    taken = []
    monkeypatch.setattr(clean, "simple_safe_html", lambda *args: taken.append(simple_safe_html(*args)))
    without = [clean_article(article) for article in articles]
    monkeypatch.undo()
    assert [clean_article(article) for article in articles] == without
    assert sum(html is not None for html in taken) >= len(articles) // 2, taken.count(None)
    assert not simple_safe_html("<b>bold</b>", "<p><b>bold</b></p>")  # raw HTML always goes to the sanitiser
    for odd in ("[a](http://)", "[a](http://a:99999)", "[a](http://xn--a)", "a&#13;b"):  # nh3 reads them its way
        assert simple_safe_html(odd, render_markdown(odd)) is None, odd


@pytest.mark.parametrize("source, line", [("bundesliga.com", "bundesliga"), ("www.jpnn.com", "JPNN.com - Daerah"),
                                          ("Kompas", "KOMPAS")])
def test_a_line_that_is_only_the_outlets_name_goes(source, line):
    article = replace(make_article(f"{line}\n\nThe storm closed three roads on Sunday, the police said."),
                      source=source)
    cleaned = clean_article(article)
    assert line not in cleaned.text and "three roads" in cleaned.text
    assert [change.detail for change in cleaned.cleanup if change.action == "removed"] == ["the outlet's name"]


def test_a_sentence_that_begins_with_the_outlets_name_stays():
    body = "Kompas - the newspaper of record - reported the closure first, on Sunday morning."
    article = replace(make_article(body), source="Kompas")
    assert clean_article(article).text.strip() == body


def test_code_blocks_are_left_as_written():
    """A post's fenced YAML example holds '---' lines and a long prose-like line: no rule that rewrites
    lines takes them for an attribution dash, a paragraph or a text bullet (a real Jekyll post in
    tests/cleaning_real)."""
    code = ("```text\n---\nlayout: post\ntitle: Hello\n---\n" + "Lorem ipsum dolor sit amet, consectetur "
            "adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua.\nNext line.\n"
            "• not a list item\n```\n")
    body = f"How to write a post.\n\n{code}\nAfter the example, the text goes on.\n"
    cleaned = clean_article(make_article(body))
    assert code in cleaned.markdown
    assert "<blockquote>" not in cleaned.html
    assert not [change for change in cleaned.cleanup if change.rule in ("quote-attribution", "line-paragraphs",
                                                                        "text-bullets")]


def test_clipped_text_indented_like_code_reads_as_text_and_code_stays_code():
    """A clipped page indents its paragraphs with four spaces, which Markdown shows as code (a real page of
    Liberty Times, tests/cleaning_real); an indented block of code and a list item's own paragraph keep it."""
    prose = "Intro line.\n\n    The council met on Monday and approved the budget.\n\n    The vote was 7 to 2.\n"
    cleaned = clean_article(make_article(prose))
    assert "<pre>" not in cleaned.html and "<p>The vote was 7 to 2.</p>" in cleaned.html
    assert [change.rule for change in cleaned.cleanup] == ["indented-text", "indented-text"]
    code = "Run this:\n\n    def main():\n        print('hello')\n\n    main()\n"
    assert "<pre><code>def main():" in clean_article(make_article(code)).html
    listed = "- First item\n\n    Its second paragraph, indented under it.\n"
    assert clean_article(make_article(listed)).markdown == listed


def test_the_evidence_of_a_notice_is_the_same_in_every_process():
    """Two phrases of one kind in a line: the one named is the first in the line, not the first of a set,
    whose order changes with each process's string hashing (as it did)."""
    import subprocess
    import sys

    code = ("from site_builder.cleaning.notices import reader_notice; "
            "print(reader_notice('No votes so far! Be the first to rate this post.'))")
    said = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                           env={**__import__("os").environ, "PYTHONHASHSEED": str(seed)}).stdout
            for seed in range(1, 7)}
    assert said == {"a notice to the reader: 'no votes so far'\n"}

"""The Markdown stage's shortcuts for plain links give exactly what markdown-it-py gives."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt, helpers

from site_builder.markdown import PLAIN_URL, _PARSER, parse_link_destination, render_markdown

URL_CHARACTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~/?#=&+,;:@!$*'()%[] \"<>\\^`{|}é"
addresses = st.builds(lambda scheme, host, rest: scheme + host + rest,
                      st.sampled_from(["http://", "https://", "HTTPS://", "ftp://", "//", ""]),
                      st.text("abcdefghijklmnopqrstuvwxyzABC0123456789.-:[]é", max_size=20),
                      st.text(URL_CHARACTERS, max_size=40))
LINK_CHARACTERS = "ab/:.?=#&;()<>[]\\ \t\n\x00\x7f\"'*_`!é"
plain_markdown = MarkdownIt("commonmark", {"html": True, "typographer": False}).enable(["table", "strikethrough"])


@settings(max_examples=3000, deadline=None)
@given(addresses)
@example("https://news.example.org/trade/874919")
@example("https://example.org:8080/a/b?c=d&e=f#g")
@example("https://example.org/it's-(here)")
def test_plain_addresses_come_back_as_markdown_it_py_would_normalise_them(url):
    assert _PARSER.normalizeLink(url) == MarkdownIt().normalizeLink(url)


@settings(max_examples=3000, deadline=None)
@given(st.text(LINK_CHARACTERS, max_size=30), st.integers(0, 30), st.integers(0, 30))
@example("https://a.b/c) rest", 0, 30)
@example("a(b)c)", 0, 6)
@example("a&amp;b)", 0, 8)
def test_destinations_are_read_as_markdown_it_py_reads_them(string, start, end):
    start, end = min(start, len(string)), min(end, len(string))
    mine, theirs = parse_link_destination(string, start, end), helpers.parseLinkDestination(string, start, end)
    assert (mine.ok, mine.pos, mine.str) == (theirs.ok, theirs.pos, theirs.str) if theirs.ok else not mine.ok


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.tuples(st.text(LINK_CHARACTERS, max_size=12), st.text(LINK_CHARACTERS + "%", max_size=25)),
                max_size=4))
@example([("report", "https://news.example.org/a/1"), ("odd", "https://Example.org/caf\u00e9 \"t\"")])
def test_text_with_links_renders_as_markdown_it_py_renders_it(links):
    text = " and ".join(f"[{label}]({address})" for label, address in links) + "\n\n[x]: <https://x.org/y>\n"
    assert render_markdown(text) == plain_markdown.render(text)


def test_most_clipped_links_take_the_shortcut_and_odd_ones_do_not():
    assert PLAIN_URL.fullmatch("https://news.example.org/trade/874919?ref=home#top")
    for odd in ("https://example.org/caf%C3%A9", "https://exämple.org/", "javascript:alert(1)",
                "https://example.org/a b", "https://[::1]/"):
        assert not PLAIN_URL.fullmatch(odd), odd

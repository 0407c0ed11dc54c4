"""The Markdown stage's shortcuts (plain links, simple inline text) give exactly what markdown-it-py gives."""

from __future__ import annotations

from pathlib import Path

from hypothesis import example, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt, helpers

from site_builder.cleaning.markdown import (PLAIN_URL, _PARSER, parse_link_destination, render_markdown, simple_document_html,
                                   simple_inline_html)
from conftest import require_shared
from site_builder.cleaning.clean import clean_article
from site_builder.content.frontmatter import ArticleDefaults, parse_article

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


INLINE_PIECES = ["news", "Zoë", "2021", " ", "\n", "\t", "*", "**", "***", "_", "[", "]", "(", ")", '"', "'", "&",
                 "&amp;", "& ", "&#", "<", ">", "!", "~", "~~", "`", "\\", ".", ",", "-", ":", "\u201c", "\u201d",
                 "\u2014", "\xa0",
                 "\u3000", "日本", "\x1c", "$", "|", "[a report](https://news.example.org/a/1)",
                 "[x](http://a.com/p?q=1#f)", "[x](HTTP://A.COM)", "[x](javascript:alert(1))", "[x](http://a.com/(b))",
                 "[x]( http://a.com)", '[x](http://a.com "t")', "![i](http://a.com/i.png)", "*word*", "**two words**"]


def inline_of(text: str) -> str:
    """What markdown-it-py itself renders of inline ``text``."""
    return plain_markdown.renderer.render(plain_markdown.parseInline(text)[0].children, plain_markdown.options, {})


@settings(max_examples=6000, deadline=None)
@given(st.lists(st.sampled_from(INLINE_PIECES), min_size=1, max_size=14).map("".join))
@example('A "quote" & *one* **two words** [a link](https://ex.org/a-b?c=d#e), (*aside*).')
@example("*a\n\tb*")
@example("a*b*")
@example("**b*")
def test_simple_inline_text_renders_as_markdown_it_py_renders_it(text):
    text = text.strip(" \t\n")
    html = simple_inline_html(text)
    assert html is None or html == inline_of(text)


def test_paragraphs_of_news_take_the_simple_way_and_tricky_ones_do_not():
    assert simple_inline_html('He said: "We won." See [the report](https://news.example.org/a/1) '
                              "and **the *full* text**? No: *the* text.") is None  # nested emphasis
    assert simple_inline_html('He said: "We won." See [the report](https://news.example.org/a/1), '
                              "**the full text** & *more*.") is not None
    for tricky in ("snake_case", "a*b*", "[ref]", "x  \ny", "&amp;", "<b>x</b>", "`code`", "~~gone~~", "![i](http://a.b/i)"):
        assert simple_inline_html(tricky) is None, tricky


LINE_STARTS = ["", "", "", "# ", "## ", "####### ", "> ", ">", "- ", "- ", "* ", "+ ", "1. ", "2) ", "    ", " ", "\t",
               "[", "*", "**", "***", "_", "=", "---", "|", "<", "```", "\ue000"]
WORDS = ["news", "news", "news", "Zoë", "2021", "*x*", "**y z**", "[a link](https://a.b/c)", "&", '"q"',
         "\u201cq\u201d", "(p)", "x_y", "`c`", "<b>", "\\*", "!", "#", "-", "1.", "\xa0", "\ufeff", "\t", "]:", "[r]",
         "~~s~~", "\ue000embed-0\ue000"]
block_lines = st.builds(lambda start, words, end, separator: start + " ".join(words) + end + separator,
                        st.sampled_from(LINE_STARTS), st.lists(st.sampled_from(WORDS), min_size=1, max_size=6),
                        st.sampled_from(["", "", "", " ", "  ", "#", " #"]),
                        st.sampled_from(["\n", "\n\n", "\n\n", "\n \n", "\n\n\n", "\n\t\n"]))


@settings(max_examples=4000, deadline=None)
@given(st.lists(block_lines, min_size=1, max_size=7).map("".join))
@example("- one\n\n- two\n")
@example("Text\n# Heading\n")
@example("> quoted\nlazy line\n")
def test_documents_of_simple_blocks_render_as_markdown_it_py_renders_them(text):
    html = simple_document_html(text)
    assert html is None or html == plain_markdown.render(text)


def test_news_articles_take_the_simple_way_and_other_documents_do_not():
    assert simple_document_html("## Talks\n\nThe *minister* said [so](https://a.b/c).\nAgain.\n\n"
                                "> A quote.\n\n- one\n- two\n\n\ue000embed-0\ue000\n") is not None
    for other in ("1. first\n", "- one\n\n- two\n", "Title\n===\n", "[x]: https://a.b\n\n[x]\n", "    code\n",
                  "| a |\n|---|\n", "<div>x</div>\n", "line  \nbreak\n"):
        assert simple_document_html(other) is None, other


def test_real_articles_render_as_markdown_it_py_renders_them():
    project = Path(__file__).resolve().parent.parent
    folders = [project / "content", project / "tests" / "cleaning_corpus",
               require_shared(project.parent / "shared" / "data" / "stories-en-public" / "articles")]
    bodies = [path.read_text(encoding="utf-8") for folder in folders for path in sorted(folder.glob("*.md"))]
    cleaned = [clean_article(article).markdown for article in (
        parse_article(path.read_text(encoding="utf-8"), str(path), path.stem, ArticleDefaults("en", "UTC"))[0]
        for path in sorted(folders[1].glob("*.md"))) if article]  # what the build renders of each
    assert len(bodies) > 700 and len(cleaned) > 40
    for body in bodies + cleaned:
        assert render_markdown(body) == plain_markdown.render(body)
    assert sum(simple_document_html(markdown) is not None for markdown in cleaned) > len(cleaned) // 2

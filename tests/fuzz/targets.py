"""What must hold for any input of the front-matter parser, the cleaner and the slugger.

Each target takes one input, runs the real function and checks its output; a crash or a failed
check is a defect. ``EXAMPLES`` counts the inputs each target has seen (for the long run's report).
"""

from __future__ import annotations

import html as html_lib
import re
from collections import Counter
from datetime import datetime, timezone
from html.parser import HTMLParser
from pathlib import Path
from typing import Callable

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import strategies
from site_builder.cleaning.clean import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, clean_article
from site_builder.config import parse_config
from site_builder.content.frontmatter import ArticleDefaults, parse_article
from site_builder.model import Article
from site_builder.content.slugs import is_safe_slug, slugify, transliterate
from site_builder.content.yamldoc import decode_utf8

EXAMPLES: Counter = Counter()
DEFAULTS = ArticleDefaults("en", "Asia/Jakarta", frozenset({"extra"}))
NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
"""Characters XML 1.0 cannot carry: one of them in a page or the feed breaks it."""
SAFE_URL = re.compile(r"(https?:|mailto:|[^:/?#]*(?:[/?#]|$))", re.I)


def check_front_matter(text: str) -> None:
    """Any text gives an article or problems, never an exception; every problem prints on one line."""
    EXAMPLES["front matter"] += 1
    check_article_text(text)


def check_article_text(text: str) -> None:
    article, problems = parse_article(text, "content/fuzz.md", "fuzz", DEFAULTS)
    for problem in problems:
        assert "\n" not in str(problem) and problem.message and problem.hint, problem
        assert problem.line >= 0 and problem.column >= 0, problem
    if article is not None:
        assert not any(problem.is_error for problem in problems)
        assert article.title.strip() and article.source.strip() and article.date.tzinfo is not None
        assert is_safe_slug(article.slug), article.slug
        assert not NOT_IN_XML.search(article.title + article.source + "".join(article.tags)), article


def check_file_bytes(data: bytes) -> None:
    """Any bytes are text or one located problem."""
    EXAMPLES["front matter (bytes)"] += 1
    text, problems = decode_utf8(data, "content/fuzz.md")
    assert (text is None) == bool(problems)
    if text is not None:
        check_article_text(text)


def check_site_yaml(text: str) -> None:
    """site.yaml goes through the same YAML reader: the same promise."""
    EXAMPLES["site.yaml"] += 1
    config, problems = parse_config(text, Path("/site"), "site.yaml")
    for problem in problems:
        assert "\n" not in str(problem), problem
    assert config is not None or any(problem.is_error for problem in problems)


def check_cleaner(body: str, title: str) -> None:
    """Any body cleans without an exception into HTML that holds only allow-listed markup, no URL that
    could run script, and no character XML cannot carry."""
    EXAMPLES["cleaner"] += 1
    article = Article(id="fuzz", source_path="content/fuzz.md", title=title or "T", source="S", lang="en",
                      slug="fuzz", body=body, date=datetime(2025, 7, 12, tzinfo=timezone.utc))
    cleaned = clean_article(article)
    assert not NOT_IN_XML.search(cleaned.html + cleaned.text), repr(cleaned.html)
    audit = MarkupAudit()
    audit.feed(cleaned.html)
    assert audit.findings == [], (audit.findings, cleaned.html)
    for embed in cleaned.embeds:
        assert embed.url is None or re.match(r"https?://", embed.url), embed


class MarkupAudit(HTMLParser):
    """Collects every tag, attribute or URL in HTML that the sanitiser should have refused."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.findings: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ALLOWED_TAGS:
            self.findings.append(f"<{tag}>")
        allowed = ALLOWED_ATTRIBUTES["*"] | ALLOWED_ATTRIBUTES.get(tag, set()) | {"rel"}
        for name, value in attrs:
            if name not in allowed:
                self.findings.append(f"<{tag} {name}>")
            if name in ("href", "src", "cite") and not SAFE_URL.match(_as_browser_reads(value or "")):
                self.findings.append(f"<{tag} {name}={value!r}>")


def _as_browser_reads(url: str) -> str:
    return re.sub(r"[\x00-\x20]", "", html_lib.unescape(url))


def check_slugger(text: str, fallback: str) -> None:
    """Any title gives a safe slug, the same one every time; a safe slug is its own slug."""
    EXAMPLES["slugger"] += 1
    slug = slugify(text, fallback=fallback)
    assert is_safe_slug(slug), (text, slug)
    assert slug == slugify(text, fallback=fallback)
    assert transliterate(text).isascii()
    if is_safe_slug(text):
        assert slugify(text) == text


def fuzz_targets() -> dict[str, tuple[Callable[..., None], tuple[st.SearchStrategy, ...]]]:
    """Each target with the strategies of its arguments: the short run in the suite and the long run
    (run.py) both take them from here."""
    return {
        "front matter": (check_front_matter, (strategies.article_text(),)),
        "front matter (bytes)": (check_file_bytes, (st.binary(max_size=300),)),
        "site.yaml": (check_site_yaml, (strategies.front_matter_lines(),)),
        "cleaner": (check_cleaner, (strategies.body_text(), st.text(max_size=40))),
        "slugger": (check_slugger, (strategies.slug_text(), st.text(max_size=20))),
    }


def fuzz(name: str, examples: int) -> None:
    """Run one target on ``examples`` new inputs; a failure raises with the smallest input found."""
    check, arguments = fuzz_targets()[name]
    test = settings(max_examples=examples, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])(given(*arguments)(check))
    test()

"""The plain data that flows between the stages: articles, stories, the site and the files to write.

Stages never mutate these: cleaning returns a new Article, grouping makes Stories, rendering makes
OutputFiles. Articles and stories refer to each other by id, not by object.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from typing import TYPE_CHECKING, Any

from site_builder.config import SiteConfig

if TYPE_CHECKING:  # annotations only: a build with nothing to do never loads the cleaning stages
    from site_builder.cleaning.embeds import Embed
    from site_builder.cleaning.noise import Change


@dataclass(frozen=True)
class Article:
    """One report from one outlet, as the curator saved it (and, after cleaning, as readers see it)."""

    id: str
    """Stable identity: the `id` key, else the path under the content folder without its extension."""
    source_path: str
    """The Markdown file, as shown in messages (relative to the site folder when inside it)."""
    title: str
    """Headline as given in front matter."""
    date: datetime
    """Publication time, always timezone-aware."""
    source: str
    """Name of the outlet that published it."""
    lang: str
    """BCP 47 language code of the text."""
    slug: str
    """URL segment of the article page: `slug` key, else derived from the title; ASCII and safe."""
    body: str
    """The Markdown body (raw HTML included) as saved; cleaning rewrites it."""
    body_line: int = 1
    """File line where the body starts, so later stages can point into the file."""
    slug_given: bool = False
    """True when the slug came from front matter (two equal given slugs are an error; two equal derived
    ones, from one wire headline run by two outlets, are told apart with '-2')."""
    url: str | None = None
    """The original article on the outlet's site."""
    authors: tuple[str, ...] = ()
    """Bylines, in the given order."""
    story: str | None = None
    """Explicit story key: articles sharing it form one story."""
    groupable: bool = True
    """False when the curator wrote `story: false`: the article stays a story of its own."""
    tags: tuple[str, ...] = ()
    """Topics, as written by the curator."""
    summary: str | None = None
    """Curator's one-paragraph summary; the lead of the article's story when chosen."""
    image: str | None = None
    """URL of a lead image."""
    draft: bool = False
    """Drafts are left out of builds unless asked for."""
    date_only: bool = False
    """True when front matter gave a date without a time, so pages show the day only."""
    clean_disabled: frozenset[str] = frozenset()
    """Cleaning rules this article opts out of (`clean: false` means all of them)."""
    extra: dict[str, Any] = field(default_factory=dict)
    """Every other front-matter key, for templates (read-only by convention)."""
    fingerprint: str = ""
    """Hash of the file's bytes and path: what the per-article stages' results are kept under."""
    markdown: str = ""
    """The body after the cleaning rules (embeds as placeholders); empty until the clean stage has run."""
    html: str = ""
    """The cleaned, sanitised body as HTML; empty until the clean stage has run, and again once prepared
    for the later stages, which keep it in ``html_utf8`` (read it through ``cleaned_html``)."""
    text: str = ""
    """The cleaned body as plain text, embed cards included, for leads and grouping; empty until cleaned."""
    embeds: tuple[Embed, ...] = ()
    """Posts and videos that were embedded; placeholder n in ``html`` stands for embeds[n]."""
    cleanup: tuple[Change, ...] = ()
    """What cleaning removed or changed, line by line."""
    line_keys: frozenset[str] = frozenset()
    """What the site-chrome rule learns from: a key for each short line the other rules left (see
    ``sitechrome``); empty until cleaned."""
    html_utf8: bytes = b""
    """The cleaned HTML as UTF-8, as a prepared article keeps it: half the memory of a str, as news has
    curly quotes, for which Python stores every character of a str in two bytes."""

    @property
    def cleaned_html(self) -> str:
        """The cleaned, sanitised body as HTML, wherever this article keeps it."""
        return self.html or self.html_utf8.decode()


@dataclass(frozen=True)
class Story:
    """One event as reported by one or more outlets: what the digest is organised by."""

    id: str
    """The explicit story key, or the id of the article that founded an automatic story."""
    slug: str
    """URL segment of the story page; stable as articles join."""
    title: str
    """Headline chosen from its articles, preferring the site's language."""
    lang: str
    """Language of the headline and lead (those of the article they come from)."""
    lead: str
    """A short plain-text lead for the home page."""
    article_ids: tuple[str, ...]
    """Its articles, oldest first."""
    first_reported: datetime
    """Date of the earliest article."""
    last_updated: datetime
    """Date of the latest article; stories are listed by it, newest first."""
    sources: tuple[str, ...]
    """Outlets covering it, in order of first report."""
    languages: tuple[str, ...]
    """Languages of its coverage, in order of first report."""
    explicit: bool = False
    """True when formed by a `story:` key rather than automatically."""
    evidence: tuple[str, ...] = ()
    """For an automatic story, the features its reports shared most ('e:altman', 'h:sama', ...)."""


@dataclass(frozen=True)
class Site:
    """All the input of rendering: configuration, cleaned articles and their stories."""

    config: SiteConfig
    """The validated site configuration."""
    articles: tuple[Article, ...]
    """Cleaned articles, newest first (ties broken by id, so builds are deterministic)."""
    stories: tuple[Story, ...]
    """Stories, most recently updated first."""
    build_time: datetime
    """The moment the site describes (feed `updated`); passed in, never read from the clock."""
    redirects: dict[str, str] = field(default_factory=dict)
    """Old story slugs -> the slug of the story that now holds their articles."""
    language_names: dict[str, str] = field(default_factory=dict)
    """Language code of the articles -> its name in the site's language ('id' -> 'Indonesian')."""

    @cached_property
    def story_of(self) -> dict[str, str]:
        """Article id -> the id of its story; rendering and its views both ask, once per build."""
        return {article_id: story.id for story in self.stories for article_id in story.article_ids}


def with_slug(article: Article, slug: str) -> Article:
    """``replace(article, slug=slug)``, cheaper: the other fields are copied as they are, not passed
    through ``__init__`` again. A build of a big archive renames thousands of derived slugs."""
    renamed = object.__new__(Article)
    object.__setattr__(renamed, "__dict__", {**article.__dict__, "slug": slug})
    return renamed


@dataclass(frozen=True)
class OutputFile:
    """One file of the built site, before it is written."""

    path: str
    """POSIX path relative to the output folder, e.g. 'stories/openai-delay/index.html'."""
    content: bytes | None
    """Exact bytes to write; None when the file the previous build wrote is still right (a page whose
    inputs did not change is not rendered again)."""
    origin: str
    """What produced it (a template and an article or story id), for messages about clashes."""
    digest: str = ""
    """SHA-256 of the content when already known, so it is not computed again; set when content is None."""

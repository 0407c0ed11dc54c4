"""The render parts: what pages the site has, each planned with ``Renderer.add`` from its template and its
context, the views in it declared as ``shown`` values, which the page is keyed on."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import datetime
from typing import Callable

from site_builder.rendering.editions import edition_dir, editions_of
from site_builder.rendering.views import article_path, format_date, lang_dir, paginate, source_dir, story_path, tag_dir
from site_builder.rendering.renderer import Renderer
from site_builder.rendering.shown import (ArticleOf, ArticlesOf, EditionOf, EditionsOf, FeedTitleOf, SitemapOf,
                                          StoriesOf, StoryFeedOf, StoryOf)

def render_home(r: Renderer) -> None:
    for chunk, pagination, path in paginate(r.site.stories, r.site.config.page_size, "", r.views.urls):
        r.add("home.html", path, "home page", stories=StoriesOf(tuple(story.id for story in chunk)),
              pagination=pagination)


def render_stories(r: Renderer) -> None:
    """A page, an Atom feed and the same as JSON Feed per story, and a redirect for each story merged into
    another. The JSON Feed is made as data from what the Atom feed shows, under the same key."""
    for story in r.site.stories:
        r.add("story.html", story_path(story), f"story {story.id}", story=StoryOf(story.id))
        feed = story_path(story).replace("index.html", "feed.xml")
        r.add("feed.xml", feed, f"story feed {story.id}", articles=StoryFeedOf(story.id),
              feed_title=FeedTitleOf(story.id), feed_path=feed, alternate_path=story_path(story),
              canonical_url=r.views.urls.absolute(story_path(story)))
        r.add_data("JSON Feed", feed.replace(".xml", ".json"), f"story feed {story.id}", Renderer.story_json_feed,
                   story=StoryOf(story.id))
    slugs = {story.slug: story for story in r.site.stories}
    for old, new in r.site.redirects.items():
        target = slugs[new]
        r.add("redirect.html", f"stories/{old}/index.html", f"redirect of story {old}", target=StoryOf(target.id),
              canonical_url=r.views.urls.absolute(story_path(target)))


def render_articles(r: Renderer) -> None:
    story_of = r.site.story_of
    for article in r.site.articles:
        r.add("article.html", article_path(article), f"article {article.source_path}", article=ArticleOf(article.id),
              story=StoryOf(story_of[article.id]))


def render_groups(r: Renderer, kind: str, folder: str, names_of: Callable, directory_of: Callable[[str], str],
                  label: Callable[[str], str] = str) -> None:
    """Tag, source or language pages: an index of all names, and a paginated list of articles per name.

    Names that share a URL ("OpenAI" and "openai") are one group, shown by their most used spelling
    (through ``label``: a language's code becomes its name)."""
    members: dict[str, list] = defaultdict(list)
    spellings: dict[str, Counter] = defaultdict(Counter)
    for article in r.site.articles:
        for name in names_of(article):
            members[directory_of(name)].append(article.id)
            spellings[directory_of(name)][name] += 1
    shown = {directory: label(min(counts, key=lambda n: (-counts[n], n))) for directory, counts in spellings.items()}
    groups = sorted(members.items(), key=lambda item: (shown[item[0]].casefold(), item[0]))
    entries = [{"name": shown[directory], "url": r.views.urls.page(directory), "count": len(items)}
               for directory, items in groups]
    r.add(f"{kind}_index.html", f"{folder}/index.html", f"{kind} index", entries=entries)
    for directory, items in groups:
        name = shown[directory]
        for chunk, pagination, path in paginate(items, r.site.config.list_page_size, directory, r.views.urls):
            r.add("list.html", path, f"{kind} {name}", articles=ArticlesOf(tuple(chunk)), kind=kind, name=name,
                  pagination=pagination)


def render_tags(r: Renderer) -> None:
    render_groups(r, "tag", "tags", lambda a: a.tags, tag_dir)


def render_sources(r: Renderer) -> None:
    render_groups(r, "source", "sources", lambda a: (a.source,), source_dir)


def render_languages(r: Renderer) -> None:
    """A page per language of the coverage (/lang/it/), which the language badges link to."""
    render_groups(r, "lang", "lang", lambda a: (a.lang,), lang_dir,
                  lambda code: f"{r.views.language_name(code)} ({code})")


def render_archive(r: Renderer) -> None:
    """A page listing the months, and a paginated page per month, newest first."""
    months: dict[tuple[int, int], list] = defaultdict(list)
    for article in r.site.articles:
        local = r.views.local(article)
        months[(local.year, local.month)].append(article)
    entries = []
    for (year, month), items in sorted(months.items(), reverse=True):
        directory = f"archive/{year}/{month:02d}/"
        name = format_date(r.views.local(items[0]), True).split(" ", 1)[1]
        entries.append({"name": name, "url": r.views.urls.page(directory), "count": len(items)})
        ids = [article.id for article in items]
        for chunk, pagination, path in paginate(ids, r.site.config.list_page_size, directory, r.views.urls):
            r.add("list.html", path, f"archive {year}-{month:02d}", articles=ArticlesOf(tuple(chunk)), kind="month",
                  name=name, pagination=pagination)
    r.add("archive.html", "archive/index.html", "archive", entries=entries)


def render_feeds(r: Renderer) -> None:
    ids = tuple(article.id for article in r.site.articles[: r.site.config.feed_size])
    for kind, name in (("xml", "Atom feed"), ("json", "JSON Feed")):
        r.add(f"feed.{kind}", f"feed.{kind}", name, articles=ArticlesOf(ids), feed_title=r.site.config.title,
              feed_path=f"feed.{kind}", alternate_path="index.html", canonical_url=r.views.urls.absolute(""))
    r.add("robots.txt", "robots.txt", "robots.txt")
    r.add("404.html", "404.html", "not-found page", canonical_url=r.views.urls.absolute("404.html"))


EDITION_FILES = (("edition.html", "index.html", True), ("edition_email.html", "email.html", False),
                 ("edition_email.txt", "email.txt", False))
"""(template, file name, whether it links the editions before and after) of the files of each edition: its
page, its email and the email's text twin."""


def render_editions(r: Renderer) -> None:
    """The files of each edition (``EDITION_FILES``), keyed on exactly what they show, the archive of
    editions and their Atom feed (the newest ``feed_size``); nothing with `editions: off`."""
    if r.site.config.editions == "off":
        return
    editions = editions_of(r.site, r.views.local, r.site.config.editions)
    entries = []
    for number, edition in enumerate(editions):
        around = (editions[number + 1].id if number + 1 < len(editions) else None,
                  editions[number - 1].id if number else None)
        for template, name, linked in EDITION_FILES:
            shown = around if linked else (None, None)
            r.add(template, edition_dir(edition.id) + name, f"edition {edition.id}", edition=EditionOf(edition, *shown))
        r.edition_dates[edition_dir(edition.id) + "index.html"] = edition.published
        entries.append({"name": edition.title, "url": r.views.urls.page(edition_dir(edition.id)),
                        "stories": len(edition.entries), "articles": sum(len(ids) for _, ids in edition.entries)})
    r.add("editions_index.html", "editions/index.html", "editions", entries=entries)
    r.add("editions_feed.xml", "editions/feed.xml", "feed of editions",
          editions=EditionsOf(tuple(EditionOf(edition) for edition in editions[: r.site.config.feed_size])),
          feed_path="editions/feed.xml", alternate_path="editions/index.html",
          canonical_url=r.views.urls.absolute("editions/index.html"))


SITEMAP_URLS = 50_000
"""The most URLs one sitemap may list (the sitemap protocol's limit): a longer section is cut in parts."""


def render_sitemap(r: Renderer) -> None:
    """A sitemap index (sitemap.xml) and its sitemaps (see ``sitemap_parts``)."""
    sitemaps = []
    if not r.serving:
        parts = sitemap_parts(r)
    else:  # the last render's while the site's structure is the same
        parts = r.sitemap[1] if r.sitemap and r.sitemap[0] == r.structure else sitemap_parts(r)
        r.sitemap = (r.structure, parts)
    for path, part in parts:
        sitemaps.append({"url": r.views.urls.absolute(path),
                         "lastmod": max((date for _, date in part if date), default=None)})
        r.add("sitemap.xml", path, f"sitemap {path}", pages=SitemapOf(part))
    r.add("sitemap_index.xml", "sitemap.xml", "sitemap index", sitemaps=sitemaps)


def sitemap_parts(r: Renderer) -> list[tuple[str, tuple[tuple[str, datetime | None], ...]]]:
    """(path, pages with the date of what each shows) of every sitemap. They list every HTML page rendered
    so far but the 404 page, redirects and the editions' emails: articles by the year they were published,
    stories by the year they were first reported, editions by the year of their newest article, the other
    pages together. A day's new articles rewrite this year's sitemaps and the other pages', not one
    sitemap of the whole archive (which, past 50,000 URLs, the protocol would not even accept). Under
    `serve` they are kept while the site's structure holds: working them out again would slow every save."""
    article_at = {article_path(a): a for a in r.site.articles}
    story_at = {story_path(s): s for s in r.site.stories}
    sections: dict[str, list[tuple[str, datetime | None]]] = defaultdict(list)
    for path, origin in r.pages:
        if not path.endswith(".html") or path == "404.html" or origin.startswith(("redirect.html",
                                                                                   "edition_email.html")):
            continue
        if path in article_at:
            published = r.views.local(article_at[path])
            sections[f"articles-{published.year}"].append((path, published))
        elif path in story_at:
            ids = story_at[path].article_ids
            first, last = r.views.local(r.views.by_id[ids[0]]), r.views.local(r.views.by_id[ids[-1]])
            sections[f"stories-{first.year}"].append((path, last))
        elif path in r.edition_dates:
            sections[f"editions-{r.edition_dates[path].year}"].append((path, r.edition_dates[path]))
        else:
            sections["pages"].append((path, None))
    parts = []
    for name, entries in sorted(sections.items()):
        entries.sort(key=lambda entry: entry[0])
        cut = [tuple(entries[start:start + SITEMAP_URLS]) for start in range(0, len(entries), SITEMAP_URLS)]
        parts += [(f"sitemaps/{name}.xml" if len(cut) == 1 else f"sitemaps/{name}-{number}.xml", part)
                  for number, part in enumerate(cut, 1)]
    return parts


def render_search(r: Renderer) -> None:
    """The search page (``search``), when the site has search; without JavaScript it links to the listings."""
    if r.site.config.search:
        r.add("search.html", "search/index.html", "search page", bundle_url=r.views.urls.page("pagefind/"),
              canonical_url=r.views.urls.absolute("search/index.html"))


PARTS = (render_home, render_stories, render_articles, render_tags, render_sources, render_languages,
         render_archive, render_editions, render_feeds, render_search, render_sitemap)

"""The decisions over all the articles of the content folder (clashing ids, equal derived slugs, drafts, the
order by date), made from each file's results; under `serve`, kept and patched while the files that
changed leave them standing."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from site_builder.content.load import ContentFile, distinct_derived_slugs, distinct_slugs, find_clashes
from site_builder.errors import Problem
from site_builder.incremental.memo import Memo
from site_builder.incremental.results import FileResult
from site_builder.model import Article, with_slug
from site_builder.stories.items import Item


@dataclass(frozen=True)
class Collection:
    """What ``prepare_articles`` made of the content folder, kept under `serve` so that the next build
    starts from it: the files its watcher did not see written are the very objects of the last scan, and
    keep their results without a look-up; when the files that changed keep what the decisions over all
    of them read (id, slug, date, draft), those decisions hold too, and the articles are patched in."""

    settings: tuple
    found: list[ContentFile]
    """The content folder's files, as scanned."""
    entries: list[FileResult | Problem]
    """Each file's results, or the problem of its name, in the order of ``found``."""
    articles: list[Article]
    """The articles, newest first, drafts left out unless asked for."""
    position: dict[str, int]
    """Article id -> its place in ``articles``."""
    items: dict[str, Item]
    clashes: list[Problem]
    renamed: dict[str, str]
    """Article id -> the slug it was given instead of one another article derived first."""
    looked: dict[str, Any]
    """Every look-up's key and value, kept in the memo for the next build."""


PATCHED_FILES = 64
"""Past this many changed files, a build decides over all the articles again rather than patch them in."""


def shape(entry: FileResult | Problem) -> tuple | None:
    """What of a file the decisions over all the articles read (clashing ids and slugs, derived slugs
    made distinct, drafts left out, the order by date)."""
    if isinstance(entry, Problem):
        return ("refused",)
    article = entry.prepared.article
    return article and (article.id, article.slug, article.slug_given, article.date, article.draft, article.source_path)


def decided(found: list[ContentFile], entries: list[FileResult | Problem], settings: tuple, memo: Memo | None
            ) -> Collection:
    """The decisions over all the articles, made from the files' results."""
    results = [entry for entry in entries if isinstance(entry, FileResult)]
    articles = [r.prepared.article for r in results if r.prepared.article]
    clashes = find_clashes(articles)
    items = {r.prepared.article.id: r.prepared.item for r in results if r.prepared.article}
    articles, renamed = kept_distinct_slugs(articles, memo)
    articles = [a for a in articles if settings[1] or not a.draft]
    articles.sort(key=lambda a: (-a.date.timestamp(), a.id))
    looked = {key: value for r in results for key, value in r.looked} if memo is not None else {}
    return Collection(settings, found, entries, articles, {a.id: n for n, a in enumerate(articles)}, items, clashes,
                      renamed, looked)


def kept_distinct_slugs(articles: list[Article], memo: Memo | None) -> tuple[list[Article], dict[str, str]]:
    """``load.distinct_derived_slugs``; under `serve`, its decisions kept while no article's id, slug or date
    changes, and each renamed article the same object while the article is."""
    if memo is None:
        return distinct_derived_slugs(articles)
    renamed = memo.while_same("derived slugs", lambda: tuple((a.id, a.slug, a.slug_given, a.date) for a in articles),
                              lambda: distinct_slugs(articles))
    return [renamed_article(a, renamed[a.id], memo) if a.id in renamed else a for a in articles], renamed


def renamed_article(article: Article, slug: str, memo: Memo) -> Article:
    """The article under its new slug, the same object while the article is."""
    return memo.derived(("slug", slug), article, lambda: with_slug(article, slug))


def patched(last: Collection, found: list[ContentFile], entries: list[FileResult | Problem], changed: list[int]
            ) -> Collection:
    """The last build's decisions with the changed files' articles put in: those files changed nothing
    the decisions read (see ``shape``)."""
    articles, items, looked = list(last.articles), dict(last.items), dict(last.looked)
    for number in changed:
        before, entry = last.entries[number], entries[number]
        for key, _ in before.looked if isinstance(before, FileResult) else ():
            looked.pop(key, None)
        if not isinstance(entry, FileResult):
            continue
        looked.update(entry.looked)
        article = entry.prepared.article
        if article is None:
            continue
        items[article.id] = entry.prepared.item
        if article.id in last.position:
            renamed = last.renamed.get(article.id)
            articles[last.position[article.id]] = with_slug(article, renamed) if renamed else article
    return Collection(last.settings, found, entries, articles, last.position, items, last.clashes, last.renamed,
                      looked)

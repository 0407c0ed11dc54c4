"""A page's key names everything it shows: each field of an article, and of a story, changed in turn renders
again every page that shows it, both the way `build` keeps pages (by the keys the last build wrote) and the
way `serve` does (following the last render's state), and the output equals a cold render's.

The render stage is called as it is, on the site of ``test_every_setting`` with weekly editions, so that
every kind of page shows the article and the story changed. A field a view comes to show that its page's
key misses leaves that page stale here, which a test of cold builds alone cannot notice.
"""

from __future__ import annotations

import dataclasses
from datetime import datetime, timedelta

import pytest

from site_builder.config import load_config
from site_builder.model import Article, Site, Story
from site_builder.pipeline import BuildOptions, make_site
from site_builder.rendering.render import render_site
from site_builder.rendering.shortcuts import NO_SHORTCUTS, RenderState, Shortcuts
from site_builder.rendering.theme import find_theme
from test_every_setting import ARTICLES, SITE_YAML

SET_BY_THE_SITE = {"slug", "fingerprint"}
"""The fields of an article that the site sets beside its file (two equal derived slugs are told apart),
and the fingerprint itself: a change to any other comes with a new fingerprint, as its file's bytes or
its cleaning changed."""


def changed(value: object) -> object:
    """Another value of the same kind."""
    if isinstance(value, bool):
        return not value
    if isinstance(value, int):
        return value + 1
    if isinstance(value, str):
        return value + "-changed"
    if isinstance(value, datetime):
        return value + timedelta(days=1, hours=1)
    if isinstance(value, bytes):
        return value + b"<p>Changed.</p>"
    if isinstance(value, frozenset):
        return value | {"changed"}
    if isinstance(value, dict):
        return {**value, "changed": "yes"}
    if isinstance(value, tuple):
        return value[::-1] if len(set(value)) > 1 else value + (value[:1] or ("changed",))
    assert value is None, f"no change written for {value!r}"
    return "https://example.org/changed"


@pytest.fixture(scope="module")
def site_and_theme(tmp_path_factory):
    from conftest import write_files

    root = write_files(tmp_path_factory.mktemp("keys"), {**ARTICLES, "site.yaml": SITE_YAML + "editions: week\n"})
    config, _ = load_config(root / "site.yaml")
    site, _, _ = make_site(config, BuildOptions())
    return site, find_theme(config)


def with_article_changed(site: Site, name: str) -> Site:
    """The site with one field of the article of the biggest story changed."""
    story = max(site.stories, key=lambda s: len(s.article_ids))
    old = next(a for a in site.articles if a.id == story.article_ids[0])
    new = dataclasses.replace(old, **{name: changed(getattr(old, name))})
    if name not in SET_BY_THE_SITE:
        new = dataclasses.replace(new, fingerprint=old.fingerprint + "-changed")
    stories = site.stories
    if name == "id":
        stories = tuple(dataclasses.replace(s, article_ids=tuple(new.id if i == old.id else i for i in s.article_ids))
                        if s is story else s for s in stories)
    return dataclasses.replace(site, articles=tuple(new if a is old else a for a in site.articles), stories=stories)


def with_story_changed(site: Site, name: str) -> Site:
    """The site with one field of its biggest story changed."""
    story = max(site.stories, key=lambda s: len(s.article_ids))
    new = dataclasses.replace(story, **{name: changed(getattr(story, name))})
    return dataclasses.replace(site, stories=tuple(new if s is story else s for s in site.stories))


def rendered_files(site: Site, layers, shortcuts: Shortcuts = NO_SHORTCUTS):
    """Output path -> digest of every file, and what the render returned."""
    files = {}
    rendered = render_site(site, layers, lambda output: files.__setitem__(output.path, output.digest), shortcuts)
    return files, rendered


@pytest.mark.parametrize("kind, name", [("article", f.name) for f in dataclasses.fields(Article)]
                         + [("story", f.name) for f in dataclasses.fields(Story)])
def test_a_changed_field_renders_every_page_that_shows_it_again(site_and_theme, kind, name):
    site, layers = site_and_theme
    before, before_render = rendered_files(site, layers, Shortcuts(last=RenderState()))
    after = (with_article_changed if kind == "article" else with_story_changed)(site, name)
    cold, _ = rendered_files(after, layers)

    def kept(path: str, key: str) -> str | None:
        return before[path] if before_render.keys.get(path) == key else None

    by_keys, _ = rendered_files(after, layers, Shortcuts(kept))
    stale = sorted(path for path in cold if by_keys.get(path) != cold[path])
    assert not stale, f"{kind} {name}: pages kept by their keys are stale: {stale}"
    by_state, rendered = rendered_files(after, layers, Shortcuts(kept, last=before_render.state, written=before))
    by_state |= {path: before[path] for path in rendered.unchanged}
    stale = sorted(path for path in cold if by_state.get(path) != cold[path])
    assert not stale, f"{kind} {name}: pages kept by the last render's state are stale: {stale}"
    assert by_keys.keys() == by_state.keys() == cold.keys()

"""What a render may be given to skip work, all of it plain data made outside the stage: the pages the last
build left, what the last render of a `serve` session left (``RenderState``, which the render returns for
the next one and the speed layer hands back), compiled templates, and its share of the pages when several
processes render. Given ``NO_SHORTCUTS`` a render makes every page from the site alone; given more, it
makes the same bytes."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable, Mapping

if TYPE_CHECKING:
    import jinja2

    from site_builder.model import Story


KeptPage = Callable[[str, str], "str | None"]
"""(output path, page key) -> the digest of the file the previous build wrote there from that very key,
when it is still there: the page need not be rendered again."""


def nothing_kept(path: str, key: str) -> None:
    return None


@dataclass(frozen=True)
class RenderState:
    """What a render under `serve` leaves for the next one, as data: enough that an edit keys and renders
    only the pages that show the edited articles (a filter on the same render, not a second way to render).
    Every entry is checked against the site at hand before it is used, so a stale one costs time, never
    bytes."""

    keys: dict[str, str] = field(default_factory=dict)
    """Output path -> the key of the page."""
    structure: tuple = ()
    """Everything but the articles' own keys that page keys are made of (see ``renderer.structure_of``)."""
    articles: dict[str, tuple] = field(default_factory=dict)
    """Article id -> (the article, its story, its key, its part of ``structure``) (see
    ``renderer.article_keys``)."""
    stories: dict[str, Story] = field(default_factory=dict)
    """Story id -> the story, as this render showed it."""
    reads: dict[str, frozenset] = field(default_factory=dict)
    """Output path -> the ids of the articles whose keys its key was made of, and ("story", id) of the
    stories it showed."""
    plan: tuple = ()
    """Every page (``renderer.Page``), in order."""
    origins: dict[str, str] = field(default_factory=dict)
    """Output path -> origin of every page of ``plan``."""
    environment: tuple = ()
    """(the templates' ``theme_key``, the Jinja2 environment made from them), kept while they are the same."""
    article_views: dict[str, tuple] = field(default_factory=dict)
    """Article id -> (the article, (its story, the views' key), its view), of the views this render made
    or took (see ``views.SiteViews``)."""
    story_views: dict[str, tuple] = field(default_factory=dict)
    """Story id -> (the story, the views' key, its view), likewise."""
    sitemap: tuple = ()
    """(``structure``, the sitemaps' parts made from it) (see ``parts.sitemap_parts``)."""


@dataclass(frozen=True)
class Shortcuts:
    """See the module docstring."""

    kept_page: KeptPage = nothing_kept
    """The pages the previous build wrote that need no rendering (see ``KeptPage``)."""
    version: str = ""
    """What every page depends on besides its own key (site-builder's code, the settings, the templates)."""
    share: tuple[int, int] = (0, 1)
    """(n, of): this process renders every of-th page of each template from the n-th, others the rest."""
    last: RenderState | None = None
    """Under `serve`: what the last render left (an empty ``RenderState`` for the first); the render then
    returns its own. None for a build, which leaves nothing for a next one."""
    written: Mapping[str, str] | None = None
    """Under `serve`: path -> digest of each file the last build left."""
    compiled: jinja2.BytecodeCache | None = None
    """Where templates compiled by an earlier build are kept (Jinja2 checks their source)."""


NO_SHORTCUTS = Shortcuts()
"""Nothing to skip: every page is made from the site alone."""

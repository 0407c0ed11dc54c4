"""What a render may be given to skip work, all of it made outside the stage: the pages the last build left,
the results the speed layer keeps between the builds of `serve`, compiled templates, and its share of the
pages when several processes render. Given ``NO_SHORTCUTS`` a render makes every page from the site alone;
given more, it makes the same bytes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable, Hashable, Mapping, Protocol

if TYPE_CHECKING:
    import jinja2


class Kept(Protocol):
    """The results kept between the builds of one `serve` session (the speed layer's ``Memo`` is one): the
    last result of a name, kept while its inputs are the same or made from the very same object."""

    def recall(self, name: Hashable) -> Any: ...

    def keep(self, name: Hashable, value: Any) -> None: ...

    def while_same(self, name: Hashable, inputs: Callable[[], Any], compute: Callable[[], Any]) -> Any: ...

    def derived(self, name: Hashable, source: Any, compute: Callable[[], Any]) -> Any: ...


KeptPage = Callable[[str, str], "str | None"]
"""(output path, page key) -> the digest of the file the previous build wrote there from that very key,
when it is still there: the page need not be rendered again."""


def nothing_kept(path: str, key: str) -> None:
    return None


@dataclass(frozen=True)
class Shortcuts:
    """See the module docstring."""

    kept_page: KeptPage = nothing_kept
    """The pages the previous build wrote that need no rendering (see ``KeptPage``)."""
    version: str = ""
    """What every page depends on besides its own key (site-builder's code, the settings, the templates)."""
    share: tuple[int, int] = (0, 1)
    """(n, of): this process renders every of-th page of each template from the n-th, others the rest."""
    memo: Kept | None = None
    """Under `serve`: the results of the last build (its render, the views, the environment)."""
    written: Mapping[str, str] | None = None
    """Under `serve`: path -> digest of each file the last build left."""
    keep_pages: Callable[[dict[str, str]], None] | None = None
    """Under `serve`: where the pages that stay as the last build wrote them go, all at once (output path
    -> origin of each)."""
    compiled: jinja2.BytecodeCache | None = None
    """Where templates compiled by an earlier build are kept (Jinja2 checks their source)."""


NO_SHORTCUTS = Shortcuts()
"""Nothing to skip: every page is made from the site alone."""

"""The render stage: from a Site to the bytes of every output file. It writes nothing.

The render parts (``parts``) plan every page; the ``Renderer`` keys, deals and renders them from the
theme's templates (``templates``).
"""

from __future__ import annotations

from site_builder.errors import BuildFailed
from site_builder.model import OutputFile, Site
from site_builder.rendering.theme import ThemeLayers, collect_static_files, hashed_name
from site_builder.rendering.parts import PARTS
from site_builder.rendering.renderer import Emit, Rendered, Renderer
from site_builder.rendering.shortcuts import NO_SHORTCUTS, Shortcuts


def render_site(site: Site, layers: ThemeLayers, emit: Emit, shortcuts: Shortcuts = NO_SHORTCUTS) -> Rendered:
    """Every file of the site, handed to ``emit`` as it is made; returns the key of every page of this
    share, for the next build's ``Shortcuts.kept_page``. Raises BuildFailed with every template problem found.

    ``shortcuts`` names the pages the previous build left that are still right, and what else every page
    depends on (site-builder's code, the settings, the templates); its ``share`` (n, of) renders only
    every of-th page from the n-th (other processes render the rest). Under `serve` it holds what the last
    render left (``last``), and the render returns its own (``Rendered.state``): this one then keys and
    renders only the pages that show an edited article (``written``: path -> digest of each file the last
    build left), and returns the others as ``Rendered.unchanged`` rather than handing them to ``emit``."""
    statics, assets = static_files(layers)
    renderer = Renderer(site, layers, emit, assets, shortcuts)
    if renderer.last:
        renderer.follow()
    else:
        for render_part in PARTS:
            render_part(renderer)
    if renderer.problems:
        raise BuildFailed(renderer.problems.values())
    for static in statics if shortcuts.share[0] == 0 else ():
        emit(static)
    return renderer.memory()


def static_files(layers: ThemeLayers) -> tuple[list[OutputFile], dict[str, str]]:
    """The theme's static files, CSS and JavaScript under content-hashed names, and for `url()` the
    output path of each file whose name changed ('static/style.css' -> 'static/style.3f2a9c1e.css')."""
    files, renamed = [], {}
    for relative, path in collect_static_files(layers).items():
        content = path.read_bytes()
        output = "static/" + hashed_name(relative, content)
        files.append(OutputFile(output, content, f"static file {path}"))
        if output != f"static/{relative}":
            renamed[f"static/{relative}"] = output
    return files, renamed

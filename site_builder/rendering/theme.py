"""Where a theme's templates and static files come from.

A theme is a folder with ``templates/`` and ``static/``. Layers are searched in order, so a site can
override any single file: the site's own ``templates/`` and ``static/``, then ``themes/<name>/`` in
the site folder, then the theme of that name built into site-builder, then the built-in default.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path, PurePosixPath

from site_builder.config import SiteConfig, display_path
from site_builder.errors import Problem, SiteBuilderError
from site_builder.digest import sha256

DEFAULT_THEME = "default"
HASHED_SUFFIXES = (".css", ".js")
"""Static files published under content-hashed names, so hosts can cache them forever."""
HASH_IN_NAME = re.compile(r"\.[0-9a-f]{8}(?=\.[^./]+$)")


@dataclass(frozen=True)
class ThemeLayers:
    """Folders to search for templates and for static files, highest priority first."""

    template_dirs: tuple[Path, ...]
    """Folders holding Jinja templates."""
    static_dirs: tuple[Path, ...]
    """Folders whose files are copied to output/static/."""


def builtin_themes_dir() -> Path:
    return Path(str(resources.files("site_builder.themes")))


def available_themes(config: SiteConfig) -> list[str]:
    names = set()
    for folder in (config.root / "themes", builtin_themes_dir()):
        if folder.is_dir():
            names |= {p.name for p in folder.iterdir() if (p / "templates").is_dir()}
    return sorted(names)


def find_theme(config: SiteConfig) -> ThemeLayers:
    """The layers for the configured theme; an unknown theme is an error listing the known ones."""
    candidates = [config.root / "themes" / config.theme, builtin_themes_dir() / config.theme]
    theme_dirs = [folder for folder in candidates if (folder / "templates").is_dir()]
    if not theme_dirs:
        known = ", ".join(available_themes(config))
        where = display_path(config.config_path, Path.cwd()) if config.config_path else "site.yaml"
        raise SiteBuilderError([Problem(where, *config.theme_position, f"unknown theme {config.theme!r}",
                                        f"use one of: {known}, or create themes/{config.theme}/templates/")])
    fallback = builtin_themes_dir() / DEFAULT_THEME
    layers = [config.root, *theme_dirs, fallback]
    unique = list(dict.fromkeys(p.resolve() for p in layers))
    return ThemeLayers(
        template_dirs=tuple(p / "templates" for p in unique if (p / "templates").is_dir()),
        static_dirs=tuple(p / "static" for p in unique if (p / "static").is_dir()),
    )


def collect_static_files(layers: ThemeLayers) -> dict[str, Path]:
    """Relative path -> file, the highest layer winning for each path; hidden files are skipped."""
    chosen: dict[str, Path] = {}
    for folder in reversed(layers.static_dirs):
        for parent, subfolders, files in os.walk(folder):
            subfolders[:] = sorted(d for d in subfolders if not d.startswith("."))
            for name in sorted(files):
                if not name.startswith("."):
                    path = Path(parent) / name
                    chosen[path.relative_to(folder).as_posix()] = path
    return dict(sorted(chosen.items()))


def theme_digest(layers: ThemeLayers, statics: bool = True) -> str:
    """A hash of every template (and static file, with ``statics``) the theme layers offer, with their
    paths."""
    digest = hashlib.sha256()
    for folder in (*layers.template_dirs, *(layers.static_dirs if statics else ())):
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            digest.update(f"{path}\0".encode() + path.read_bytes())
    return digest.hexdigest()


def hashed_name(relative: str, content: bytes) -> str:
    """'css/style.css' -> 'css/style.3f2a9c1e.css' for CSS and JavaScript (a new name whenever the
    content changes); any other file keeps its name."""
    path = PurePosixPath(relative)
    if path.suffix.lower() not in HASHED_SUFFIXES:
        return relative
    return path.with_name(f"{path.stem}.{sha256(content)[:8]}{path.suffix}").as_posix()


def unhashed_name(path: str) -> str:
    """'static/style.3f2a9c1e.css' -> 'static/style.css': the name a hashed file had in its theme."""
    return HASH_IN_NAME.sub("", path, count=1) if path.lower().endswith(HASHED_SUFFIXES) else path

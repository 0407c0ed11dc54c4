"""Everything a build's output depends on, hashed: for a build to tell that nothing changed since the last one
(and so do nothing), and for pages and cache entries to be keyed on site-builder's own code."""

from __future__ import annotations

import os
import re
import sys
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

from site_builder.config import DeploySettings, SiteConfig, display_path
from site_builder.content.load import ContentFile, bytes_digest, content_digest
from site_builder.errors import Problem
from site_builder.digest import sha256
from site_builder.rendering.theme import ThemeLayers, theme_digest


def build_inputs(config: SiteConfig, options: object, config_warnings: tuple[Problem, ...],
                 layers: ThemeLayers, found: list[ContentFile]) -> dict:
    """Everything a build's output depends on (the output folder, which holds it, aside): one hash, and the
    hashes of the bytes of the articles written in the last moments, whose times cannot vouch for them.
    ``options``: the build's options, as their ``repr`` names what of them shapes the output."""
    settings = repr((config_key(config), options, config_warnings, code_digest()))
    site_file = config.config_path.read_bytes() if config.config_path and config.config_path.is_file() else b""
    content, fresh = content_digest(config, found)
    parts = (settings, sha256(site_file), theme_digest(layers), content)
    return {"digest": sha256("\0".join(parts).encode()), "fresh": fresh}


def same_inputs(recorded: object, inputs: dict, config: SiteConfig) -> bool:
    """Whether ``inputs`` are those the last build ``recorded``: the same hash, and the same bytes in every
    article that either build found freshly written (one written just before the last build is found
    by its time now, and its bytes are compared again: it may have been written twice in one tick)."""
    if not isinstance(recorded, dict) or recorded.get("digest") != inputs["digest"]:
        return False
    before, now = recorded.get("fresh"), inputs["fresh"]
    if not isinstance(before, dict):
        return False
    return all((now.get(path) or bytes_digest(config.content_dir / path)) == before.get(path)
               for path in before.keys() | now.keys())


def config_key(config: SiteConfig) -> str:
    """The settings that shape the output, written the same way by every process (sets sorted) and
    wherever the site's folder is (a copied or moved site keeps its pages); where to build and deploy
    aside."""
    content = Path(display_path(config.content_dir, config.root))
    return repr(replace(config, root=Path(), content_dir=content, output_dir=Path(), config_path=None,
                        deploy=DeploySettings(), clean_disabled=tuple(sorted(config.clean_disabled))))


@lru_cache(maxsize=1)
def code_digest() -> str:
    """site-builder's own code and the versions of the libraries and the Python that shape its output (the
    last bits of the grouping's similarities depend on how Python adds floats up)."""
    sources = b"".join(path.read_bytes() for path in package_sources())
    versions = installed_versions(("markdown-it-py", "jinja2", "nh3", "pyyaml", "langcodes", "anyascii"))
    return sha256(sources + repr((versions, sys.version)).encode())


def package_sources() -> list[Path]:
    """Every module and script of the package, in its subfolders too, in a fixed order."""
    package = Path(__file__).parent.parent
    return sorted((path for path in package.rglob("*") if path.suffix in (".py", ".js") and "__pycache__" not in
                   path.parts), key=lambda path: path.relative_to(package).as_posix())


def installed_versions(names: tuple[str, ...]) -> list[str]:
    """The version of each distribution, as ``importlib.metadata.version`` finds it (the first on
    ``sys.path``), read from its metadata folder's name: importing importlib.metadata would slow every
    build, the one with nothing to do included. A distribution not found so is asked of it."""
    wanted = {_distribution_key(name): name for name in names}
    found: dict[str, str] = {}
    for folder in sys.path:
        try:
            entries = os.listdir(folder or ".")
        except OSError:
            continue
        for entry in entries:
            if entry.endswith((".dist-info", ".egg-info")):
                name, _, version = entry.rsplit(".", 1)[0].partition("-")
                key = _distribution_key(name)
                if key in wanted and key not in found and version:
                    found[key] = version.split("-")[0]  # egg-info folders may add "-py3.11"
    if len(found) < len(wanted):
        from importlib import metadata
        found |= {key: metadata.version(name) for key, name in wanted.items() if key not in found}
    return [found[_distribution_key(name)] for name in names]


def _distribution_key(name: str) -> str:
    """A distribution name as every spelling of it normalises (PEP 503): 'markdown_it_py' -> 'markdown-it-py'."""
    return re.sub(r"[-_.]+", "-", name).lower()


def output_complete(output_dir: Path, manifest: dict) -> bool:
    """Whether every file the last build wrote is still there."""
    folder = str(output_dir)
    return all(os.path.isfile(os.path.join(folder, path)) for path in manifest.get("files", {}))

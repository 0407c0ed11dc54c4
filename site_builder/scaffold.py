"""`site-builder new`: a new site folder that builds as it is, anywhere."""

from __future__ import annotations

from pathlib import Path

from site_builder.errors import SiteBuilderError

SITE_YAML = """\
# Settings of this digest; every key is described in site-builder's README.
title: {title}
description: Reports on the stories that matter, from every outlet that covered them.
base_url: http://localhost:8000/
language: en
timezone: UTC
theme: default
content: content
output: output
page_size: 20
# search: true   # a search page (Pagefind); needs `pip install 'site-builder[search]'`
"""

SAMPLE_ARTICLE = """\
---
title: Welcome to your news digest
date: 2025-01-01
source: {title}
lang: en
story: welcome
tags: [meta]
summary: How to add the reports you curate to this digest.
---
Every Markdown file under `content/` is an article. Give it a `title`, a `date`, the `source` that
published it and its `lang`; articles that share a `story:` key are shown together as one story.

Run `site-builder build` to rebuild the digest into `output/`.
"""

GITIGNORE = """\
# What builds write: the site (publish it from here) and site-builder's private folder (cache, preview).
/output/
/.site-builder/
"""

README = """\
# {title}

A news digest built with site-builder: run `site-builder build` in this folder, then open `output/index.html`.
"""


def create_site(path: Path) -> list[Path]:
    """Write site.yaml, a sample article, a README and a .gitignore into ``path``; refuses a folder with files
    in it."""
    blocking = next((p for p in (path, *path.parents) if p.exists() and not p.is_dir()), None)
    if blocking:
        raise SiteBuilderError(f"{path}: {blocking} is a file, not a folder; choose a new folder name")
    if path.exists() and any(path.iterdir()):
        raise SiteBuilderError(f"{path}: already exists and is not empty; choose a new folder name")
    title = path.resolve().name.replace("-", " ").replace("_", " ").strip().title() or "News Digest"
    files = {
        path / "site.yaml": SITE_YAML.format(title=_yaml_text(title)),
        path / "content" / "welcome.md": SAMPLE_ARTICLE.format(title=_yaml_text(title)),
        path / "README.md": README.format(title=title),
        path / ".gitignore": GITIGNORE,
    }
    try:
        for target, text in files.items():
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
    except OSError as err:
        raise SiteBuilderError(f"{path}: cannot create the site there ({err.strerror}); choose a folder you "
                               "may write to") from err
    return list(files)


def _yaml_text(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'

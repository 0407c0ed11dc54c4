"""The theme's templates: their Jinja2 environment, and template errors turned into located problems.

Templates are Jinja2, autoescaped, with undefined names as errors (a typo in a theme fails the build
with the template's file and line instead of printing an empty string).
"""

from __future__ import annotations

import traceback
from pathlib import Path

import jinja2
import jinja2.meta

from site_builder.errors import Problem
from site_builder.rendering.theme import ThemeLayers


def make_environment(layers: ThemeLayers, compiled: jinja2.BytecodeCache | None = None) -> jinja2.Environment:
    """The templates' environment; with ``compiled``, templates compiled by an earlier build are loaded
    from there instead of compiled again (Jinja2 checks their source)."""
    loader = jinja2.FileSystemLoader([str(p) for p in layers.template_dirs])
    # Each build makes its own environment, so templates need no checking for changes while it runs.
    return jinja2.Environment(loader=loader, autoescape=True, undefined=jinja2.StrictUndefined, auto_reload=False,
                              trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
                              bytecode_cache=compiled)


def template_problem(err: Exception, template: str, env: jinja2.Environment) -> Problem:
    """Where in which template the error is: the syntax error's line, or the deepest template frame."""
    if isinstance(err, jinja2.TemplateSyntaxError):
        path, line = err.filename or template, err.lineno
    else:
        frames = [f for f in traceback.extract_tb(err.__traceback__) if _is_template(f.filename, env)]
        path, line = (frames[-1].filename, frames[-1].lineno) if frames else (template, 0)
    if isinstance(err, jinja2.TemplateNotFound):
        hint = f"add the template {err.name}, or remove the reference to it"
    else:
        hint = "fix the template, or remove your copy of it to use the theme's"
    reason = getattr(err, "message", None) or str(err) or type(err).__name__
    if isinstance(err, jinja2.TemplateNotFound):
        reason = f"no template {err.name!r} in the site or its theme"  # jinja2 would list absolute folders
    return Problem(_short(path), line or 0, 0, f"template error: {reason}", hint)


def _is_template(filename: str, env: jinja2.Environment) -> bool:
    return any(filename.startswith(folder) for folder in env.loader.searchpath)


def _short(path: str) -> str:
    try:
        return Path(path).resolve().relative_to(Path.cwd()).as_posix()
    except ValueError:
        return path


def theme_key(layers: ThemeLayers) -> tuple:
    """The templates in use, as (file, modification time, size): a page rendered with other templates
    is not reused."""
    entries = []
    for folder in layers.template_dirs:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                stat = path.stat()
                entries.append((str(path), stat.st_mtime_ns, stat.st_size))
    return tuple(entries)

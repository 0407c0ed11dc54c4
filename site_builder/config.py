"""The site configuration (``site.yaml``): parsed, validated and overridden by command-line flags."""

from __future__ import annotations

import os
import re
import zoneinfo
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from site_builder.errors import Problem, SiteBuilderError, errors_in
from site_builder.content.yamldoc import (YamlDoc, decode_utf8, parse_yaml_mapping, read_bool, read_language,
                                          read_positive_int, read_text, read_text_list, unprintable_problem,
                                          warn_unknown_keys)
from site_builder.settings import ArticleSettings, DeploySettings, GroupingSettings, read_deploy, read_grouping

CONFIG_NAME = "site.yaml"


@dataclass(frozen=True)
class SiteConfig:
    """Everything a build needs to know about the site besides its articles."""

    root: Path
    """The site folder: where site.yaml is, and what relative paths are resolved against."""
    title: str = "News digest"
    """Site title, shown in every page header and in the feed."""
    description: str = ""
    """One sentence about the digest, for the home page and the feed."""
    base_url: str = "http://localhost:8000/"
    """Absolute URL the site is published at, always ending in '/'; may carry a sub-path."""
    language: str = "en"
    """BCP 47 code of the site's own language; the default `lang` of articles."""
    timezone: str = "UTC"
    """IANA time zone for dates given without one, and for dates shown to readers."""
    theme: str = "default"
    """Theme name: the site's themes/<name>/ folder, or a theme built into site-builder."""
    content_dir: Path = Path("content")
    """Folder of Markdown articles (absolute once loaded)."""
    output_dir: Path = Path("output")
    """Folder the build writes to (absolute once loaded)."""
    page_size: int = 20
    """Stories per page on the home page."""
    list_page_size: int = 50
    """Entries per page on tag, source and archive pages."""
    feed_size: int = 50
    """Articles in the Atom feed, newest first."""
    editions: str = "day"
    """'day' or 'week': a page (and an email) per day or ISO week of the stories that gained coverage in
    it; 'off': none."""
    extra_keys: tuple[str, ...] = ()
    """Front-matter keys the curator uses on purpose: kept for templates without a warning."""
    params: dict[str, Any] = field(default_factory=dict)
    """Free values for templates (``site.params`` in a theme)."""
    clean_disabled: frozenset[str] = frozenset()
    """Cleaning rules switched off for the whole site."""
    clean_patterns: dict[str, tuple[re.Pattern, ...]] = field(default_factory=dict)
    """Extra line patterns removed by cleaning, per source name (casefolded; '*' for every source)."""
    grouping: GroupingSettings = GroupingSettings()
    """How stories are formed automatically."""
    search: bool = False
    """Build a search index of the digest with Pagefind and a search page (see ``site_builder.rendering.search``)."""
    deploy: DeploySettings = DeploySettings()
    """Where `site-builder deploy` publishes."""
    config_path: Path | None = None
    """The site.yaml this came from, if any."""
    theme_position: tuple[int, int] = field(default=(0, 0), compare=False)
    """Line and column of the `theme:` value in site.yaml, for the message about an unknown theme (where
    a value stands does not make two configurations differ)."""

    @property
    def article_settings(self) -> ArticleSettings:
        """The settings each article file's results are made from (see ``ArticleSettings``)."""
        return ArticleSettings(self.language, self.timezone, frozenset(self.extra_keys), self.clean_disabled,
                               self.clean_patterns, self.grouping.meaning)

    @property
    def work_dir(self) -> Path:
        """The site's private folder (``WORK_FOLDER``): the cache and the preview, never published."""
        return self.root / WORK_FOLDER

    @property
    def cache_dir(self) -> Path:
        """Where results are kept between builds (see ``cache``)."""
        return self.work_dir / "cache"

    @property
    def preview_dir(self) -> Path:
        """Where `serve` and `build --drafts` write: never the output folder, which gets published."""
        return self.work_dir / "preview"

    @property
    def base_path(self) -> str:
        """The path part of base_url ('/' or '/digest/'): every internal link starts with it."""
        return urlsplit(self.base_url).path or "/"


WORK_FOLDER = ".site-builder"
"""The site's private folder beside site.yaml (`site-builder new` lists it in .gitignore)."""
KNOWN_KEYS = {"title", "description", "base_url", "language", "timezone", "theme", "content", "output",
              "page_size", "list_page_size", "feed_size", "editions", "extra_keys", "params", "clean", "grouping",
              "deploy", "search"}


def parse_config(text: str, root: Path, display_path: str) -> tuple[SiteConfig | None, list[Problem]]:
    """Validate site.yaml text; pure, so it is tested without files."""
    unprintable = unprintable_problem(text, display_path)
    if unprintable:
        return None, [unprintable]
    doc, problems = parse_yaml_mapping(text, display_path, what="site.yaml")
    if doc is None:
        return None, problems
    warn_unknown_keys(doc, KNOWN_KEYS, problems, "remove it or move it under `params:`", label="site.yaml key")
    defaults = SiteConfig(root=root)
    values = dict(
        title=read_text(doc, "title", problems, default=defaults.title),
        description=read_text(doc, "description", problems, default=""),
        base_url=_read_base_url(doc, problems, defaults.base_url),
        language=read_language(doc, "language", problems, defaults.language),
        timezone=_read_timezone(doc, problems, defaults.timezone),
        theme=read_text(doc, "theme", problems, default=defaults.theme),
        content_dir=root / read_text(doc, "content", problems, default="content"),
        output_dir=root / read_text(doc, "output", problems, default="output"),
        page_size=read_positive_int(doc, "page_size", problems, defaults.page_size),
        list_page_size=read_positive_int(doc, "list_page_size", problems, defaults.list_page_size),
        feed_size=read_positive_int(doc, "feed_size", problems, defaults.feed_size),
        editions=_read_editions(doc, problems, defaults.editions),
        extra_keys=read_text_list(doc, "extra_keys", problems),
        params=_read_params(doc, problems),
        **_read_clean(doc, problems),
        grouping=read_grouping(doc, problems),
        search=_read_search(doc, problems),
        deploy=read_deploy(doc, root, problems),
        theme_position=doc.value_positions.get("theme", (0, 0)),
    )
    return SiteConfig(root=root, **values), problems


def _read_search(doc: YamlDoc, problems: list[Problem]) -> bool:
    """`search: true` needs Pagefind installed: said here, with the line, rather than when a build indexes."""
    search = read_bool(doc, "search", problems)
    if search and not pagefind_installed():
        problems.append(doc.problem("search", "'search: true' needs Pagefind (the package pagefind-bin), which is "
                                    "not installed", "run `pip install 'site-builder[search]'`, or write "
                                    "`search: false`", at_value=True))
        return False
    return search


def pagefind_installed() -> bool:
    """Whether Pagefind's binary comes with an installed `pagefind-bin` (see ``search``)."""
    try:
        from pagefind_bin import get_executable

        get_executable()
    except (ImportError, OSError):
        return False
    return True


def _read_base_url(doc: YamlDoc, problems: list[Problem], default: str) -> str:
    value = read_text(doc, "base_url", problems, default=default)
    problem = base_url_problem(value)
    if problem:
        problems.append(doc.problem("base_url", problem, "write for example `base_url: https://example.org/digest/`",
                                    at_value=True))
        return default
    return normalise_base_url(value)


def base_url_problem(value: str) -> str | None:
    try:
        parts = urlsplit(value)
    except ValueError:  # e.g. an unclosed IPv6 bracket
        return f"base_url {value!r} is not a valid URL"
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return f"base_url {value!r} is not an absolute http(s) URL"
    if parts.query or parts.fragment:
        return f"base_url {value!r} must not have a query or fragment"
    return None


def normalise_base_url(value: str) -> str:
    return value if value.endswith("/") else value + "/"


def _read_timezone(doc: YamlDoc, problems: list[Problem], default: str) -> str:
    value = read_text(doc, "timezone", problems, default=default)
    if not timezone_exists(value):
        problems.append(doc.problem("timezone", f"unknown time zone {value!r}",
                                    "use an IANA name such as UTC, Europe/Rome or Asia/Jakarta", at_value=True))
        return default
    return value


def timezone_exists(name: str) -> bool:
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return False
    return True


EDITIONS = ("day", "week", "off")


def _read_editions(doc: YamlDoc, problems: list[Problem], default: str) -> str:
    """`editions: day`, `week` or `off` (which YAML reads as false, as it does `no`)."""
    value = doc.data.get("editions")
    if value is None:
        return default
    if value is False:
        return "off"
    if value not in EDITIONS:
        problems.append(doc.problem("editions", f"'editions' must be day, week or off, not {value!r}",
                                    "write `editions: day` (a page per day), `editions: week` (per ISO week) "
                                    "or `editions: off`", at_value=True))
        return default
    return value


def _read_params(doc: YamlDoc, problems: list[Problem]) -> dict[str, Any]:
    value = doc.data.get("params") or {}
    if not isinstance(value, dict):
        problems.append(doc.problem("params", "'params' must be a mapping", "write `params:` followed by "
                                    "indented `name: value` lines", at_value=True))
        return {}
    return value


def _read_clean(doc: YamlDoc, problems: list[Problem]) -> dict[str, Any]:
    """`clean: {disable: [rule, ...], patterns: {source or '*': [regex, ...]}}`."""
    section = doc.data.get("clean") or {}
    if not isinstance(section, dict) or set(section) - {"disable", "patterns"}:
        problems.append(doc.problem("clean", "'clean' must be a mapping with `disable:` and/or `patterns:`",
                                    "write `clean:` then indented `disable: [rule-name]` or `patterns:`",
                                    at_value=True))
        return {}
    disabled = section.get("disable") or []
    return {"clean_disabled": read_rule_names(doc, disabled if isinstance(disabled, list) else [disabled], problems),
            "clean_patterns": _read_clean_patterns(doc, section.get("patterns") or {}, problems)}


def read_rule_names(doc: YamlDoc, names: list, problems: list[Problem]) -> frozenset[str]:
    """Cleaning rule names from `clean: disable:` (site.yaml or front matter); an unknown one is reported
    with the list of the valid ones."""
    if names:  # imported only then: compiling the rules' patterns would slow a build with nothing to do
        from site_builder.cleaning.rules import unknown_rule_problem
    for name in names:
        message = unknown_rule_problem(str(name))
        if message:
            problems.append(doc.problem("clean", message, "correct the name in `clean: disable:`", at_value=True))
    return frozenset(map(str, names))


def _read_clean_patterns(doc: YamlDoc, section: Any, problems: list[Problem]) -> dict[str, tuple[re.Pattern, ...]]:
    hint = "write `patterns:` then indented `Source name: ['^regex$', ...]` ('*' for every source)"
    if not isinstance(section, dict):
        problems.append(doc.problem("clean", "'clean: patterns:' must map source names to lists", hint,
                                    at_value=True))
        return {}
    compiled = {}
    for source, patterns in section.items():
        patterns = [patterns] if isinstance(patterns, str) else patterns
        if not isinstance(patterns, list):
            problems.append(doc.problem("clean", f"patterns for {source!r} must be a list", hint, at_value=True))
            continue
        try:
            compiled[str(source).casefold()] = tuple(re.compile(str(p)) for p in patterns)
        except re.error as err:
            problems.append(doc.problem("clean", f"pattern for {source!r} is not a valid regular expression "
                                        f"({err})", "correct it; use \\ before special characters", at_value=True))
    return compiled


def load_config(config_path: Path | None = None,
                overrides: dict[str, Any] | None = None) -> tuple[SiteConfig, list[Problem]]:
    """Read site.yaml (if any) and apply flag overrides: the config and its warnings.

    Raises SiteBuilderError with every problem when the configuration has errors."""
    path, root = _locate_config(config_path)
    if path is None:
        config, problems = SiteConfig(root=root, content_dir=root / "content", output_dir=root / "output"), []
    else:
        config, problems = _read_config_file(path, root)
    problems += _override_problems(overrides or {})
    if errors_in(problems) or config is None:
        raise SiteBuilderError(problems)
    return replace(apply_overrides(config, overrides or {}), config_path=path), problems


def load_preview_config(config_path: Path | None, overrides: dict[str, Any],
                        drafts: bool) -> tuple[SiteConfig, list[Problem]]:
    """``load_config`` for `serve` and `build --drafts`: they write into the preview folder, or where
    --output says, but never drafts into the output folder of site.yaml, which is what gets published."""
    config, problems = load_config(config_path, {**overrides, "output_dir": None})
    target = Path(overrides["output_dir"]).resolve() if overrides.get("output_dir") else config.preview_dir
    if drafts and target == config.output_dir.resolve():
        shown = display_path(target, Path.cwd())
        raise SiteBuilderError(f"--output {shown}: drafts are never written to the output folder, which is what "
                               f"gets published; drop --output to build them into "
                               f"{display_path(config.preview_dir, Path.cwd())}/")
    return replace(config, output_dir=target), problems


def _locate_config(config_path: Path | None) -> tuple[Path | None, Path]:
    if config_path is not None:
        if not config_path.is_file():
            raise SiteBuilderError(f"{config_path}: no such configuration file; check the --config path")
        return config_path.resolve(), config_path.resolve().parent
    default = Path.cwd() / CONFIG_NAME
    return (default, Path.cwd()) if default.is_file() else (None, Path.cwd())


def _read_config_file(path: Path, root: Path) -> tuple[SiteConfig | None, list[Problem]]:
    display = display_path(path, Path.cwd())
    try:
        data = path.read_bytes()
    except OSError as err:
        return None, [Problem(display, 0, 0, f"cannot read site.yaml ({err.strerror})", "check its permissions")]
    text, problems = decode_utf8(data, display)
    return parse_config(text, root, display) if text is not None else (None, problems)


def _override_problems(overrides: dict[str, Any]) -> list[Problem]:
    url = overrides.get("base_url")
    problem = base_url_problem(url) if url else None
    return [Problem("--base-url", 0, 0, problem, "pass an absolute URL such as https://example.org/digest/")] \
        if problem else []


def apply_overrides(config: SiteConfig, overrides: dict[str, Any]) -> SiteConfig:
    """Flags win over site.yaml; relative folder flags are taken from the current directory."""
    changes: dict[str, Any] = {}
    if overrides.get("base_url"):
        changes["base_url"] = normalise_base_url(overrides["base_url"])
    for key in ("content_dir", "output_dir"):
        if overrides.get(key):
            changes[key] = Path(overrides[key]).resolve()
    return replace(config, **changes)


def display_path(path: Path, start: Path) -> str:
    """A path as the user would type it: relative to ``start`` when inside it (links not followed, so a
    linked file is named by its place in the site, not by its target)."""
    absolute, base = Path(os.path.abspath(path)), Path(os.path.abspath(start))
    for candidate, folder in ((absolute, base), (path.resolve(), start.resolve())):
        if candidate.is_relative_to(folder):
            return candidate.relative_to(folder).as_posix()
    return str(path)

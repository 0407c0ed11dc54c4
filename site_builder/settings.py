"""The grouping and deploy sections of site.yaml: their settings, and how they are read and checked; and
the settings an article file's results are made from, keyed as a whole."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from site_builder.stories import meaning
from site_builder.errors import Problem
from site_builder.content.yamldoc import YamlDoc, type_name


@dataclass(frozen=True)
class ArticleSettings:
    """What of the configuration an article file's results are made from: its article parsed with these
    defaults, cleaned with these rules, and the item grouping reads. Those stages are given this and not the
    whole configuration, and a file's kept results are keyed on all of it (``key``): a setting they come to
    need is added here, and so keyed, with nothing listed by hand beside it."""

    language: str
    """The default `lang` of articles."""
    timezone: str
    """The zone of dates given without one."""
    extra_keys: frozenset[str]
    """Front matter keys used on purpose: no warning for them."""
    clean_disabled: frozenset[str]
    """Cleaning rules switched off for the whole site."""
    clean_patterns: dict[str, tuple[re.Pattern, ...]]
    """The site's own line patterns, per source (casefolded; '*' for every source)."""
    meaning: bool
    """Whether each article's item carries the multilingual encoder's vector."""

    def key(self) -> str:
        """Every field, the same way in every process (sets sorted, patterns as written)."""
        return repr(tuple(_keyed(getattr(self, setting.name)) for setting in fields(self)))


def _keyed(value: Any) -> Any:
    if isinstance(value, re.Pattern):
        return value.pattern
    if isinstance(value, (set, frozenset)):
        return sorted(map(_keyed, value))
    if isinstance(value, dict):
        return sorted((_keyed(k), _keyed(v)) for k, v in value.items())
    if isinstance(value, (tuple, list)):
        return [_keyed(item) for item in value]
    return value


@dataclass(frozen=True)
class GroupingSettings:
    """How articles without a `story:` key are grouped into stories (site.yaml `grouping:`)."""

    auto: bool = True
    """Group articles automatically; when False only `story:` keys make stories."""
    threshold: float = 0.13
    """Similarity (0 to 1) an article needs with a report of a story to join it."""
    window_days: float = 4.0
    """Reports further apart than this are never compared (with the default time scale, two reports
    four days apart would need a similarity of 0.65 to meet the threshold anyway)."""
    time_scale_days: float = 1.0
    """Similarity is halved for reports this many days apart, a third at twice that, and so on."""
    anchor_weight: float = 1.0
    """Weight of the signals that survive translation (names, numbers, handles, links) compared alone,
    which is what lets reports in different languages meet."""
    suggest_ratio: float = 0.7
    """`stories --suggest` lists pairs scoring at least this share of the threshold."""
    min_shared: int = 2
    """Names, numbers, handles or links two reports in different languages must share to be compared
    by them (reports in one language need one)."""
    meaning: bool = False
    """Compare reports in different languages by what they say too, with the optional multilingual
    encoder (`pip install 'site-builder[meaning]'`, see ``site_builder.stories.meaning``)."""


@dataclass(frozen=True)
class DeploySettings:
    """Where `site-builder deploy` publishes (site.yaml `deploy:`); flags override each value."""

    target: str = ""
    """'git', 'folder' or 'rsync'; empty: the folder when `folder` is set, rsync when `rsync` is, else git."""
    remote: str = "origin"
    """Git remote to push the branch to."""
    branch: str = "gh-pages"
    """Git branch whose whole content becomes the build."""
    domain: str = ""
    """Custom domain, written to CNAME on the branch (GitHub Pages); empty: no CNAME."""
    folder: Path | None = None
    """Folder whose content the build replaces (absolute once loaded)."""
    rsync: str = ""
    """rsync destination: user@host:path, or a local path (absolute once loaded)."""


GROUPING_LIMITS = {"threshold": (0.0, 1.0), "window_days": (0.0, 3650.0), "time_scale_days": (0.01, 3650.0),
                   "anchor_weight": (0.0, 10.0), "suggest_ratio": (0.0, 1.0), "min_shared": (1, 50)}


def read_grouping(doc: YamlDoc, problems: list[Problem]) -> GroupingSettings:
    """`grouping: {auto: true, threshold: 0.13, window_days: 7, ...}`; every value checked for range."""
    section = doc.data.get("grouping") or {}
    known = {"auto", "meaning", *GROUPING_LIMITS}
    if not isinstance(section, dict) or set(section) - known:
        unknown = sorted(map(str, set(section) - known)) if isinstance(section, dict) else []
        what = f"unknown grouping setting {unknown[0]!r}" if unknown else "'grouping' must be a mapping"
        problems.append(doc.problem("grouping", what, f"use: {', '.join(sorted(known))}", at_value=True))
        return GroupingSettings()
    values: dict[str, Any] = {}
    if "auto" in section:
        if not isinstance(section["auto"], bool):
            problems.append(doc.problem("grouping", "'grouping: auto' must be true or false",
                                        "write `auto: false` to turn automatic grouping off", at_value=True))
        else:
            values["auto"] = section["auto"]
    if "meaning" in section:
        if not isinstance(section["meaning"], bool):
            problems.append(doc.problem("grouping", "'grouping: meaning' must be true or false",
                                        "write `meaning: true` to compare reports in different languages by "
                                        "what they say", at_value=True))
        elif section["meaning"] and not meaning.available():
            problems.append(doc.problem("grouping", f"'grouping: meaning' needs the package {meaning.PACKAGE}, "
                                        "which is not installed", f"run `{meaning.INSTALL}`, or write "
                                        "`meaning: false`", at_value=True))
        else:
            values["meaning"] = section["meaning"]
    for name, (low, high) in GROUPING_LIMITS.items():
        value = section.get(name)
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not low <= value <= high:
            problems.append(doc.problem("grouping", f"'grouping: {name}' must be a number from {low:g} to "
                                        f"{high:g}, not {value!r}", f"write for example `{name}: "
                                        f"{getattr(GroupingSettings(), name)}`", at_value=True))
        else:
            values[name] = type(getattr(GroupingSettings(), name))(value)
    return GroupingSettings(**values)


DEPLOY_TARGETS = ("git", "folder", "rsync")
HOST_NAME = re.compile(r"(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,62}", re.IGNORECASE)


def read_deploy(doc: YamlDoc, root: Path, problems: list[Problem]) -> DeploySettings:
    """`deploy: {target: git, remote: origin, branch: gh-pages, domain: ..., folder: PATH, rsync: DEST}`."""
    section = doc.data.get("deploy") or {}
    known = {f.name for f in fields(DeploySettings)}
    unknown = sorted(map(str, set(section) - known)) if isinstance(section, dict) else []
    if not isinstance(section, dict) or unknown:
        what = f"unknown deploy setting {unknown[0]!r}" if unknown else "'deploy' must be a mapping"
        problems.append(doc.problem("deploy", what, f"use: {', '.join(sorted(known))}", at_value=True))
        return DeploySettings()
    for key, value in section.items():
        if not isinstance(value, str):
            problems.append(doc.problem("deploy", f"'deploy: {key}' must be text, not {type_name(value)}",
                                        f"write for example `{key}: {getattr(DeploySettings(), key) or '...'}`",
                                        at_value=True))
            return DeploySettings()
    values = {key: value.strip() for key, value in section.items() if value.strip()}
    settings = DeploySettings(**{key: value for key, value in values.items() if key != "folder"},
                              folder=Path(os.path.normpath(root / values["folder"])) if "folder" in values else None)
    if settings.rsync and not is_remote(settings.rsync):
        settings = replace(settings, rsync=os.path.normpath(root / settings.rsync))
    for problem in deploy_problems(settings):
        problems.append(doc.problem("deploy", *problem, at_value=True))
    return settings


def deploy_problems(settings: DeploySettings) -> list[tuple[str, str]]:
    """(what, how to fix) for each deploy setting that cannot work."""
    found = []
    if settings.target and settings.target not in DEPLOY_TARGETS:
        found.append((f"unknown deploy target {settings.target!r}", f"use one of: {', '.join(DEPLOY_TARGETS)}"))
    if settings.domain and not HOST_NAME.fullmatch(settings.domain):
        found.append((f"deploy domain {settings.domain!r} is not a host name",
                      "write it as `domain: news.example.org`, without https:// or a path"))
    if settings.folder and settings.rsync and not settings.target:
        found.append(("deploy has both `folder:` and `rsync:`", "add `target: folder` or `target: rsync`"))
    return found


def is_remote(destination: str) -> bool:
    """rsync's rule: a colon before the first slash names a host (user@host:path, rsync://...)."""
    return ":" in destination.split("/", 1)[0]

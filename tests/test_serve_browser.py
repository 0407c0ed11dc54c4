"""`site-builder serve` in a real headless Chromium: edits show up without a manual reload, a stylesheet
change swaps in place, new and deleted articles, the error overlay, and reconnection after a restart."""

from __future__ import annotations

import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import require_tool, site_tree

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = "content/2025-07-12-techcrunch-openai-ritarda-modello-aperto.md"
ARTICLE_URL = "articles/openai-ritarda-ancora-una-volta-il-rilascio-del-suo-modello-aperto/"
OTHER_ARTICLE_URL = "articles/openai-kembali-tunda-rilis-model-ai-terbuka-alasan-keamanan-jadi-sorotan/"
WAIT_MS = 15_000
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]


class Serving:
    """A `site-builder serve` process on a free port."""

    def __init__(self, site: Path, port: int = 0, flags: tuple[str, ...] = ()):
        self.site = site
        # A test run started in the background of a shell ignores Ctrl-C, and serve would inherit that.
        ignoring = signal.signal(signal.SIGINT, signal.default_int_handler)
        try:
            self.process = subprocess.Popen([sys.executable, "-m", "site_builder", "serve", "--port", str(port), *flags],
                                            cwd=site, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        finally:
            signal.signal(signal.SIGINT, ignoring)
        self.lines: list[str] = []
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            line = self.process.stdout.readline()
            self.lines.append(line)
            found = re.search(r"at (http://\S+) ", line)
            if found:
                self.url = found.group(1)
                self.port = int(re.search(r":(\d+)/", self.url).group(1))
                return
            if not line and self.process.poll() is not None:
                break
        raise AssertionError("serve did not start: " + "".join(self.lines))

    def stop(self) -> str:
        self.process.send_signal(signal.SIGINT)
        output, _ = self.process.communicate(timeout=10)
        return "".join(self.lines) + output


@pytest.fixture
def site(tmp_path) -> Path:
    shutil.copy(ROOT / "site.yaml", tmp_path / "site.yaml")
    shutil.copytree(ROOT / "content", tmp_path / "content")
    return tmp_path


@pytest.fixture
def browser():
    require_tool("chromium", "the live reload is tested in a real browser")
    playwright_api = pytest.importorskip("playwright.sync_api")
    with playwright_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=shutil.which("chromium"), args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture
def served(site):
    serving = Serving(site)
    yield serving
    output = serving.stop()
    assert "Traceback" not in output


def open_page(browser, url: str):
    page = browser.new_page()
    page.goto(url)
    page.wait_for_function("() => window.__siteBuilderConnected === true", timeout=WAIT_MS)
    return page


def edit(path: Path, old: str, new: str) -> None:
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


def test_an_edit_shows_up_in_the_open_page_by_itself(browser, served, site):
    page = open_page(browser, served.url + ARTICLE_URL)
    edit(site / ARTICLE, "Il ritardo significa", "Il ritardo, scrive il curatore, significa")
    page.wait_for_selector("text=scrive il curatore", timeout=WAIT_MS)


def test_only_pages_whose_file_changed_refresh_and_they_do_so_in_place(browser, served, site):
    edited = open_page(browser, served.url + ARTICLE_URL)
    edited.set_viewport_size({"width": 400, "height": 300})
    edited.evaluate("window.__stillTheSamePage = true; window.scrollTo(0, 400)")
    other = open_page(browser, served.url + OTHER_ARTICLE_URL)
    other.evaluate("document.body.dataset.untouched = 'yes'")
    edit(site / ARTICLE, "Il ritardo significa", "Il ritardo, scrive il curatore, significa")
    edited.wait_for_selector("text=scrive il curatore", timeout=WAIT_MS)
    assert edited.evaluate("window.__stillTheSamePage") is True
    assert edited.evaluate("window.scrollY") == 400
    edit(site / ARTICLE, "scrive il curatore", "scrive la curatrice")  # a second build: the first has reached all
    edited.wait_for_selector("text=scrive la curatrice", timeout=WAIT_MS)
    assert other.evaluate("document.body.dataset.untouched") == "yes"


def test_a_stylesheet_change_is_swapped_in_without_navigating(browser, served, site):
    page = open_page(browser, served.url)
    page.evaluate("window.__stillTheSamePage = true")
    (site / "static").mkdir()
    theme_css = (ROOT / "themes" / "default" / "static" / "style.css").read_text(encoding="utf-8")
    (site / "static" / "style.css").write_text(theme_css + "\nbody { background: rgb(1, 2, 3); }\n")
    page.wait_for_function("() => getComputedStyle(document.body).backgroundColor === 'rgb(1, 2, 3)'",
                           timeout=WAIT_MS)
    assert page.evaluate("window.__stillTheSamePage") is True


def test_a_new_article_appears_on_the_home_page(browser, served, site):
    page = open_page(browser, served.url)
    (site / "content" / "new.md").write_text("---\ntitle: A brand new report from Jakarta\ndate: 2025-08-01\n"
                                             "source: Example Wire\nlang: en\n---\nA new report.\n")
    page.wait_for_selector("text=A brand new report from Jakarta", timeout=WAIT_MS)


def test_a_deleted_article_shows_the_404_page(browser, served, site):
    page = open_page(browser, served.url + ARTICLE_URL)
    (site / ARTICLE).unlink()
    page.wait_for_selector("text=Page not found", timeout=WAIT_MS)


def test_a_broken_build_shows_an_overlay_that_goes_once_fixed(browser, served, site):
    page = open_page(browser, served.url + ARTICLE_URL)
    original = (site / ARTICLE).read_text(encoding="utf-8")
    (site / ARTICLE).write_text(original.replace("lang: it\n", "lang: it\ndate: [unclosed\n", 1))
    overlay = page.wait_for_selector("#site-builder-overlay", timeout=WAIT_MS)
    assert re.search(r"content/2025-07-12-techcrunch-openai-ritarda-modello-aperto\.md:\d+:\d+: ",
                     overlay.text_content())
    (site / ARTICLE).write_text(original)
    page.wait_for_selector("#site-builder-overlay", state="detached", timeout=WAIT_MS)


def test_open_pages_reconnect_after_the_server_restarts(browser, site):
    first = Serving(site)
    page = open_page(browser, first.url)
    page.evaluate("window.__beforeRestart = true")
    port = first.port
    first.stop()
    second = Serving(site, port)
    try:
        page.wait_for_function("() => window.__beforeRestart === undefined && window.__siteBuilderConnected",
                               timeout=WAIT_MS)
    finally:
        second.stop()


def test_a_port_in_use_gives_a_clear_message(site):
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run([sys.executable, "-m", "site_builder", "serve", "--port", str(port)], cwd=site,
                                capture_output=True, text=True, timeout=60)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"127.0.0.1:{port} is already in use" in result.stderr and f"--port {port + 1}" in result.stderr


def test_the_files_on_disk_are_exactly_what_build_writes(site, tmp_path):
    serving = Serving(site)
    serving.stop()
    cold = tmp_path / "cold"
    shutil.copytree(site, cold, ignore=shutil.ignore_patterns("output", ".site-builder"))
    subprocess.run([sys.executable, "-m", "site_builder", "build", "--quiet"], cwd=cold, check=True)
    assert not (site / "output").exists(), "serve never writes the output folder"
    files = site_tree(site / ".site-builder" / "preview")
    assert files == site_tree(cold / "output")
    assert not any(b"__site-builder" in content for content in files.values() if isinstance(content, bytes))

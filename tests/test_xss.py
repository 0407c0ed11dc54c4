"""Hostile content never runs in a reader's browser: the vectors of fixtures/xss_vectors.txt go through a
full build, then every page is loaded in headless Chromium.

A page fails when a dialog opens (the payloads call alert, confirm or prompt), a script error is
thrown, the console reports anything but a missing file, a request leaves the site, the page
navigates off the site, or its DOM holds an element, attribute or address that could run script or
load from elsewhere. The pages are loaded twice: with their Content-Security-Policy bypassed, so the
sanitiser must hold on its own, and with it enforced, where not even a policy violation may occur.
"""

from __future__ import annotations

import mimetypes
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from conftest import article, build_site, write_files
from test_serve_browser import browser as chromium  # noqa: F401 (a fixture: headless Chromium)
from test_stories import QUAKE_EN, QUAKE_IT

FIXTURE = Path(__file__).parent / "fixtures" / "xss_vectors.txt"
SITE = "http://xss.test/"
SITE_YAML = f"title: Hostile digest\nbase_url: {SITE}\nextra_keys: [paywall]\n"
LIST_KEYS = {"tags", "author"}
REDIRECT = "stories/img-src-x-onerror-alert-1-quake-hits-hualien/index.html"
"""The page the merged story with a hostile headline leaves behind."""
AUDIT = """(email) => {
  const found = [];
  const unsafe = new Set(['script', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'base', 'meta',
    'link', 'style', 'form', 'input', 'button', 'select', 'textarea', 'svg', 'math', 'template', 'noscript',
    'portal', 'video', 'audio', 'source', 'marquee', 'isindex']);
  const addresses = new Set(['href', 'src', 'action', 'data', 'xlink:href', 'cite', 'background', 'poster',
    'codebase', 'formaction']);
  for (const element of document.body ? document.body.querySelectorAll('*') : []) {
    const tag = element.localName;
    if (unsafe.has(tag)) found.push(`<${tag}>`);
    for (const attribute of element.attributes) {
      const name = attribute.name.toLowerCase();
      // An edition's email is styled inline by its template (mail programs drop stylesheets): a style
      // attribute may stand there, but none that could load anything or run script.
      const loading = /url|expression|import|behavior|binding|\\\\/i.test(attribute.value);
      if (name.startsWith('on') || (name === 'style' && (!email || loading)) || name === 'srcdoc') {
        found.push(`<${tag} ${name}>`);
      }
      const value = attribute.value.replace(/[\\u0000-\\u0020]/g, '').toLowerCase();
      if (addresses.has(name) && /^(javascript|vbscript|data):/.test(value)) {
        found.push(`<${tag} ${name}="${attribute.value}">`);
      }
    }
  }
  for (const element of document.head ? document.head.querySelectorAll('script, base, iframe, object, embed') : []) {
    found.push(`<${element.localName}> in the head`);
  }
  return found;
}"""


@dataclass(frozen=True)
class Vector:
    """One hostile payload and where it goes."""

    name: str
    """What it tries."""
    key: str
    """'body', or the front matter key it is the value of."""
    payload: str
    """The text put there."""
    line: int
    """Its line in the fixture file."""


def read_vectors() -> list[Vector]:
    vectors, lines = [], FIXTURE.read_text(encoding="utf-8").splitlines()
    headings = [number for number, line in enumerate(lines) if line.startswith("=== ")]
    for start, end in zip(headings, headings[1:] + [len(lines)]):
        name, _, key = lines[start][4:].partition(" | ")
        vectors.append(Vector(name, key or "body", "\n".join(lines[start + 1:end]).strip("\n"), start + 1))
    return vectors


VECTORS = read_vectors()


def article_for(number: int, vector: Vector) -> str:
    keys = {"title": f"Vector {number:03d}", "body": "Text before the vector.\n\nText after the vector.\n"}
    if vector.key == "body":
        keys["body"] = f"Text before the vector.\n\n{vector.payload}\n\nText after the vector.\n"
    else:
        keys[vector.key] = [vector.payload] if vector.key in LIST_KEYS else vector.payload
    return article(**keys)


@pytest.fixture(scope="module")
def hostile_output(tmp_path_factory) -> Path:
    """The built site: an article per vector, and two hostile headlines whose stories merge, so that the
    second build leaves a redirect page too."""
    root = tmp_path_factory.mktemp("hostile")
    files = {f"content/v{number:03d}.md": article_for(number, vector) for number, vector in enumerate(VECTORS, 1)}
    files["content/quake-en.md"] = article('<img src=x onerror=alert(1)> Quake hits Hualien', body=QUAKE_EN)
    files["content/quake-it.md"] = article('"><script>alert(1)</script> Terremoto a Hualien', date="2025-07-11",
                                           lang="it", body=QUAKE_IT)
    write_files(root, {"site.yaml": SITE_YAML + "grouping:\n  auto: false\n", **files})
    build_site(root)
    write_files(root, {"site.yaml": SITE_YAML})
    build_site(root)
    return root / "output"


def pages(output: Path) -> list[str]:
    return sorted(p.relative_to(output).as_posix() for p in output.rglob("*") if p.suffix in (".html", ".xml"))


class Visit:
    """Loads pages of an output folder at SITE (served from the folder through request interception, so
    nothing listens on a port) and records everything that counts as script running or leaking."""

    def __init__(self, browser, output: Path, bypass_csp: bool, extra: dict[str, bytes] | None = None):
        self.output, self.extra, self.findings, self.url = output, extra or {}, [], ""
        self.playwright_error = pytest.importorskip("playwright.sync_api").Error
        self.context = browser.new_context(bypass_csp=bypass_csp)
        self.context.route("**/*", self.serve)
        self.page = self.open_page()

    def open_page(self):
        page = self.context.new_page()
        page.on("dialog", self.on_dialog)
        page.on("pageerror", lambda error: self.found(f"script error: {error}"))
        page.on("console", lambda message: None if message.text.startswith("Failed to load resource")
                else self.found(f"console {message.type}: {message.text}"))
        page.on("popup", lambda popup: self.found(f"a window opened: {popup.url}"))
        page.on("framenavigated", lambda frame: None if frame.url.startswith(SITE)
                else self.found(f"navigated to {frame.url}"))
        return page

    def found(self, what: str) -> None:
        self.findings.append(f"{self.url}: {what}")

    def on_dialog(self, dialog) -> None:
        self.found(f"{dialog.type} dialog: {dialog.message!r}")
        try:
            dialog.dismiss()
        except self.playwright_error:  # the page went on without it
            pass

    def serve(self, route) -> None:
        address = urlsplit(route.request.url)
        if f"{address.scheme}://{address.netloc}/" != SITE:
            self.found(f"request to {route.request.url}")
            route.abort()
            return
        relative = unquote(address.path).lstrip("/")
        path = self.output / relative
        path = path / "index.html" if path.is_dir() else path
        if relative in self.extra:
            route.fulfill(status=200, body=self.extra[relative], content_type="text/html")
        elif path.is_file() and path.resolve().is_relative_to(self.output.resolve()):
            route.fulfill(status=200, body=path.read_bytes(), content_type=mimetypes.guess_type(path.name)[0])
        else:
            route.fulfill(status=404, body=b"")

    def load(self, relative: str) -> None:
        self.url = SITE + relative
        try:
            self.page.goto(self.url, wait_until="load", timeout=10_000)
        except self.playwright_error as error:
            # A redirect page may refresh to its page on the site before its own load event, on a busy machine.
            if f'interrupted by another navigation to "{SITE}' not in error.message:
                self.found(f"the page did not load ({error.message.splitlines()[0]})")
                self.page.close()
                self.page = self.open_page()
                return
            self.page.wait_for_load_state()
        if relative.endswith(".html"):
            for what in self.audit(relative.endswith("/email.html")):
                self.found(f"the page holds {what}")

    def audit(self, email: bool = False) -> list[str]:
        """What the DOM holds that it should not; a page that refreshes to another (a redirect page) is
        audited where it lands. ``email``: an edition's email, styled inline."""
        for _ in range(20):  # a refresh may come after the load event, later on a busy machine
            try:
                return self.page.evaluate(AUDIT, email)
            except self.playwright_error:  # the page navigated while it was audited
                self.page.wait_for_load_state()
                self.page.wait_for_timeout(50)
        return self.page.evaluate(AUDIT, email)

    def close(self) -> list[str]:
        self.context.close()
        return self.findings


def test_the_catalogue_holds_at_least_100_vectors_and_each_is_published(hostile_output):
    assert len(VECTORS) >= 100
    missing = [f"{FIXTURE.name}:{v.line}: {v.name}" for n, v in enumerate(VECTORS, 1)
               if not (hostile_output / f"articles/vector-{n:03d}/index.html").is_file() and v.key != "title"]
    assert missing == []
    assert 'http-equiv="refresh"' in (hostile_output / REDIRECT).read_text(encoding="utf-8")
    assert len(pages(hostile_output)) > 300


CANARIES = {
    "script.html": b'<!DOCTYPE html><meta http-equiv="Content-Security-Policy" content="script-src \'self\'">'
                   b'<title>c</title><img src=x onerror="alert(7)"><a href="javascript:alert(8)">x</a>'
                   b'<img src="https://evil.example/x.png">',
    "refresh.html": b'<!DOCTYPE html><title>c</title><meta http-equiv="refresh" content="0;url=https://evil.example/">',
}


@pytest.mark.parametrize("bypass_csp", [True, False], ids=["policy bypassed", "policy enforced"])
def test_the_detector_sees_script_an_unsafe_dom_a_request_off_the_site_and_a_navigation(chromium, tmp_path,
                                                                                          bypass_csp):
    """Pages written to fail, so that a detector that sees nothing cannot pass the tests below: the handler
    runs when the policy is bypassed, and is refused, which the console reports, when it is enforced."""
    visit = Visit(chromium, tmp_path, bypass_csp, extra=CANARIES)
    visit.load("script.html")
    visit.load("refresh.html")
    visit.page.wait_for_timeout(500)
    findings = visit.close()
    script = f"{SITE}script.html: "
    if bypass_csp:
        assert f"{script}alert dialog: '7'" in findings
    else:
        assert any(f.startswith(f"{script}console error: Executing inline event handler violates") for f in findings)
    assert {f"{script}the page holds {what}" for what in ('<a href="javascript:alert(8)">', "<img onerror>")} \
        <= set(findings)
    assert f"{script}request to https://evil.example/x.png" in findings
    assert f"{SITE}refresh.html: request to https://evil.example/" in findings
    assert any(finding.startswith(f"{SITE}refresh.html: navigated to ") for finding in findings)


@pytest.mark.parametrize("bypass_csp", [True, False], ids=["policy bypassed", "policy enforced"])
def test_no_page_runs_script_leaks_a_request_or_navigates_away(chromium, hostile_output, bypass_csp):
    visit = Visit(chromium, hostile_output, bypass_csp)
    for relative in pages(hostile_output):
        visit.load(relative)
    assert visit.close() == []


class PolicyReader(HTMLParser):
    """The content of the Content-Security-Policy meta element of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.policies: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "meta" and (values.get("http-equiv") or "").lower() == "content-security-policy":
            self.policies.append(values.get("content") or "")


def script_sources(policy: str) -> dict[str, list[str]]:
    directives = {}
    for name, *sources in (directive.split() for directive in policy.split(";") if directive.strip()):
        directives[name.lower()] = sources
    return directives


def test_every_page_carries_a_policy_that_forbids_inline_script_plugins_and_base_changes(hostile_output):
    unsafe = []
    for relative in pages(hostile_output):
        if not relative.endswith(".html"):
            continue
        reader = PolicyReader()
        reader.feed((hostile_output / relative).read_text(encoding="utf-8"))
        policy = " ".join(reader.policies)
        directives = script_sources(policy)
        scripts = directives.get("script-src", directives.get("default-src"))
        if (scripts is None or set(scripts) & {"'unsafe-inline'", "'unsafe-eval'", "data:", "*", "http:", "https:"}
                or directives.get("object-src") != ["'none'"] or directives.get("base-uri") != ["'none'"]):
            unsafe.append(f"{relative}: {policy!r}")
    assert unsafe == []
    assert REDIRECT in pages(hostile_output)

"""Every kind of page of the sample digest, in the light and the dark scheme, has no serious or critical
accessibility issue by axe-core (run in headless Chromium on the built pages)."""

from __future__ import annotations

import mimetypes
import re
import shutil
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from conftest import build_site, require_module
from test_serve_browser import browser as chromium  # noqa: F401 (a fixture: headless Chromium)

PROJECT = Path(__file__).resolve().parent.parent
SITE = "http://digest.test/"
SERIOUS = {"serious", "critical"}


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> Path:
    require_module("pagefind_bin", "the sample digest has search (the `search` extra, pagefind-bin)")
    site = tmp_path_factory.mktemp("a11y")
    shutil.copytree(PROJECT / "content", site / "content")
    yaml = (PROJECT / "site.yaml").read_text(encoding="utf-8")
    (site / "site.yaml").write_text(re.sub(r"(?m)^base_url: .*$", f"base_url: {SITE}", yaml), encoding="utf-8")
    build_site(site)
    return site / "output"


def page_kinds(output: Path) -> list[str]:
    """One page of each kind: the kind is the first folder of its path (articles, stories, lang, ...)."""
    chosen: dict[str, str] = {}
    for path in sorted(output.rglob("*.html")):
        relative = path.relative_to(output).as_posix()
        parts = relative.split("/")
        kind = "/".join(parts[:2]) if parts[0] in ("lang", "sources", "tags", "archive") and len(parts) > 2 \
            and parts[1] != "index.html" else parts[0]
        chosen.setdefault(f"{kind} {'index' if parts[-2:-1] == [] or len(parts) == 2 else 'page'}", relative)
    return sorted(chosen.values())


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_page_kind_has_a_serious_accessibility_issue(chromium, sample, scheme):
    axe = pytest.importorskip("axe_playwright_python.sync_playwright").Axe()
    context = chromium.new_context(color_scheme=scheme)

    def serve(route) -> None:
        path = sample / unquote(urlsplit(route.request.url).path).lstrip("/")
        path = path / "index.html" if path.is_dir() else path
        if route.request.url.startswith(SITE) and path.is_file():
            route.fulfill(status=200, body=path.read_bytes(),
                          content_type=mimetypes.guess_type(path.name)[0] or "application/octet-stream")
        else:
            route.fulfill(status=404, body=b"")

    context.route("**/*", serve)
    page = context.new_page()
    pages = page_kinds(sample)
    assert {"search/index.html", "lang/index.html", "index.html"} <= set(pages), pages
    assert any(p.startswith("lang/") and p != "lang/index.html" for p in pages), pages
    problems = []
    for relative in pages:
        page.goto(SITE + relative, wait_until="load")
        if relative == "search/index.html":  # the search box, and results in it
            page.fill(".pagefind-ui__search-input", "OpenAI")
            page.wait_for_selector(".pagefind-ui__result-link", timeout=10_000)
        results = axe.run(page)
        for violation in results.response["violations"]:
            if violation["impact"] in SERIOUS:
                problems.append(f"{relative} ({scheme}): {violation['id']}: {violation['help']} "
                                f"({len(violation['nodes'])}: {violation['nodes'][0]['html'][:120]})")
    context.close()
    assert problems == [], "\n".join(problems)

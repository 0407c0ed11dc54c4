"""The link check (`site-builder check`, and the step of every deploy): each kind of broken reference is
reported where it is; external links, anchors and folders without a slash are not broken."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import article, build_site

from site_builder.writing.check import (Reference, check_files, check_output, css_references, html_references,
                                refresh_url, srcset_urls, xml_references)
from site_builder.errors import SiteBuilderError
from site_builder.rendering.theme import hashed_name

BASE_URL = "https://example.org/digest/"
SITE_YAML = f"title: Test Digest\nbase_url: {BASE_URL}\nlanguage: en\n"
BROKEN_TEMPLATES = {
    "templates/404.html": """{% extends "base.html" %}{% block content %}
<a href="{{ url('nowhere/') }}">gone</a>
<img src="/logo.png" alt="outside the base path">
<img src="{{ url('static/logo.png') }}" srcset="{{ url('static/logo.png') }} 1x, {{ url('static/logo-2x.png') }} 2x">
<p style="background: url('{{ url('static/paper.png') }}')">x</p>
<a href="https://elsewhere.example/x">elsewhere</a> <a href="mailto:desk@example.org">mail</a> <a href="#main">top</a>
<a href="{{ url('tags') }}">a folder without its slash</a>
{% endblock %}
""",
    "static/logo.png": b"\x89PNG\r\n",
    "static/extra.css": "/* url(commented-out.png) */\nbody {\n  background: url(missing.png);\n}\n",
    "templates/sitemap_index.xml": '<?xml version="1.0" encoding="utf-8"?>\n'
                                   '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
                                   "  <sitemap><loc>{{ absolute_url('sitemaps/pages.xml') }}</loc></sitemap>\n"
                                   "  <sitemap><loc>{{ absolute_url('articles/deleted/') }}</loc></sitemap>\n"
                                   "</sitemapindex>\n",
}


def problems_of(site, monkeypatch) -> list[tuple[str, int, str]]:
    monkeypatch.chdir(site)
    report = check_output(site / "output", BASE_URL)
    return [(p.path, p.line, p.message) for p in report.broken]


def test_every_kind_of_broken_reference_is_reported_in_its_file_and_line(make_site, monkeypatch):
    site = make_site({"content/a.md": article(), **BROKEN_TEMPLATES}, SITE_YAML)
    build_site(site)

    assert problems_of(site, monkeypatch) == [
        ("output/404.html", 37, "broken link '/digest/nowhere/': it names no file of the build"),
        ("output/404.html", 38, "broken link '/logo.png': it lies outside the base path /digest/"),
        ("output/404.html", 39, "broken link '/digest/static/logo-2x.png': it names no file of the build"),
        ("output/404.html", 40, "broken link '/digest/static/paper.png': it names no file of the build"),
        ("output/sitemap.xml", 4, "broken link 'https://example.org/digest/articles/deleted/': it names no file "
                                  "of the build"),
        (f"output/static/{hashed_name('extra.css', BROKEN_TEMPLATES['static/extra.css'].encode())}", 3,
         "broken link 'missing.png': it names no file of the build"),
    ]


def test_a_broken_feed_entry_is_reported(make_site, monkeypatch):
    feed = ('<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">\n'
            "  <link rel=\"self\" href=\"{{ absolute_url(feed_path) }}\"/>\n"
            "  <link rel=\"alternate\" href=\"{{ absolute_url('old-feed.xml') }}\"/>\n</feed>\n")
    site = make_site({"content/a.md": article(story="one"), "templates/feed.xml": feed}, SITE_YAML)
    build_site(site)

    assert problems_of(site, monkeypatch) == [
        ("output/feed.xml", 4, "broken link 'https://example.org/digest/old-feed.xml': it names no file of the build"),
        ("output/stories/one/feed.xml", 4, "broken link 'https://example.org/digest/old-feed.xml': it names no "
                                           "file of the build"),
    ]


def test_the_sample_digest_has_no_broken_link(sample_output):
    report = check_output(sample_output, "http://localhost:8000/")
    bundle = [path for path in (sample_output / "pagefind").rglob("*") if path.is_file()]
    # 33 pages, feeds and assets, the search page, and the search bundle
    assert report.broken == () and report.files == 33 + 1 + len(bundle) and len(bundle) > 10
    assert report.references > 150


def test_a_site_under_a_sub_path_built_for_the_root_is_all_outside_the_base_path(make_site):
    site = make_site({"content/a.md": article()}, SITE_YAML)
    build_site(site, {"base_url": "https://example.org/"})
    report = check_output(site / "output", BASE_URL)
    assert report.broken and all("outside the base path /digest/" in p.message for p in report.broken)


def test_a_folder_that_was_never_built_is_an_error(tmp_path):
    with pytest.raises(SiteBuilderError) as error:
        check_output(tmp_path / "output", BASE_URL)
    assert str(error.value).endswith(": no build to check (no .site-builder-manifest.json); run `site-builder "
                                     "build` first")


def test_xml_that_is_not_well_formed_is_reported():
    report = check_files({"feed.xml": b"<feed><link href='x'></feed>"}, BASE_URL)
    assert [p.message for p in report.broken] == ["not well-formed XML (mismatched tag at line 1)"]


def test_the_check_command_lists_broken_links_and_fails(make_site):
    css = "a { background: url(gone.png) }\n"
    site = make_site({"content/a.md": article(), "static/extra.css": css}, SITE_YAML)
    result = subprocess.run([sys.executable, "-m", "site_builder", "check"], cwd=site, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [
        f"output/static/{hashed_name('extra.css', css.encode())}:1:17: broken link 'gone.png': it names no file of "
        "the build; correct the link, or add the file it names (a theme's files go in static/)",
        "Check failed: 1 broken link."]


def test_the_check_command_reports_the_figures_of_a_good_build(make_site):
    site = make_site({"content/a.md": article()}, SITE_YAML)
    result = subprocess.run([sys.executable, "-m", "site_builder", "check"], cwd=site, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1].startswith("Checked 27 files: ")
    assert result.stdout.splitlines()[-1].endswith(" internal links and asset references, none broken.")


# The readers, alone


@pytest.mark.parametrize("srcset, urls", [
    ("a.png 1x, b.png 2x", ["a.png", "b.png"]),
    ("a.png 480w,b.png 800w", ["a.png", "b.png"]),
    ("a.png, b.png", ["a.png", "b.png"]),
    ("  a.png  ", ["a.png"]),
    ("a,b.png 1x", ["a,b.png"]),
    ("a.png (x, y) 1x, b.png", ["a.png", "b.png"]),
    ("", []),
])
def test_srcset_candidates_are_split_as_browsers_split_them(srcset, urls):
    assert srcset_urls(srcset) == urls


@pytest.mark.parametrize("content, url", [
    ("0; url=/digest/x/", "/digest/x/"), ("0;URL='/y'", "/y"), ("5", None), ("0; url=", None)])
def test_a_refresh_names_its_target(content, url):
    assert refresh_url(content) == url


def test_css_references_skip_comments_and_data_urls_and_keep_lines():
    css = '@import "base.css";\n/* url(a.png) */ p { background: url( b.png ) }\nq { x: url(data:image/png;base64,AA) }'
    assert css_references(css) == [Reference(1, 1, "base.css"), Reference(2, 34, "b.png")]


def test_html_references_come_from_every_attribute_that_loads_or_links():
    html = ('<link rel="stylesheet" href="s.css"><script src="j.js"></script>\n'
            '<video poster="p.png"><source src="v.mp4"></video><object data="o.svg"></object>\n'
            '<picture><source srcset="w.png 2x"></picture><meta http-equiv="Refresh" content="0; url=r/">\n'
            '<style>\nbody { background: url(bg.png) }</style><div style="background:url(d.png)"></div>')
    assert [r.url for r in html_references(html)] == ["s.css", "j.js", "p.png", "v.mp4", "o.svg", "w.png", "r/",
                                                       "bg.png", "d.png"]


def test_xml_references_are_atom_links_sitemap_locations_and_rss_links():
    xml = ('<rss><channel><link>https://example.org/digest/</link></channel></rss>')
    assert xml_references(xml) == [Reference(1, 15, "https://example.org/digest/")]

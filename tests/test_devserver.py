"""The dev server's answers, decided without sockets: only files of the output folder, under the base
path, the reload script injected into HTML and nowhere else."""

from __future__ import annotations

import os

import pytest

from site_builder.serving.devserver import SCRIPT_PATH, SCRIPT_TAG, inject_reload, is_loopback, respond


@pytest.fixture
def output(tmp_path):
    out = tmp_path / "output"
    (out / "stories" / "quake").mkdir(parents=True)
    (out / "static").mkdir()
    (out / "index.html").write_text("<!DOCTYPE html><html><body><p>Home</p></body></html>")
    (out / "stories" / "quake" / "index.html").write_text("<html><body>Quake</body></html>")
    (out / "static" / "style.css").write_text("body { color: red }")
    (out / "feed.xml").write_text("<feed/>")
    (out / "404.html").write_text("<html><body>Page not found</body></html>")
    (tmp_path / "secret.txt").write_text("secret")
    os.symlink(tmp_path / "secret.txt", out / "link.txt")
    return out


@pytest.mark.parametrize("url", ["/../secret.txt", "/%2e%2e/secret.txt", "/stories/%2e%2e/%2e%2e/secret.txt",
                                 "/..%2fsecret.txt", "/%2E%2E%5Csecret.txt", "/static/..\\..\\secret.txt",
                                 "/index.html%00.css", "/link.txt"])
def test_nothing_outside_the_output_folder_is_served(output, url):
    response = respond(url, output, "/")
    assert response.status == 404 and b"secret" not in response.body


def test_a_page_is_served_with_the_reload_script_and_no_caching(output):
    response = respond("/stories/quake/", output, "/")
    assert response.status == 200 and response.body == b"<html><body>Quake" + SCRIPT_TAG + b"</body></html>"
    assert response.headers["Content-Type"] == "text/html; charset=utf-8"
    assert response.headers["Cache-Control"] == "no-store"


@pytest.mark.parametrize("url, content_type, body", [
    ("/static/style.css", "text/css; charset=utf-8", b"body { color: red }"),
    ("/feed.xml", "application/xml; charset=utf-8", b"<feed/>"),
])
def test_other_files_are_served_unchanged_with_their_type(output, url, content_type, body):
    response = respond(url, output, "/")
    assert (response.status, response.headers["Content-Type"], response.body) == (200, content_type, body)


def test_a_missing_page_gets_the_404_page_with_status_404(output):
    response = respond("/stories/gone/", output, "/")
    assert response.status == 404 and response.body.startswith(b"<html><body>Page not found")


def test_a_folder_without_slash_redirects_to_it(output):
    response = respond("/stories/quake", output, "/")
    assert (response.status, response.headers["Location"]) == (301, "/stories/quake/")


def test_the_site_is_served_under_its_base_path(output):
    assert respond("/digest/stories/quake/", output, "/digest/").status == 200
    assert respond("/stories/quake/", output, "/digest/").status == 404
    home = respond("/", output, "/digest/")
    assert (home.status, home.headers["Location"]) == (302, "/digest/")


def test_the_reload_script_is_served_as_a_file(output):
    response = respond(SCRIPT_PATH, output, "/digest/")
    assert response.status == 200 and response.headers["Content-Type"] == "text/javascript; charset=utf-8"
    assert b"EventSource" in response.body


def test_the_script_goes_before_the_closing_body_or_at_the_end():
    assert inject_reload(b"<p>x</p></BODY>") == b"<p>x</p>" + SCRIPT_TAG + b"</BODY>"
    assert inject_reload(b"<p>x</p>") == b"<p>x</p>" + SCRIPT_TAG


@pytest.mark.parametrize("host, loopback", [("127.0.0.1", True), ("localhost", True), ("::1", True),
                                            ("0.0.0.0", False), ("192.168.1.5", False)])
def test_only_loopback_hosts_count_as_private(host, loopback):
    assert is_loopback(host) is loopback

"""Getting one web page or feed over HTTP, with the standard library only, within firm limits.

A curator pastes addresses from anywhere; a page that never ends, redirects in circles, answers with
a video or points at a file on disk must give a one-line reason, never a hang or a traceback.
"""

from __future__ import annotations

import re
import socket
import urllib.error
import urllib.request
from dataclasses import dataclass
from http.client import HTTPException
from urllib.parse import urlsplit

from site_builder import __version__
from site_builder.errors import SiteBuilderError

TIMEOUT_SECONDS = 20.0
"""Longest wait for the server to connect or send the next bytes."""
MAX_BYTES = 5_000_000
"""Largest answer read: ten times a heavy news page with its inline scripts."""
MAX_REDIRECTS = 5
USER_AGENT = f"site-builder/{__version__} (+https://pypi.org/project/site-builder/; clipping one article)"
HTML_TYPES = ("text/html", "application/xhtml+xml")
FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/feed+json", "application/json",
              "application/xml", "text/xml", "application/rdf+xml", "text/plain") + HTML_TYPES


class FetchFailed(SiteBuilderError):
    """A page could not be had: its one-line message names the address and the reason."""


@dataclass(frozen=True)
class Response:
    """What a server sent for one address."""

    url: str
    """The address finally answered, after redirects."""
    content_type: str
    """The media type, lower case, without parameters."""
    charset: str | None
    """The charset the header named, if any."""
    body: bytes
    """The whole body (at most MAX_BYTES)."""


class _LimitedRedirects(urllib.request.HTTPRedirectHandler):
    max_redirections = MAX_REDIRECTS

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # noqa: ANN001 (urllib's signature)
        if urlsplit(newurl).scheme not in ("http", "https"):
            raise FetchFailed(f"{req.full_url}: redirected to {newurl!r}, which is not an http or https address")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def check_web_address(url: str) -> None:
    """Refuse anything but an absolute http(s) address before any connection is made."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise FetchFailed(f"{url}: not a web address; give one starting with http:// or https://, or the path "
                          "of a saved .html file")


def fetch(url: str, accepted: tuple[str, ...] = HTML_TYPES, timeout: float | None = None,
          max_bytes: int | None = None) -> Response:
    """The answer for ``url``; FetchFailed (one line: address, reason, what to do) on any failure.
    The limits default to the module's constants, read at each call."""
    check_web_address(url)
    timeout = TIMEOUT_SECONDS if timeout is None else timeout
    max_bytes = MAX_BYTES if max_bytes is None else max_bytes
    opener = urllib.request.build_opener(_LimitedRedirects())
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": ", ".join(accepted)})
    try:
        with opener.open(request, timeout=timeout) as answer:
            content_type = answer.headers.get_content_type().lower()
            if content_type not in accepted:
                raise FetchFailed(f"{url}: the server sent {content_type}, not a web page; give the address of "
                                  "the article's page")
            body = _read_limited(answer, url, max_bytes)
            return Response(answer.geturl(), content_type, answer.headers.get_content_charset(), body)
    except urllib.error.HTTPError as err:
        if 300 <= err.code < 400:
            raise FetchFailed(f"{url}: more than {MAX_REDIRECTS} redirects; open it in a browser and give the "
                              "address it ends at") from err
        raise FetchFailed(f"{url}: the server answered {err.code} {err.reason}; check the address") from err
    except (socket.timeout, TimeoutError) as err:
        raise FetchFailed(f"{url}: no answer within {timeout:g} s; try again later, or save the page in a "
                          "browser and add the .html file") from err
    except urllib.error.URLError as err:
        if isinstance(err.reason, (socket.timeout, TimeoutError)):
            raise FetchFailed(f"{url}: no answer within {timeout:g} s; try again later, or save the page in a "
                              "browser and add the .html file") from err
        raise FetchFailed(f"{url}: cannot connect ({_reason(err.reason)}); check the address and the "
                          "network") from err
    except (HTTPException, OSError, ValueError) as err:
        raise FetchFailed(f"{url}: the connection failed ({_reason(err)}); try again later") from err


def _read_limited(answer, url: str, max_bytes: int) -> bytes:  # noqa: ANN001 (an http.client response)
    declared = answer.headers.get("Content-Length", "")
    too_big = f"{url}: the page is larger than {max_bytes // 1_000_000} MB; save it in a browser and add the .html file"
    if declared.isdigit() and int(declared) > max_bytes:
        raise FetchFailed(too_big)
    body = answer.read(max_bytes + 1)
    if len(body) > max_bytes:
        raise FetchFailed(too_big)
    return body


def _reason(reason: object) -> str:
    return re.sub(r"\s+", " ", str(reason)).strip() or type(reason).__name__

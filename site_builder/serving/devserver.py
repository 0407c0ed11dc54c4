"""What `site-builder serve` answers to a request, decided without sockets so it can be tested alone.

Files come only from the output folder, under the site's base path; anything that would leave the
folder (`..`, encoded dots or slashes, links pointing out) is refused. HTML gets the reload script,
nothing else is changed, so the files on disk stay exactly what `build` writes.
"""

from __future__ import annotations

import mimetypes
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from urllib.parse import unquote, urlsplit

PREFIX = "/__site-builder/"
EVENTS_PATH = PREFIX + "events"
SCRIPT_PATH = PREFIX + "reload.js"
SCRIPT_TAG = f'<script src="{SCRIPT_PATH}"></script>'.encode()
CONTENT_TYPES = {".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8",
                 ".js": "text/javascript; charset=utf-8", ".xml": "application/xml; charset=utf-8",
                 ".json": "application/json", ".txt": "text/plain; charset=utf-8", ".svg": "image/svg+xml",
                 ".ico": "image/x-icon", ".webmanifest": "application/manifest+json"}
NO_CACHE = {"Cache-Control": "no-store", "X-Content-Type-Options": "nosniff"}


@dataclass(frozen=True)
class Response:
    """A complete answer to one GET."""

    status: int
    """HTTP status code."""
    body: bytes = b""
    """The bytes to send."""
    headers: dict[str, str] = field(default_factory=dict)
    """Headers besides Content-Length."""


def reload_script() -> bytes:
    return resources.files("site_builder.serving").joinpath("reload.js").read_bytes()


def inject_reload(html: bytes) -> bytes:
    """The page with the reload script before </body> (or at the end when there is none)."""
    index = html.lower().rfind(b"</body>")
    return html[:index] + SCRIPT_TAG + html[index:] if index >= 0 else html + SCRIPT_TAG


def file_response(path: Path, status: int = 200) -> Response:
    body = path.read_bytes()
    content_type = CONTENT_TYPES.get(path.suffix.lower()) or mimetypes.guess_type(path.name)[0] \
        or "application/octet-stream"
    if path.suffix.lower() == ".html":
        body = inject_reload(body)
    return Response(status, body, {"Content-Type": content_type, **NO_CACHE})


def not_found(output_dir: Path) -> Response:
    page = output_dir / "404.html"
    if page.is_file():
        return file_response(page, 404)
    return Response(404, inject_reload(b"<!DOCTYPE html><title>Not found</title><p>Not found.</p>"),
                    {"Content-Type": "text/html; charset=utf-8", **NO_CACHE})


def locate(url: str, output_dir: Path, base_path: str) -> Path | None:
    """The file of the output folder that ``url`` names, or None when there is none or the request
    tries to leave the folder."""
    path = urlsplit(url).path
    if not path.startswith(base_path):
        return None
    relative = unquote(path[len(base_path):])
    parts = relative.split("/")
    if "\x00" in relative or "\\" in relative or any(part in ("..", ".") for part in parts):
        return None
    root = output_dir.resolve()
    candidate = (root / relative).resolve()
    if not candidate.is_relative_to(root):
        return None  # a link inside the output folder pointing out of it
    if candidate.is_dir():
        candidate = candidate / "index.html"
    return candidate if candidate.is_file() else None


def respond(url: str, output_dir: Path, base_path: str) -> Response:
    """The answer to GET ``url`` (events excepted: the server streams those itself)."""
    path = urlsplit(url).path
    if path == SCRIPT_PATH:
        return Response(200, reload_script(), {"Content-Type": CONTENT_TYPES[".js"], **NO_CACHE})
    if base_path != "/" and path in ("/", "/index.html"):
        return Response(302, b"", {"Location": base_path, **NO_CACHE})
    found = locate(url, output_dir, base_path)
    if found and found.name == "index.html" and not path.endswith("/") and not path.endswith(".html"):
        return Response(301, b"", {"Location": path + "/", **NO_CACHE})
    return file_response(found) if found else not_found(output_dir)


def is_loopback(host: str) -> bool:
    return host in ("localhost", "::1") or host.startswith("127.")


def port_in_use_message(host: str, port: int) -> str:
    return (f"{host}:{port} is already in use (another `site-builder serve`?); stop it, or pass another "
            f"port such as --port {port + 1}")


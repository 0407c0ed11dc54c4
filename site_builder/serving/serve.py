"""`site-builder serve`: build into the preview folder, serve it, rebuild on save, and tell open pages.

It never writes the output folder, which is what gets published (drafts included with --drafts would
otherwise be published by the next upload): it builds into `.site-builder/preview/` beside site.yaml.

Rebuilds go through the same `pipeline.build` as `site-builder build` (with a memo of per-article
results, so unchanged articles are not parsed or cleaned again). Pages hold a server-sent event
stream: after a build they reload, or only swap their stylesheets when nothing else changed, or show
the build's problems over the last good page until a build succeeds again.
"""

from __future__ import annotations

import errno
import gc
import json
import queue
import sys
import threading
import time
import uuid
import webbrowser
from dataclasses import dataclass, field, replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Callable
from urllib.parse import urlsplit

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from site_builder.config import SiteConfig, load_preview_config
from site_builder.serving.devserver import EVENTS_PATH, is_loopback, port_in_use_message, respond
from site_builder.errors import SiteBuilderError
from site_builder.content.load import MARKDOWN_SUFFIXES
from site_builder.digest import sha256
from site_builder.incremental.memo import Memo
from site_builder.pipeline import BuildOptions, BuildReport, build, collector_paused
from site_builder.rendering.theme import find_theme, unhashed_name
from site_builder.rendering.views import Urls
from site_builder.writing.write import WriteReport

SETTLE_SECONDS = 0.03
"""Editors save through temporary files and renames: wait until events stop for this long."""
SETTLE_AFTER_SAVE_SECONDS = 0.005
"""When the last event says a save is complete (a file closed after writing, or renamed into place),
only this long."""
COMPLETING_EVENTS = ("closed", "moved", "deleted")
HEARTBEAT_SECONDS = 15
MAX_LISTED_CHANGES = 500
"""Past this many changed files, open pages are told that everything changed."""
FOLDER_EVENTS_ECHO_FILES = sys.platform.startswith("linux")
"""inotify reports a folder modified beside each change of a file in it, which has an event of its own
(made, written, moved, deleted): there such a folder event tells nothing more."""
IGNORED_SUFFIXES = ("~", ".swp", ".swx", ".tmp", ".part", ".crdownload")


@dataclass
class LiveState:
    """What the open pages need to know, shared between the builder and the request threads."""

    instance: str = field(default_factory=lambda: uuid.uuid4().hex)
    """Changes when the server restarts, so reconnecting pages reload."""
    problems: list[str] = field(default_factory=list)
    """The last build's errors; empty after a good build."""
    listeners: list[queue.Queue] = field(default_factory=list)
    """One queue per open page."""
    lock: threading.Lock = field(default_factory=threading.Lock)
    """Held while a build writes, so no page is served half-built."""

    def announce(self, event: str, data: dict) -> None:
        for listener in list(self.listeners):
            listener.put((event, data))


FULL_COLLECTION_EVERY = 50
"""Builds between two full garbage collections (see ``settle_memory``)."""


def settle_memory(builds: int) -> None:
    """Free the cycles the last build left (it ran with the collector paused), then exempt what the memo
    keeps from the collector's scans: a full scan of it would slow every rebuild of a big archive.
    Every so often everything is scanned again, so that cycles of objects the memo dropped are freed."""
    if builds % FULL_COLLECTION_EVERY == FULL_COLLECTION_EVERY - 1:
        gc.unfreeze()
        gc.collect()
    else:
        gc.collect(1)
    gc.freeze()


def event_for(report: BuildReport, base_path: str, output_dir: Path) -> tuple[str, dict]:
    """What open pages should do after a good build: nothing changed; only stylesheets changed (pages
    differ from the last build only by the stylesheets' new content-hashed names), so swap them; or refresh
    the pages whose files changed (`changed` lists their URL paths; None, after a large change, means every
    page)."""
    write = report.write
    if not write.changed:
        return "ok", {}
    renames = stylesheet_renames(write)
    swaps = {base_path + old: base_path + new for old, new in renames.items()}
    others = set(write.changed) - set(renames) - set(renames.values())
    if swaps and all(renamed_only(output_dir / path, write.previous.get(path), swaps) for path in others):
        return "css", {"swaps": swaps}
    urls = [Urls("", base_path).page(path) for path in write.changed]
    return "reload", {"changed": urls if len(urls) <= MAX_LISTED_CHANGES else None}


def stylesheet_renames(write: WriteReport) -> dict[str, str]:
    """Old -> new output path of each stylesheet the build gave a new content-hashed name."""
    new = {unhashed_name(path): path for path in write.changed[:write.written] if path.endswith(".css")}
    old = {unhashed_name(path): path for path in write.changed[write.written:] if path.endswith(".css")}
    return {old[name]: new[name] for name in old.keys() & new.keys()}


def renamed_only(page: Path, digest: str | None, swaps: dict[str, str]) -> bool:
    """Whether an HTML page is its previous build's but for the new stylesheet URLs."""
    if digest is None or page.suffix != ".html" or not page.is_file():  # new, not HTML, or removed
        return False
    content = page.read_bytes()
    for old, new in swaps.items():
        content = content.replace(new.encode(), old.encode())
    return sha256(content) == digest


class Session:
    """One `serve` run: configuration, memo, live state, and the rebuild loop."""

    def __init__(self, config_path: Path | None, overrides: dict, options: BuildOptions,
                 log: Callable[[str], None] = print):
        self.config_path, self.overrides, self.options, self.log = config_path, overrides, options, log
        self.memo = Memo()
        self.state = LiveState()
        self.config: SiteConfig = load_preview_config(config_path, overrides, options.drafts)[0]
        self.pending = threading.Event()
        self.save_completed = False
        """Whether the last relevant event completed a save, so a shorter wait will do."""
        self.builds = 0
        self.written: set[str] | None = None
        """Content files the watcher saw written in place since the last build began; None when it saw
        anything else (a file made, moved or deleted, a folder, a template, site.yaml) or before the
        first build: the next build scans the content folder then."""
        self.written_lock = threading.Lock()

    def note_change(self, event: FileSystemEvent) -> None:
        """Keep what the next build needs to know of a relevant event (see ``written``)."""
        if event.is_directory and event.event_type == "modified" and FOLDER_EVENTS_ECHO_FILES:
            return
        in_place = event.event_type in ("modified", "closed") and not event.is_directory and \
            Path(event.src_path).suffix.lower() in MARKDOWN_SUFFIXES
        with self.written_lock:
            if in_place and self.written is not None:
                self.written.add(event.src_path)
            else:
                self.written = None

    def take_written(self) -> frozenset[str] | None:
        """``written`` as it stands, for the build that begins; what comes later goes to the next one."""
        with self.written_lock:
            written, self.written = self.written, set()
        return frozenset(written) if written is not None else None

    def rebuild(self) -> None:
        """Build once; problems go to the terminal and to every open page, never to a traceback."""
        started = time.perf_counter()
        with collector_paused():  # until the pages are told to reload: collecting would delay the reload
            try:
                self.config, warnings = load_preview_config(self.config_path, self.overrides, self.options.drafts)
                written = self.take_written()
                with self.state.lock:
                    report = build(self.config, self.options, tuple(warnings), self.memo, written)
            except SiteBuilderError as err:
                self.state.problems = [str(problem) for problem in err.problems] or [str(err)]
                self.log("\n".join(self.state.problems) + "\nBuild failed; still serving the last good build.")
                self.state.announce("problems", {"problems": self.state.problems})
                return
            self.memo.prune()
            recovered, self.state.problems = bool(self.state.problems), []
            event, data = event_for(report, self.config.base_path, self.config.output_dir)
            if recovered and event == "ok":
                event, data = "reload", {"changed": None}
            self.state.announce(event, data)
        self.log(f"Rebuilt in {time.perf_counter() - started:.3f} s: {report.rendered} rendered, "
                 f"{report.write.written} written, {report.write.removed} removed.")
        settle_memory(self.builds)
        self.builds += 1

    def watch_paths(self) -> list[tuple[Path, bool]]:
        """(folder, recursive): content, the site's templates, static files and themes, the theme in use,
        and the folder of site.yaml itself (not below it: that holds the output, maybe a .venv)."""
        root = self.config.root
        paths = [self.config.content_dir, root / "templates", root / "static", root / "themes"]
        try:
            layers = find_theme(self.config)
            paths += [*layers.template_dirs, *layers.static_dirs]
        except SiteBuilderError:
            pass
        folders = [(p.resolve(), True) for p in paths if p.is_dir()]
        if self.config.config_path:
            folders.append((self.config.config_path.parent.resolve(), False))
        return sorted(set(folders))

    def is_relevant(self, path: str) -> bool:
        """Events in the output and work folders (we write there) and editors' scratch files are ignored."""
        target = Path(path)
        if target.name.startswith((".", "#")) or target.name.endswith(IGNORED_SUFFIXES):
            return False
        resolved = target.resolve()
        if any(resolved.is_relative_to(folder.resolve()) for folder in (self.config.output_dir, self.config.work_dir)):
            return False
        if target.parent == self.config.root and self.config.config_path:
            return target.name == self.config.config_path.name
        return True

    def build_loop(self, stop: threading.Event) -> None:
        """Wait for changes, let a burst of events settle, rebuild; until ``stop``."""
        while not stop.is_set():
            if not self.pending.wait(0.2):
                continue
            self.settle()
            self.rebuild()

    def settle(self) -> None:
        """Wait until no event comes for ``SETTLE_SECONDS``, or for ``SETTLE_AFTER_SAVE_SECONDS`` after one that
        completes a save. Each event ends the wait at once: a save's own events (a file written, then
        closed) come a moment apart, and the wait after the first of them is cut short by the second."""
        while True:
            self.pending.clear()
            if not self.pending.wait(SETTLE_AFTER_SAVE_SECONDS if self.save_completed else SETTLE_SECONDS):
                return


class ChangeHandler(FileSystemEventHandler):
    def __init__(self, session: Session):
        self.session = session

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type in ("opened", "closed_no_write"):
            return
        paths = [event.src_path, getattr(event, "dest_path", "") or ""]
        if any(p and self.session.is_relevant(p) for p in paths):
            self.session.note_change(event)
            self.session.save_completed = event.event_type in COMPLETING_EVENTS
            self.session.pending.set()


def make_handler(session: Session) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:  # noqa: N802 (the name http.server calls)
            if urlsplit(self.path).path == EVENTS_PATH:
                self.stream_events()
                return
            with session.state.lock:
                response = respond(self.path, session.config.output_dir, session.config.base_path)
            self.send_response(response.status)
            for name, value in response.headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(response.body)))
            self.end_headers()
            self.wfile.write(response.body)

        def stream_events(self) -> None:
            listener: queue.Queue = queue.Queue()
            session.state.listeners.append(listener)
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            try:
                self.send_event("hello", {"instance": session.state.instance, "problems": session.state.problems})
                while True:
                    try:
                        self.send_event(*listener.get(timeout=HEARTBEAT_SECONDS))
                    except queue.Empty:
                        self.wfile.write(b": still here\n\n")
                        self.wfile.flush()
            except (BrokenPipeError, ConnectionResetError, OSError):
                pass
            finally:
                session.state.listeners.remove(listener)

        def send_event(self, event: str, data: dict) -> None:
            self.wfile.write(f"retry: 500\nevent: {event}\ndata: {json.dumps(data)}\n\n".encode())
            self.wfile.flush()

        def log_message(self, format: str, *args) -> None:  # noqa: A002 (http.server's signature)
            pass

    return Handler


class Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def handle_error(self, request, client_address) -> None:
        """A browser going away, or the server closing under an idle connection, is not an error."""
        if isinstance(sys.exc_info()[1], OSError):
            return
        super().handle_error(request, client_address)


@dataclass(frozen=True)
class ServeFlags:
    """Where to serve, from the command line."""

    host: str
    port: int
    """0 for any free port."""
    open_browser: bool = False


def serve_site(config_path: Path | None, overrides: dict, options: BuildOptions, flags: ServeFlags,
               log: Callable[[str], None] = print) -> None:
    """Build, then serve and rebuild on change until interrupted (Ctrl-C)."""
    host, port = flags.host, flags.port
    session = Session(config_path, overrides, replace(options), log)
    session.rebuild()
    try:
        server = Server((host, port), make_handler(session))
    except OSError as err:
        if err.errno == errno.EADDRINUSE:
            raise SiteBuilderError(port_in_use_message(host, port)) from err
        raise SiteBuilderError(f"{host}:{port}: cannot listen there ({err.strerror})") from err
    if not is_loopback(host):
        log(f"Warning: serving on {host}, reachable from other machines; the dev server is for previews only.")
    url = f"http://{'localhost' if is_loopback(host) else host}:{server.server_address[1]}{session.config.base_path}"
    stop = threading.Event()
    observer = Observer()
    handler = ChangeHandler(session)
    for path, recursive in session.watch_paths():
        observer.schedule(handler, str(path), recursive=recursive)
    observer.start()
    builder = threading.Thread(target=session.build_loop, args=(stop,), daemon=True)
    builder.start()
    log(f"Serving {session.config.output_dir} at {url} (Ctrl-C to stop)")
    if flags.open_browser:
        webbrowser.open(url)
    try:
        server.serve_forever(poll_interval=0.2)
    finally:
        stop.set()
        observer.stop()
        server.server_close()
        observer.join(timeout=2)
        print("Stopped.", file=sys.stderr)

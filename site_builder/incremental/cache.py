"""The cache folder: results of the pure per-article stages, kept between builds in
`.site-builder/cache/` beside site.yaml (never in the output folder, which gets published), so a build
parses and cleans only the files that changed.

It is safe to delete, and it never decides what a build publishes on its own: an entry is looked up
by everything its result depends on (the file, the settings that shape it) under a version naming
site-builder's code, so a hit is the result the stages would compute. Entries are spread over 256
shard files by key, each replaced whole by a rename, so a build killed while saving leaves every
shard old or new, and a damaged or foreign shard reads as empty. What a stage keeps whole (the grouping's
similarities) has a file of its own, written and read the same way. So has an index of every entry,
with a little of each (see ``Store.hint``), from which a build sees at once what it will have to
compute.

Every file is sealed (``write_sealed``): an HMAC of its bytes under a key kept in the user's own configuration
folder, outside the site, so a cache file that was tampered with, or copied from another machine, is
never unpickled: it reads as empty, with a one-line warning.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import pickle
import secrets
import sys
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable

from site_builder.digest import sha256

SEAL = b"site-builder sealed 1\n"
"""The first bytes of a sealed file; the HMAC-SHA256 of the rest follows."""
MAC_SIZE = hashlib.sha256().digest_size
KEY_NAME = "cache.key"
"""The key's file in the user's configuration folder (``key_path``)."""
WHOLE = ".whole"
"""The suffix of a file holding a value kept whole."""
INDEX = "index"
"""The file (kept whole) listing every entry's key, with a little of its value (see ``hint``)."""
SHORT = 128
"""The longest string value the index holds."""


class Store:
    """Stage results by key, read from the cache folder shard by shard as keys ask for them; ``save``
    keeps what this build asked for and drops the rest (deleted and edited files)."""

    def __init__(self, folder: Path, version: str):
        self.folder = folder
        self.version = version
        self._shards: dict[str, dict[str, Any]] = {}
        """Shard name -> its entries as read."""
        self._used: dict[str, dict[str, Any]] = {}
        """Shard name -> the entries this build asked for or made."""
        self.complete = False
        """Set once every file of the build has been looked up: only then may ``save`` drop the rest."""
        self._whole: dict[str, Any] = {}
        """Name -> a value kept whole, to write on ``save``."""
        self._empty: bool | None = None
        self._index: dict[str, Any] | None = None

    @property
    def empty(self) -> bool:
        """Whether the cache folder holds no entry (a first build): nothing need be looked up in it."""
        if self._empty is None:
            try:
                self._empty = not any(name.endswith(".pickle") for name in os.listdir(self.folder))
            except OSError:
                self._empty = True
        return self._empty

    def find(self, key: str) -> Any:
        """The result kept under ``key`` (a string naming all it depends on), None when there is none;
        found, it is kept for the next build."""
        hashed = _hashed(key)
        value = self._shard(hashed[:2]).get(hashed)
        if value is not None:
            self._used.setdefault(hashed[:2], {})[hashed] = value
        return value

    def hint(self, key: str) -> Any:
        """What the cache folder's index says is kept under ``key``, without reading its shard: the value
        when a short string (a file's hash), the value's ``index_entry`` when it has one (a prepared file's
        grouping item), True for another value, None for none. Only a hint, to see early what a build will
        have to compute: written after the shards, the index may be missing or behind them; ``find`` says
        what is kept."""
        return self._read_index().get(_hashed(key))

    @property
    def indexed(self) -> bool:
        """Whether the cache folder has an index to give hints (a build of an older site-builder wrote none)."""
        return bool(self._read_index())

    def _read_index(self) -> dict[str, Any]:
        if self._index is None:
            index = _read_whole(self.folder / f"{INDEX}{WHOLE}", self.version)
            self._index = index if isinstance(index, dict) else {}
        return self._index

    def put(self, key: str, value: Any) -> None:
        """Keep ``value`` under ``key`` for the next build."""
        hashed = _hashed(key)
        self._used.setdefault(hashed[:2], {})[hashed] = value

    def find_whole(self, name: str) -> Any:
        """The value the last build kept whole under ``name``, None when there is none."""
        return _read_whole(self.folder / f"{name}{WHOLE}", self.version)

    def keep_whole(self, name: str, value: Any) -> None:
        """Keep ``value`` for the next build, in a file of its own (it is read and replaced all at once)."""
        self._whole[name] = value

    def _shard(self, name: str) -> dict[str, Any]:
        if name not in self._shards:
            self._shards[name] = _read_shard(self.folder / f"{name}.pickle", self.version)
        return self._shards[name]

    def save(self) -> None:
        """``save_entries`` and ``save_whole``. A failure to write only costs the next build time, so it is
        not an error."""
        self.save_entries()
        self.save_whole()

    def save_entries(self) -> None:
        """Write the shards whose entries changed, remove those no entry of this build falls in, then the
        index when anything changed (or there is none), and let go of every entry."""
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            changed = False
            for path in self.folder.glob("*.pickle"):  # first, to make room on a full disk
                if path.stem not in self._used:
                    path.unlink()
                    changed = True
            for name, entries in self._used.items():
                if entries.keys() != self._shard(name).keys():
                    _write_shard(self.folder / f"{name}.pickle", (self.version, entries))
                    changed = True
            if changed or not (self.folder / f"{INDEX}{WHOLE}").exists():
                index = {hashed: _index_entry(value)
                         for entries in self._used.values() for hashed, value in entries.items()}
                _write_shard(self.folder / f"{INDEX}{WHOLE}", (self.version, index))
        except OSError:
            pass
        finally:
            self.forget()

    def save_whole(self) -> None:
        """Write the values kept whole, and let go of them."""
        try:
            if self._whole:
                self.folder.mkdir(parents=True, exist_ok=True)
            for name, value in self._whole.items():
                _write_shard(self.folder / f"{name}{WHOLE}", (self.version, value))
        except OSError:
            pass
        finally:
            self._whole = {}

    def forget(self) -> tuple[dict, dict]:
        """Let go of every entry without writing (``save_entries`` does it when done, or another process
        saves them); returns them, for a caller that would rather not free them now. Values kept whole
        stay."""
        dropped = self._used, self._shards
        self._used, self._shards, self._index = {}, {}, None
        return dropped


def mark_private(work_dir: Path) -> None:
    """Make the site's work folder, with a .gitignore of its own that ignores all of it (as pytest does
    for its cache): a site kept in git never shows it as a change, whatever the site's own .gitignore."""
    ignore = work_dir / ".gitignore"
    if ignore.exists():
        return
    try:
        work_dir.mkdir(parents=True, exist_ok=True)
        ignore.write_text("# site-builder's private folder (cache, preview): never commit or publish it.\n*\n",
                          encoding="utf-8")
    except OSError:
        pass


def _index_entry(value: Any) -> Any:
    """What the index keeps of a value: a short string itself, else what the value says of itself as its
    ``index_entry`` (a prepared file, what grouping it takes), else that there is one."""
    if isinstance(value, str):
        return value if len(value) <= SHORT else True
    entry = getattr(value, "index_entry", None)
    return True if entry is None else entry


def _hashed(key: str) -> str:
    return sha256(key.encode("utf-8", "surrogateescape"))


def _read_shard(path: Path, version: str) -> dict[str, Any]:
    entries = _read_whole(path, version)
    return entries if isinstance(entries, dict) else {}


def _read_whole(path: Path, version: str) -> Any:
    """What a file of the cache folder holds; None when it is missing, damaged, not sealed by this user's
    key, or from another site-builder."""
    payload = read_sealed(path)
    if payload is None:
        return None
    try:
        found_version, value = pickle.loads(payload)
    except Exception:  # sealed by us, so written by an older site-builder whose classes have changed
        return None
    return value if found_version == version else None


def _write_shard(path: Path, content: Any) -> None:
    write_sealed(path, lambda out: pickle.dump(content, out, protocol=pickle.HIGHEST_PROTOCOL))


def read_sealed(path: Path) -> memoryview | None:
    """The payload of a file ``write_sealed`` wrote (a view of the bytes read, not a copy); None when
    missing or not sealed by this user's key."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    return unseal(data, path)


class SealingWriter:
    """A file that feeds the HMAC with everything written to it, so a payload is sealed as it is written
    (a pickle of the grouping's scores is large: no copy of it is ever made)."""

    def __init__(self, out: Any, key: bytes):
        self.out, self.mac = out, hmac.new(key, digestmod=hashlib.sha256)

    def write(self, data: bytes) -> int:
        self.mac.update(data)
        return self.out.write(data)


def write_sealed(path: Path, write: Callable[[Any], Any]) -> None:
    """Write at ``path``, whole (a rename, so a reader never sees half a file), what ``write(out)`` writes
    to ``out``, sealed: the mark, then the HMAC of the payload, then the payload. Nothing without a key."""
    key = cache_key()
    if key is None:
        return
    # The name is chosen before the file is made, so a process stopped at any point between the two (see
    # ``parallel.Helper.close``) still knows what to remove.
    temporary = path.parent / f".shard-{secrets.token_hex(6)}"
    try:
        with open(temporary, "xb") as out:
            out.write(SEAL + bytes(MAC_SIZE))
            sealing = SealingWriter(out, key)
            write(sealing)
            out.seek(len(SEAL))
            out.write(sealing.mac.digest())
        os.replace(temporary, path)
    except BaseException:  # an error, or a process stopped (see ``parallel.Helper.close``): nothing half written
        if os.path.exists(temporary):  # not when it was stopped just after the file went in place
            os.unlink(temporary)
        raise


def unseal(data: bytes, path: Path | str) -> memoryview | None:
    """The payload of a sealed file's bytes, when its HMAC is this user's; else None, with a one-line
    warning (a cache file that was damaged, tampered with or copied from elsewhere: only a miss, never
    unpickled)."""
    key = cache_key()
    start = len(SEAL) + MAC_SIZE
    if key is None:
        return None
    payload = memoryview(data)[start:]
    if data.startswith(SEAL) and hmac.compare_digest(hmac.new(key, payload, hashlib.sha256).digest(),
                                                     data[len(SEAL):start]):
        return payload
    warn_once(f"warning: {path}: a cache file damaged or not written by this user's site-builder; ignored "
              "(it is rebuilt; delete .site-builder/ to start afresh)")
    return None


_warned: set[str] = set()
_WARNING_PROCESS = os.getpid()
"""Processes forked by a build read the same files; only the process that started it says so."""


def warn_once(message: str) -> None:
    """One line on stderr, once per build process, for the first bad cache file (one is enough to act on)."""
    if not _warned and os.getpid() == _WARNING_PROCESS:
        _warned.add(message)
        print(message, file=sys.stderr)


def key_path() -> Path:
    """Where the key that seals cache files lives: the user's configuration folder, outside every site."""
    base = os.environ.get("XDG_CONFIG_HOME") or os.path.join(os.path.expanduser("~"), ".config")
    return Path(base) / "site-builder" / KEY_NAME


@lru_cache(maxsize=None)
def cache_key() -> bytes | None:
    """This user's key (made, readable by the user only, on first use); None when it can be neither read
    nor made: builds then keep no cache, which costs only time."""
    path = key_path()
    try:
        key = path.read_bytes()
        if len(key) >= 32:
            return key
    except OSError:
        pass
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".key-")
        with os.fdopen(handle, "wb") as out:  # mkstemp makes it readable by the user only
            out.write(secrets.token_bytes(32))
        try:
            os.link(temporary, path)  # never replaces a key another process made meanwhile
        except FileExistsError:
            pass
        except OSError:  # a file system without links
            os.replace(temporary, path)
        if os.path.exists(temporary):
            os.unlink(temporary)
        key = path.read_bytes()
        return key if len(key) >= 32 else None
    except OSError:
        return None

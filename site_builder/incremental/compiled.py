"""Compiled templates kept in the cache folder, for the render stage's Jinja2 environment (see
``shortcuts.Shortcuts.compiled``). Not imported by a build that finds nothing to do: Jinja2 is costly to
import."""

from __future__ import annotations

from pathlib import Path

import jinja2

from site_builder.incremental.cache import read_sealed, write_sealed


class CompiledTemplates(jinja2.FileSystemBytecodeCache):
    """Compiled templates kept in the cache folder, sealed as every cache file is (``cache.write_sealed``): compiled
    code from a file anyone else wrote is never run. A folder that cannot be written only costs time."""

    def __init__(self, folder: Path):
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError:
            pass
        super().__init__(str(folder))

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        payload = read_sealed(Path(self._get_cache_filename(bucket)))
        if payload is not None:
            bucket.bytecode_from_string(bytes(payload))

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            write_sealed(Path(self._get_cache_filename(bucket)), bucket.write_bytecode)
        except OSError:
            pass

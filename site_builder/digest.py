"""How bytes are named by their content: files compared between builds, hashed asset names, cache keys.
A module of its own below every stage, so a stage that hashes imports nothing of the speed layer."""

from __future__ import annotations

import hashlib


def sha256(data: bytes) -> str:
    """The hex SHA-256 of ``data``."""
    return hashlib.sha256(data).hexdigest()

"""URL slugs that are stable, ASCII and safe on every host, for titles in any script."""

from __future__ import annotations

import hashlib
from functools import lru_cache
import re
import unicodedata

from anyascii import anyascii

MAX_SLUG_LENGTH = 80
WINDOWS_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)),
                    *(f"lpt{i}" for i in range(1, 10))}


SYLLABIC_SCRIPTS = ("CJK", "HIRAGANA", "KATAKANA", "HANGUL", "YI ", "BOPOMOFO")


def transliterate(text: str) -> str:
    """ASCII for any script; each CJK or kana syllable stands apart, so 東京でAI gives 'dong jing de ai',
    not 'DongJingdeAI'."""
    parts = []
    for char in text:
        if char.isascii():
            parts.append(char)
        elif unicodedata.name(char, "").startswith(SYLLABIC_SCRIPTS):
            parts.append(f" {anyascii(char)} ")
        else:
            parts.append(anyascii(char))
    return "".join(parts)


@lru_cache(maxsize=65536)
def slugify(text: str, fallback: str = "") -> str:
    """Lower-case ASCII words joined by '-', at most 80 characters; ``fallback`` seeds a hash when
    nothing is left (a title of only emoji or punctuation)."""
    words = re.findall(r"[a-z0-9]+", transliterate(text).lower())
    slug = "-".join(words)
    if len(slug) > MAX_SLUG_LENGTH:
        slug = slug[:MAX_SLUG_LENGTH].rsplit("-", 1)[0]
    if not slug or slug in WINDOWS_RESERVED:
        digest = hashlib.sha1((fallback or text).encode("utf-8")).hexdigest()[:10]
        slug = f"{slug}-{digest}" if slug else digest
    return slug


def is_safe_slug(slug: str) -> bool:
    """True for a slug that is already in the form slugify produces (used to vet `slug:` keys)."""
    return bool(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug)) and len(slug) <= MAX_SLUG_LENGTH \
        and slug not in WINDOWS_RESERVED

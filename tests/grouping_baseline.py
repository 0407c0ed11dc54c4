"""The simple reference the grouping is measured against: TF-IDF over the words of the title and text,
cosine, a 4-day window, each article joining the group of its most similar earlier article at or above a
threshold; the threshold chosen on the tune part, as the project's own settings are."""

from __future__ import annotations

import math
import re
from collections import Counter

WORD = re.compile(r"\w+", re.U)
WINDOW_DAYS = 4.0
THRESHOLDS = tuple(t / 100 for t in range(1, 60))


def vectors(articles) -> list[dict[str, float]]:
    bags = [Counter(WORD.findall(f"{a.title} {a.text}".casefold())) for a in articles]
    counts = Counter(word for bag in bags for word in bag)
    idf = {word: math.log(len(bags) / count) for word, count in counts.items()}
    result = []
    for bag in bags:
        vector = {word: (1 + math.log(n)) * idf[word] for word, n in bag.items() if idf[word] > 0}
        norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
        result.append({word: v / norm for word, v in vector.items()})
    return result


def similarities(articles) -> dict[int, dict[int, float]]:
    """Position -> {earlier position: cosine} within the window, articles in time order."""
    found, vecs = {}, vectors(articles)
    for i, article in enumerate(articles):
        found[i] = {}
        for j in range(i - 1, -1, -1):
            if (article.date - articles[j].date).total_seconds() > WINDOW_DAYS * 86400:
                break
            small, large = sorted((vecs[i], vecs[j]), key=len)
            found[i][j] = sum(v * large.get(w, 0.0) for w, v in small.items())
    return found


def grouped(articles, scores, threshold: float) -> dict[str, str]:
    """Article id -> group id."""
    group: dict[int, int] = {}
    for i in range(len(articles)):
        best = max(((s, j) for j, s in scores[i].items() if s >= threshold), default=None)
        group[i] = group[best[1]] if best else i
    return {a.id: str(group[i]) for i, a in enumerate(articles)}


def in_time_order(articles):
    return sorted(articles, key=lambda a: (a.date, a.id))

"""A deterministic news archive for benchmarks: N articles like a curator's.

Each article takes a real English lede from ../shared/data/stories-en-public and grows to 600-1,200
words with generated paragraphs marked up like a clipped article (links, emphasis, subheadings,
quotes, lists); one in five carries clipped embed noise (a tweet with widgets.js, a
share footer); six languages, about fifty tags, and reports of one event share a day, as in the real
data. The same N and seed always give the same files.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LEDES = ROOT.parent / "shared" / "data" / "stories-en-public" / "articles"
YEARS = 75
"""Rounds of ledes before the years repeat (from 2021, the ledes' year): 55,000 articles."""
LANGUAGES = ("en", "id", "it", "es", "pt", "fr")
TAGS = [f"topic-{n:02d}" for n in range(50)]
WORDS = ("government economy report minister market police court election energy climate company city health "
         "school security budget vote trade border water transport housing research study official price "
         "growth talks agreement crisis inquiry union strike plan council hospital storm court ruling").split()
NOISE = ('\n\n<blockquote class="twitter-tweet"><p lang="en" dir="ltr">Statement on today\'s events.</p>&mdash; '
         'Press Office (@pressoffice) <a href="https://twitter.com/pressoffice/status/{n}">July 12, 2025</a>'
         '</blockquote> <script async src="https://platform.twitter.com/widgets.js" charset="utf-8"></script>'
         '\n\nShare this:\n\nFacebook\n\nWhatsApp\n')


def sentence(rng: random.Random) -> str:
    """A sentence with the inline markup of a clipped news article: most carry a link to a source,
    some bold or italic words (markdown-it-py then costs about 2 ms per article, as the issue measured)."""
    words = [rng.choice(WORDS) for _ in range(rng.randint(10, 22))]
    start = rng.randrange(len(words) - 3)
    kind = rng.random()
    if kind < 0.7:
        words[start:start + 3] = [f"[{' '.join(words[start:start + 3])}](https://news.example.org/"
                                  f"{words[start]}/{rng.randint(1, 10**6)})"]
    elif kind < 0.85:
        words[start:start + 2] = [f"**{' '.join(words[start:start + 2])}**"]
    else:
        words[start] = f"*{words[start]}*"
    return " ".join(words).capitalize() + "."


def paragraph(rng: random.Random) -> str:
    """A paragraph, now and then a subheading, a quoted statement or a list of points instead."""
    kind = rng.random()
    if kind < 0.05:
        return "## " + " ".join(rng.choice(WORDS) for _ in range(rng.randint(3, 7))).capitalize()
    if kind < 0.1:
        return "> " + sentence(rng) + " " + sentence(rng)
    if kind < 0.15:
        return "\n".join("- " + sentence(rng) for _ in range(rng.randint(3, 5)))
    return " ".join(sentence(rng) for _ in range(rng.randint(3, 6)))


def write_corpus(folder: Path, count: int, seed: int = 2025) -> Path:
    """Write ``count`` articles and a site.yaml into ``folder`` (made fresh); returns the folder."""
    rng = random.Random(seed)
    ledes = sorted(LEDES.glob("*.md"))
    content = folder / "content"
    content.mkdir(parents=True, exist_ok=True)
    (folder / "site.yaml").write_text("title: Benchmark Digest\nbase_url: http://localhost:8000/\n")
    for number in range(count):
        source = ledes[number % len(ledes)].read_text(encoding="utf-8")
        front, body = source.split("\n---\n", 1)
        shift = number // len(ledes) % YEARS  # a year later each round, within the years a build accepts
        front = re.sub(r"date: '(\d{4})", lambda m: f"date: '{int(m.group(1)) + shift}", front)
        front = re.sub(r"^id: .*$", f"id: bench-{number:05d}", front, flags=re.M)
        front = re.sub(r"^lang: .*$", f"lang: {LANGUAGES[number % len(LANGUAGES)]}", front, flags=re.M)
        tags = rng.sample(TAGS, 2)
        words = rng.randint(600, 1200)
        paragraphs = [body.strip()]
        while sum(len(p.split()) for p in paragraphs) < words:
            paragraphs.append(paragraph(rng))
        text = "\n\n".join(paragraphs) + (NOISE.format(n=10**18 + number) if number % 5 == 0 else "")
        (content / f"a{number:05d}.md").write_text(f"{front}\ntags: [{', '.join(tags)}]\n---\n{text}\n",
                                                   encoding="utf-8")
    return folder

"""A benchmark archive with the variety of real clipped articles, made from real text.

``corpus.py`` grows each article from a real English lede with generated sentences, which all take the
same few paths through Markdown and the cleaning rules. This one takes its sentences from the real reports
of tests/grouping_real (22 languages, written by others) and sets them in every construct a clipped article
carries, at rates of the kind seen in the real pages of tests/cleaning_real: links in most paragraphs,
subheadings, nested and ordered lists, tables, code, images with captions, raw HTML blocks, embeds,
multi-paragraph quotes with attributions, footnote-style references; noise in one article of five; one in
fifty is long (about 30 KB). The same count and seed always give the same files, named as ``corpus.py``
names them, so every benchmark of builds can take either.
"""

from __future__ import annotations

import random
import re
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REPORTS = ROOT / "tests" / "grouping_real" / "articles"
YEARS = 20
FIRST_DAY = date(2021, 1, 1)
"""Articles follow each other a dozen a day from here, on the calendar (the newest are the latest)."""
TAGS = [f"topic-{n:02d}" for n in range(60)]
SENTENCE_END = re.compile(r"(?<=[.!?。！？])\s+")
EMBEDS = (
    '<blockquote class="twitter-tweet"><p lang="{lang}" dir="ltr">{text}</p>&mdash; Desk (@desk{n}) '
    '<a href="https://twitter.com/desk{n}/status/{status}">July 12, 2025</a></blockquote> '
    '<script async src="https://platform.twitter.com/widgets.js" charset="utf-8"></script>',
    '<blockquote class="instagram-media" data-instgrm-permalink="https://www.instagram.com/p/C{n}x/">'
    '<p>{text}</p></blockquote><script async src="//www.instagram.com/embed.js"></script>',
    '<iframe width="560" height="315" src="https://www.youtube.com/embed/v{n}abc" title="{text}" '
    'frameborder="0" allowfullscreen></iframe>',
)
NOISE = ("Share this:\n\nFacebook\n\nX\n\nWhatsApp\n\nCopy link",
         "Read more:\n\n- [Another report of the day](https://news.example.org/more/{n})\n"
         "- [What happened next](https://news.example.org/next/{n})",
         "Subscribe to our newsletter for the day's top stories.",
         "Advertisement")


def load_reports() -> list[tuple[str, list[str]]]:
    """(language, its sentences) of each real report."""
    reports = []
    for path in sorted(REPORTS.glob("*.md")):
        _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
        lang = re.search(r"^lang: *(\S+)", front, re.M).group(1)
        sentences = [s.strip() for s in SENTENCE_END.split(" ".join(body.split())) if len(s.strip()) > 20]
        if len(sentences) >= 3:
            reports.append((lang, sentences))
    return reports


class Writer:
    """Paragraphs and blocks drawn from the sentences of one language, each used once in an article (a
    writer does not repeat a sentence; a page that does is cleaned otherwise)."""

    def __init__(self, rng: random.Random, sentences: list[str], lang: str, number: int):
        self.rng, self.sentences, self.lang, self.number = rng, sentences, lang, number
        self.unused: list[str] = []

    def next_sentence(self) -> str:
        if not self.unused:
            self.unused = list(self.sentences)
            self.rng.shuffle(self.unused)
        return self.unused.pop()

    def sentence(self) -> str:
        text = self.next_sentence()
        if self.rng.random() < 0.45:  # a link on a few words, as most clipped paragraphs have
            words = text.split()
            if len(words) > 4:
                start = self.rng.randrange(len(words) - 3)
                words[start:start + 3] = [f"[{' '.join(words[start:start + 3])}]"
                                          f"(https://news.example.org/{self.lang}/{self.rng.randint(1, 10**6)})"]
                text = " ".join(words)
        elif self.rng.random() < 0.15:
            words = text.split()
            words[0] = f"**{words[0]}**"
            text = " ".join(words)
        return text

    def paragraph(self) -> str:
        return " ".join(self.sentence() for _ in range(self.rng.randint(1, 4)))

    def block(self) -> str:
        rng, kind = self.rng, self.rng.random()
        if kind < 0.06:
            return f"## {self.next_sentence()[:60].rstrip(' ,;:')}"
        if kind < 0.09:
            items = [f"- {self.sentence()}" for _ in range(rng.randint(2, 4))]
            items.insert(1, f"  - {self.sentence()}\n  - {self.sentence()}")
            return "\n".join(items)
        if kind < 0.11:
            return "\n".join(f"{n}. {self.sentence()}" for n in range(1, rng.randint(3, 6)))
        if kind < 0.12:
            rows = "\n".join(f"| {self.sentence()[:30]} | {rng.randint(1, 999)} | {rng.randint(1, 99)}% |"
                             for _ in range(rng.randint(2, 6)))
            return f"| Item | Count | Share |\n|---|---:|---:|\n{rows}"
        if kind < 0.125:
            return "```\nfor row in rows:\n    print(row['count'])\n```"
        if kind < 0.16:
            caption = self.next_sentence()[:90]
            return f"![{caption}](https://img.example.org/{self.number}/{rng.randint(1, 99)}.jpg)\n\n*{caption}*"
        if kind < 0.17:
            return f'<figure><img src="https://img.example.org/{self.number}.jpg" alt="">' \
                   f"<figcaption>{self.next_sentence()[:80]}</figcaption></figure>"
        if kind < 0.2:
            quote = "\n>\n".join(f"> {self.paragraph()}" for _ in range(rng.randint(1, 3)))
            return f"{quote}\n\n— {rng.choice(['A spokesperson', 'The minister', 'Maria Rossi', 'Budi Santoso'])}"
        if kind < 0.22:
            n = rng.randint(1, 9)
            return f"{self.paragraph()} [{n}]\n\n[{n}]: https://records.example.org/{self.number}/{n}"
        return self.paragraph()


def write_varied_corpus(folder: Path, count: int, seed: int = 2025) -> Path:
    """Write ``count`` varied articles and a site.yaml into ``folder``; returns the folder."""
    rng = random.Random(seed)
    reports = load_reports()
    content = folder / "content"
    content.mkdir(parents=True, exist_ok=True)
    (folder / "site.yaml").write_text("title: Benchmark Digest\nbase_url: http://localhost:8000/\n")
    by_language: dict[str, list[str]] = {}
    for lang, sentences in reports:
        by_language.setdefault(lang, []).extend(sentences)
    for number in range(count):
        lang, own = reports[number % len(reports)]
        others = [s for s in by_language[lang] if s != own[0]]
        writer = Writer(rng, own[1:] + rng.sample(others, min(200, len(others))), lang, number)
        day = FIRST_DAY + timedelta(days=number // 12 % (365 * YEARS))  # a dozen articles a day
        target = 30_000 if number % 50 == 7 else rng.randint(2_500, 9_000)
        blocks = [writer.paragraph()]
        while sum(map(len, blocks)) < target:
            blocks.append(writer.block())
        if number % 5 == 0:
            embed = rng.choice(EMBEDS).format(lang=lang, text=writer.sentence()[:100].replace('"', "'"), n=number,
                                              status=10**18 + number)
            blocks.insert(rng.randint(1, len(blocks)), embed)
            blocks.append(rng.choice(NOISE).format(n=number))
        title = own[0][:90].rstrip(" ,;:").replace('"', "'")
        front = (f'---\ntitle: "{title}"\ndate: {day.isoformat()}\n'
                 f"source: Outlet {number % 97}\nlang: {lang}\nid: varied-{number:05d}\n"
                 f"tags: [{', '.join(rng.sample(TAGS, rng.randint(1, 4)))}]\n---\n")
        (content / f"a{number:05d}.md").write_text(front + "\n\n".join(blocks) + "\n", encoding="utf-8")
    return folder

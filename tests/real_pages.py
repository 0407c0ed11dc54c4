"""Scoring the cleaner on real clipped pages labelled line by line (tests/cleaning_real/pages).

Each page file is front matter (title, date, source, lang, url) and the page's text as the search tool's
stored copy gives it, each line prefixed `K|` (the article's own text: must stay), `N|` (noise: must go)
or `A|` (either). Pages are split by outlet: the rules are tuned on `tune` and only reported on `report`
(`split_of`), so an outlet's chrome never teaches the cleaner what it is scored on.

    python tests/real_pages.py [tune|report] [--misses]   # the figures, and with --misses each miss
"""

from __future__ import annotations

import hashlib
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from site_builder.cleaning.clean import clean_article, html_to_text, sanitise_html  # noqa: E402
from site_builder.content.frontmatter import ArticleDefaults, parse_article  # noqa: E402
from site_builder.cleaning.markdown import render_markdown  # noqa: E402
from site_builder.model import Article  # noqa: E402
from site_builder.cleaning.sitechrome import chrome_of, learned_chrome  # noqa: E402

PAGES = Path(__file__).parent / "cleaning_real" / "pages"
DEFAULTS = ArticleDefaults("en", "UTC", frozenset())
LABEL = re.compile(r"^([KNA])\|(.*)$")
MARKUP = re.compile(r"[\[\]!<>`{}\\]")
BULLET = re.compile(r"^\s*[•·▪●◦‣]\s*")
REPORT_SHARE = 0.4
"""About this share of the outlets, chosen by a hash of their name, is only ever reported."""


@dataclass(frozen=True)
class LabelledPage:
    """A real page: the article text a curator would paste, and the label of each of its lines."""

    name: str
    article_text: str
    """Front matter and body, labels stripped."""
    labels: tuple[tuple[str, str], ...]
    """(label, line text) of each non-blank body line, in order."""
    positions: tuple[int, ...] = ()
    """Where each of those lines is in the body (0 for its first line)."""


@dataclass
class Score:
    kept: int = 0
    keep_total: int = 0
    removed: int = 0
    noise_total: int = 0
    clean_pages: int = 0
    clean_unchanged: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, other: "Score") -> None:
        for name in ("kept", "keep_total", "removed", "noise_total", "clean_pages", "clean_unchanged"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.misses += other.misses

    def line(self, label: str) -> str:
        return (f"{label}: real lines kept {self.kept}/{self.keep_total} "
                f"({100 * self.kept / max(1, self.keep_total):.1f}%), noise lines removed "
                f"{self.removed}/{self.noise_total} ({100 * self.removed / max(1, self.noise_total):.1f}%), "
                f"clean pages unchanged {self.clean_unchanged}/{self.clean_pages}")


def outlet_of(path: Path) -> str:
    """`a-id-mediaindonesia-01.txt` -> `mediaindonesia` (pages of one outlet stay in one part)."""
    return path.stem.split("-", 2)[2].rsplit("-", 1)[0]


def split_of(path: Path) -> str:
    digest = hashlib.sha256(outlet_of(path).encode()).digest()
    return "report" if digest[0] < 256 * REPORT_SHARE else "tune"


def page_files(split: str | None = None) -> list[Path]:
    files = sorted(PAGES.glob("[a-z]-*.txt"))
    return [path for path in files if split is None or split_of(path) == split]


def read_page(path: Path) -> LabelledPage:
    raw = path.read_text(encoding="utf-8")
    _, front, body = raw.split("---\n", 2)
    lines, labels, positions = [], [], []
    for line in body.split("\n"):
        found = LABEL.match(line)
        if found:
            if found.group(2).strip():
                labels.append((found.group(1), found.group(2)))
                positions.append(len(lines))
            lines.append(found.group(2))
        else:
            lines.append(line)
    if not re.search(r"^date:", front, re.M):  # a page that does not tell its date: any will do here
        front += "date: 2024-01-01\n"
    return LabelledPage(path.name, f"---\n{front}---\n" + "\n".join(lines), tuple(labels), tuple(positions))


def plain(markdown_line: str) -> str:
    """What a reader sees of one line, normalised for comparison (a text bullet is shown as a list item)."""
    return normalise(html_to_text(sanitise_html(render_markdown(BULLET.sub("", markdown_line) + "\n"))))


def normalise(text: str) -> str:
    """Case, spaces and brackets aside: a reference link rendered alone ('[Santulator]') reads as its text
    in the page, where its definition is."""
    return " ".join(text.casefold().replace("[", " ").replace("]", " ").split())


def contains(text: str, part: str) -> bool:
    """Whether ``part`` stands in ``text`` as a whole run of words (not inside a longer word)."""
    start = text.find(part)
    while start != -1:
        end = start + len(part)
        before = text[start - 1] if start else " "
        after = text[end] if end < len(text) else " "
        if not (before.isalnum() and part[0].isalnum()) and not (after.isalnum() and part[-1].isalnum()):
            return True
        start = text.find(part, start + 1)
    return False


def parsed(page: LabelledPage) -> Article:
    article, problems = parse_article(page.article_text, page.name, Path(page.name).stem, DEFAULTS)
    assert article is not None, [str(p) for p in problems]
    return article


def score_page(page: LabelledPage, clean=clean_article, chrome: frozenset[str] = frozenset()) -> Score:
    article = parsed(page)
    cleaned = clean(article, None, chrome) if chrome else clean(article)
    text = normalise(cleaned.text.replace("\n", " "))
    removed = {change.line for change in cleaned.cleanup if change.action == "removed"}
    real = [plain(line) for label, line in page.labels if label == "K"]
    score = Score()
    for (label, line), position in zip(page.labels, page.positions):
        seen = plain(line)
        if not seen or label == "A":
            continue
        if label == "K":
            # Lost when a rule removed it, or when the reader cannot find its words, rendered or as written (a
            # line of a code block), but for a line with markup, which renders alone otherwise than in its page
            # (an image, a reference link).
            score.keep_total += 1
            if article.body_line + position not in removed and (seen in text or normalise(line) in text
                                                                or MARKUP.search(line)):
                score.kept += 1
            else:
                score.misses.append(f"{page.name}: lost {line[:100]!r}")
        elif not any(seen in other for other in real):  # noise that is also a real line's words: not scored
            score.noise_total += 1
            if contains(text, seen):
                score.misses.append(f"{page.name}: kept noise {line[:100]!r}")
            else:
                score.removed += 1
    if not any(label != "K" for label, _ in page.labels):
        score.clean_pages = 1
        score.clean_unchanged = int(not any(change.action == "removed" for change in cleaned.cleanup))
        if not score.clean_unchanged:
            score.misses.append(f"{page.name}: a clean page lost lines")
    return score


def score_split(split: str | None, clean=clean_article) -> tuple[Score, dict[str, Score]]:
    """The split's pages cleaned as one digest: each with the chrome the other pages of its outlet teach."""
    total, by_language = Score(), {}
    pages = [read_page(path) for path in page_files(split)]
    articles = [parsed(page) for page in pages]
    learned = learned_chrome((article.source, clean(article).line_keys) for article in articles)
    for path, page, article in zip(page_files(split), pages, articles):
        score = score_page(page, clean, chrome_of(article.source, clean(article).line_keys, learned))
        total.add(score)
        by_language.setdefault(path.stem.split("-")[1], Score()).add(score)
    return total, by_language


if __name__ == "__main__":
    split = next((arg for arg in sys.argv[1:] if arg in ("tune", "report")), "tune")
    total, by_language = score_split(split)
    print(total.line(f"{split} ({len(page_files(split))} pages)"))
    for language in sorted(by_language):
        print("  " + by_language[language].line(language))
    if "--misses" in sys.argv:
        print("\n".join(total.misses))

"""The cleaner against a corpus of noisy and clean articles in nine languages (tests/cleaning_corpus).

Each file lists phrases that must survive cleaning (`keep`) and phrases that must go (`drop`); the
rates are printed at the end of the test run and must stay at or above 99% kept and 95% dropped.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest

from site_builder.cleaning.clean import clean_article
from site_builder.content.frontmatter import ArticleDefaults, parse_article

CORPUS = Path(__file__).parent / "cleaning_corpus"
HOLDOUT = Path(__file__).parent / "cleaning_holdout"
"""Written after the rules, by someone who never saw them; the rules are never tuned on it."""
DEFAULTS = ArticleDefaults("en", "UTC", frozenset({"keep", "drop"}))
REPORT_LINES: list[str] = []


@dataclass
class Tally:
    kept: int = 0
    keep_total: int = 0
    dropped: int = 0
    drop_total: int = 0
    misses: list[str] = field(default_factory=list)

    def rate_line(self, label: str) -> str:
        return (f"{label}: kept {self.kept}/{self.keep_total} must-keep phrases "
                f"({100 * self.kept / max(1, self.keep_total):.1f}%), dropped {self.dropped}/{self.drop_total} "
                f"must-drop phrases ({100 * self.dropped / max(1, self.drop_total):.1f}%)")


def squeeze(text: str) -> str:
    return " ".join(text.split())


def check_file(path: Path, tally: Tally) -> None:
    article, problems = parse_article(path.read_text(encoding="utf-8"), path.name, path.stem, DEFAULTS)
    assert article is not None, [str(p) for p in problems]
    text = squeeze(clean_article(article).text)
    for phrase in article.extra["keep"]:
        tally.keep_total += 1
        if squeeze(phrase) in text:
            tally.kept += 1
        else:
            tally.misses.append(f"{path.name}: lost {phrase!r}")
    for phrase in article.extra.get("drop") or []:
        tally.drop_total += 1
        if squeeze(phrase) not in text:
            tally.dropped += 1
        else:
            tally.misses.append(f"{path.name}: kept noise {phrase!r}")


def corpus_files(folder: Path = CORPUS) -> list[Path]:
    return sorted(folder.glob("[a-z][a-z]-*.md"))


def test_corpus_is_large_and_multilingual():
    files = corpus_files()
    languages = {path.name.split("-")[0] for path in files}
    assert len(files) >= 40 and len(languages) >= 8, (len(files), sorted(languages))


def test_cleaning_keeps_real_sentences_and_drops_noise_across_the_corpus():
    total, by_language = Tally(), {}
    for path in corpus_files():
        language = path.name.split("-")[0]
        tally = by_language.setdefault(language, Tally())
        check_file(path, tally)
        check_file(path, total)
    REPORT_LINES.append(total.rate_line(f"cleaning corpus ({len(corpus_files())} articles)"))
    REPORT_LINES.extend("  " + by_language[lang].rate_line(lang) for lang in sorted(by_language))
    REPORT_LINES.extend("  " + miss for miss in total.misses)
    assert total.kept / total.keep_total >= 0.99, "\n".join(total.misses)
    assert total.dropped / total.drop_total >= 0.95, "\n".join(total.misses)


def test_held_out_articles_keep_real_sentences_and_lose_most_noise():
    tally = Tally()
    for path in corpus_files(HOLDOUT):
        check_file(path, tally)
    REPORT_LINES.append(tally.rate_line(f"held-out corpus ({len(corpus_files(HOLDOUT))} articles, never tuned on)"))
    REPORT_LINES.extend("  " + miss for miss in tally.misses)
    assert tally.kept / tally.keep_total >= 0.99, "\n".join(tally.misses)
    assert tally.dropped / tally.drop_total >= 0.85, "\n".join(tally.misses)  # 91.3% when first measured


@pytest.mark.parametrize("path", corpus_files() + corpus_files(HOLDOUT), ids=lambda p: p.stem)
def test_every_corpus_article_builds_clean_html_without_scripts(path):
    article, _ = parse_article(path.read_text(encoding="utf-8"), path.name, path.stem, DEFAULTS)
    html = clean_article(article).html.lower()
    assert "<script" not in html and "<iframe" not in html and "javascript:" not in html

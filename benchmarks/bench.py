"""Benchmarks with figures in their output (timings never live in tests).

    ./dev bench            # every benchmark
    ./dev bench clean      # only the cleaning cost per article

clean: the clean stage (noise rules, Markdown, sanitiser) over the cleaning corpus and the seed
articles, each article cleaned many times; prints the median and 95th percentile per article.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from site_builder.clean import clean_article  # noqa: E402
from site_builder.frontmatter import ArticleDefaults, parse_article  # noqa: E402
from site_builder.noise import bare  # noqa: E402


def corpus_articles() -> list:
    defaults = ArticleDefaults("en", "UTC", frozenset({"keep", "drop"}))
    paths = sorted((ROOT / "tests" / "cleaning_corpus").glob("*.md")) + sorted((ROOT / "content").glob("*.md"))
    articles = []
    for path in paths:
        article, _ = parse_article(path.read_text(encoding="utf-8"), path.name, path.stem, defaults)
        if article:
            articles.append(article)
    return articles


def bench_clean(rounds: int) -> None:
    articles = corpus_articles()
    per_article = []
    for article in articles:
        times = []
        for _ in range(rounds):
            bare.cache_clear()  # a build cleans each article once: measure it cold
            started = time.perf_counter()
            clean_article(article)
            times.append(time.perf_counter() - started)
        per_article.append(statistics.median(times) * 1000)
    per_article.sort()
    p95 = per_article[int(0.95 * (len(per_article) - 1))]
    words = statistics.median(len(a.body.split()) for a in articles)
    print(f"clean: {len(articles)} articles (median {words:.0f} words), {rounds} rounds each: "
          f"median {statistics.median(per_article):.3f} ms, p95 {p95:.3f} ms, max {per_article[-1]:.3f} ms "
          f"per article")


BENCHMARKS = {"clean": bench_clean}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("names", nargs="*", choices=[[], *BENCHMARKS], help="benchmarks to run (default: all)")
    parser.add_argument("--rounds", type=int, default=50, help="repetitions per measured item (default 50)")
    args = parser.parse_args()
    for name in args.names or BENCHMARKS:
        BENCHMARKS[name](args.rounds)


if __name__ == "__main__":
    main()

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
from site_builder.noise import Line, bare  # noqa: E402
from site_builder.rules import run_rules  # noqa: E402


def corpus_articles() -> list:
    defaults = ArticleDefaults("en", "UTC", frozenset({"keep", "drop"}))
    paths = sorted((ROOT / "tests" / "cleaning_corpus").glob("*.md")) + sorted((ROOT / "content").glob("*.md"))
    articles = []
    for path in paths:
        article, _ = parse_article(path.read_text(encoding="utf-8"), path.name, path.stem, defaults)
        if article:
            articles.append(article)
    return articles


def per_article_ms(articles: list, rounds: int, work) -> list[float]:
    """Median time of ``work(article)`` for each article, cold (a build cleans each article once)."""
    result = []
    for article in articles:
        times = []
        for _ in range(rounds):
            bare.cache_clear()
            started = time.perf_counter()
            work(article)
            times.append(time.perf_counter() - started)
        result.append(statistics.median(times) * 1000)
    return sorted(result)


def describe(label: str, times: list[float]) -> str:
    p95 = times[int(0.95 * (len(times) - 1))]
    return f"  {label}: median {statistics.median(times):.3f} ms, p95 {p95:.3f} ms, max {times[-1]:.3f} ms"


def bench_clean(rounds: int) -> None:
    articles = corpus_articles()
    words = statistics.median(len(a.body.split()) for a in articles)
    print(f"clean: {len(articles)} articles (median {words:.0f} words), {rounds} cold rounds each, per article:")
    rules = per_article_ms(articles, rounds, lambda a: run_rules(
        [Line(i, t) for i, t in enumerate(a.body.splitlines())], a.title))
    print(describe("noise rules alone", rules))
    print(describe("whole clean stage (rules, Markdown, sanitiser, text)", per_article_ms(articles, rounds,
                                                                                       clean_article)))


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

"""Benchmarks with figures in their output (timings never live in tests).

    ./dev bench            # every benchmark
    ./dev bench clean      # only the cleaning cost per article
    ./dev bench grouping   # only story grouping at 10,000 articles

clean: the clean stage (noise rules, Markdown, sanitiser) over the cleaning corpus and the seed
articles, each article cleaned many times; prints the median and 95th percentile per article.
grouping: automatic grouping of 10,000 real English ledes (the 739 of ../shared/data/stories-en-public,
repeated with their dates moved by 30 days each round, like an archive of a year and more); prints
the wall time of features, index and clustering (median of 3) and how many stories it made.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from site_builder.clean import clean_article  # noqa: E402
from site_builder.config import GroupingSettings  # noqa: E402
from site_builder.features import clear_caches  # noqa: E402
from site_builder.clustering import cluster  # noqa: E402
from site_builder.grouping import item_for  # noqa: E402
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


def archive_of(size: int) -> list:
    """``size`` cleaned articles: the English roundup ledes, repeated a month later each round."""
    folder = ROOT.parent / "shared" / "data" / "stories-en-public" / "articles"
    base = []
    for path in sorted(folder.glob("*.md")):
        article, _ = parse_article(path.read_text(encoding="utf-8"), path.name, path.stem,
                                   ArticleDefaults("en", "UTC"))
        base.append(clean_article(article))
    return [replace(a, id=f"{a.id}-{n}", date=a.date + timedelta(days=30 * n))
            for n in range(size // len(base) + 1) for a in base][:size]


def bench_grouping(rounds: int) -> None:
    """Features are a per-article stage (like cleaning: computed once per article, cacheable); grouping
    proper is the index and the clustering over the whole archive. Both are timed, cold."""
    articles = archive_of(10_000)
    feature_times, group_times, stories = [], [], 0
    for _ in range(3):
        clear_caches()
        started = time.perf_counter()
        items = [item_for(article) for article in articles]
        feature_times.append(time.perf_counter() - started)
        started = time.perf_counter()
        clusters = cluster(items, GroupingSettings())
        group_times.append(time.perf_counter() - started)
        stories = len(clusters.groups)
    print(f"grouping: {len(articles)} articles into {stories} stories: clustering (index, similarities, "
          f"stories) {statistics.median(group_times):.2f} s (target under 2 s); features, a per-article stage, "
          f"{statistics.median(feature_times):.2f} s ({1000 * statistics.median(feature_times) / len(articles):.2f}"
          f" ms per article); medians of 3 cold runs")


def bench_serve(rounds: int, size: int = 1000) -> None:
    """From saving a Markdown file to the open page showing the change, in headless Chromium."""
    import shutil
    import subprocess
    import tempfile

    from playwright.sync_api import sync_playwright

    from corpus import write_corpus

    folder = write_corpus(Path(tempfile.mkdtemp(prefix="sb-serve-")), size)
    server = subprocess.Popen([sys.executable, "-m", "site_builder", "serve", "--port", "0"], cwd=folder,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    url = None
    while url is None:
        line = server.stdout.readline()
        found = re.search(r"at (http://\S+) ", line)
        url = found.group(1) if found else (None if line else sys.exit("serve did not start"))
    article = folder / "content" / "a00001.md"
    page_url = url + "articles/" + _slug_of(folder, article) + "/"
    times = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=shutil.which("chromium"), args=[
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-sync"])
            page = browser.new_page()
            page.goto(page_url)
            page.wait_for_function("() => window.__siteBuilderConnected === true")
            for edit in range(max(rounds // 3, 10)):
                marker = f"Benchmark marker {edit}."
                text = article.read_text(encoding="utf-8")
                started = time.perf_counter()
                article.write_text(text.rstrip("\n") + f"\n\n{marker}\n", encoding="utf-8")
                page.wait_for_function(f"() => document.body.innerText.includes({marker!r})", polling="raf",
                                       timeout=30_000)
                times.append(time.perf_counter() - started)
                page.wait_for_timeout(100)
            browser.close()
    finally:
        server.terminate()
        log = server.communicate(timeout=10)[0]
        shutil.rmtree(folder, ignore_errors=True)
    times.sort()
    builds = [float(s) * 1000 for s in re.findall(r"Rebuilt in ([0-9.]+) s", log)]
    median, p95 = statistics.median(times) * 1000, times[int(0.95 * (len(times) - 1))] * 1000
    print(f"serve: {size} articles, {len(times)} edits, save to page showing the change: median {median:.0f} ms, "
          f"p95 {p95:.0f} ms (targets 150 ms and 300 ms); the rebuild itself: median "
          f"{statistics.median(builds):.0f} ms")


def _slug_of(folder: Path, article: Path) -> str:
    """The slug a build gave the article (its title, made URL-safe)."""
    from site_builder.slugs import slugify

    title = re.search(r"^title: (.*)$", article.read_text(encoding="utf-8"), re.M).group(1).strip("'\"")
    return slugify(title)


BENCHMARKS = {"clean": bench_clean, "grouping": bench_grouping, "serve": bench_serve}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("names", nargs="*", choices=[[], *BENCHMARKS], help="benchmarks to run (default: all)")
    parser.add_argument("--rounds", type=int, default=50, help="repetitions per measured item (default 50)")
    args = parser.parse_args()
    for name in args.names or BENCHMARKS:
        BENCHMARKS[name](args.rounds)


if __name__ == "__main__":
    main()

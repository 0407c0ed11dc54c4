"""The command line: parse flags, call one function, print the report, set the exit code."""

from __future__ import annotations

import argparse
import gc
import json
import os
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from site_builder.config import SiteConfig, display_path, load_config, load_preview_config
from site_builder.errors import BrokenLinks, SiteBuilderError
from site_builder.pipeline import BuildOptions, BuildReport, build, clean_files, plan_stories
from site_builder.arguments import make_parser
from site_builder.progress import Progress, shown, timings_lines

if TYPE_CHECKING:
    from site_builder.writing.check import CheckReport
    from site_builder.publishing.deploy import DeployReport
    from site_builder.stories.grouping import Grouping
    from site_builder.model import Article, Site

# `serve`, `check`, `deploy`, `new`, `stories` and `clean` import what only they use when they run: a build
# starts sooner, and one with nothing to do loads none of the stages.


def site_overrides(args: argparse.Namespace) -> dict:
    """The flags that override site.yaml."""
    return {"content_dir": args.content, "output_dir": args.output, "base_url": args.base_url}


def run_build(args: argparse.Namespace) -> int:
    if args.drafts:
        config, warnings = load_preview_config(args.config, site_overrides(args), drafts=True)
    else:
        config, warnings = load_config(args.config, site_overrides(args))
    with shown_progress(args) as progress:
        options = BuildOptions(drafts=args.drafts, strict=args.strict, ends_process=args.ends_process)
        report = build(config, options, tuple(warnings), wait=args.wait)
    print_build(report, config, args.quiet)
    if not args.quiet and report.cleaning:
        print("Cleaning: " + ", ".join(f"{rule} {count}" for rule, count in report.cleaning))
    if args.timings:
        print("\n".join(timings_lines(progress)))
    return 0


def shown_progress(args: argparse.Namespace):  # noqa: ANN201 (a context manager of a Progress)
    """The live line on a terminal (stderr), unless --quiet; stage timings in any case."""
    live = not args.quiet and sys.stderr.isatty() and os.environ.get("TERM") != "dumb"
    return shown(Progress(sys.stderr if live else None))


def print_build(report: BuildReport, config: SiteConfig, quiet: bool) -> None:
    for problem in report.warnings:
        print(problem, file=sys.stderr)
    if not quiet:
        print(describe_build(report, display_path(config.output_dir, Path.cwd())))


def run_serve(args: argparse.Namespace) -> int:
    from site_builder.serving.serve import ServeFlags, serve_site

    serve_site(args.config, site_overrides(args), BuildOptions(drafts=args.drafts),
               ServeFlags(args.host, args.port, args.open))
    return 0


def run_stories(args: argparse.Namespace) -> int:
    config, _ = load_config(args.config, site_overrides(args))
    site, grouping, problems = plan_stories(config, BuildOptions(drafts=args.drafts))
    for problem in problems:
        print(problem, file=sys.stderr)
    if args.json:
        print(json.dumps({"stories": [{"id": s.id, "title": s.title, "articles": list(s.article_ids)}
                                      for s in site.stories]}, ensure_ascii=False, indent=2))
    elif args.suggest:
        printnear_miss_pairs(grouping, {a.id: a for a in site.articles}, config.grouping.threshold)
    else:
        print_stories(site, grouping)
    return 0


def print_stories(site: Site, grouping: Grouping) -> None:
    from site_builder.stories.features import describe_feature
    from site_builder.rendering.views import format_span

    articles = {a.id: a for a in site.articles}
    joined = {pair.second: pair for pair in grouping.links}
    for story in site.stories:
        span = format_span(story.first_reported, story.last_updated)
        if story.explicit:
            why = f"story key {story.id!r}"
        elif len(story.article_ids) > 1:
            on = ", ".join(describe_feature(f) for f in story.evidence) or "what the reports say (meaning)"
            why = f"grouped on {on}; {span}"
        else:
            why = "alone"
        print(f"{story.slug}: {story.title} ({plural(len(story.article_ids), 'article')}; {why})")
        for article_id in story.article_ids:
            article = articles[article_id]
            print(f"  {article.date.date()}  {article.lang:5} {article.source}: {article_id}")
            link = None if story.explicit else joined.get(article_id)
            if link:
                shared = ", ".join(describe_feature(f) for f in link.shared) or "nothing telling"
                print(f"      joined {link.first}: similarity {link.score:.2f}, sharing {shared}")


def printnear_miss_pairs(grouping: Grouping, articles: dict, threshold: float) -> None:
    from site_builder.stories.features import describe_feature

    if not grouping.near_misses:
        print(f"No near-misses: no pair of articles in different stories scores close to the threshold "
              f"({threshold:g}).")
        return
    print(f"Pairs just below the threshold ({threshold:g}); give both the same `story:` key to group them:")
    for pair in grouping.near_misses:
        shared = ", ".join(describe_feature(f) for f in pair.shared)
        print(f"  {pair.score:.3f}  {articles[pair.first].source_path}  +  {articles[pair.second].source_path}"
              f"  (shared: {shared})")


def run_clean(args: argparse.Namespace) -> int:
    config, _ = load_config(args.config)
    results = clean_files(config, args.paths)
    for result in results:
        for problem in result.problems:
            print(problem, file=sys.stderr)
        if result.article is None:
            continue
        if args.explain:
            changes = result.article.cleanup
            print(f"{result.path}: {plural(len(changes), 'change')}")
            for change in sorted(changes, key=lambda c: c.line):
                print(f"{result.path}:{change.line}: {change}")
        elif args.review:
            print_review(result.path, result.article)
        else:
            print(f"--- {result.path}" if len(results) > 1 else "", end="\n" if len(results) > 1 else "")
            print(cleaned_markdown(result.article))
    return 1 if any(result.article is None for result in results) else 0


def print_review(path: str, article: Article) -> None:
    """The lines a curator may want to confirm or overrule (see ``rules.JUDGED``)."""
    from site_builder.cleaning.rules import JUDGED
    from site_builder.cleaning.shapes import looks_like_chrome

    dropped = [c for c in article.cleanup if c.rule in JUDGED and c.action == "removed"]
    touched = {c.line for c in article.cleanup}
    kept = [(article.body_line + number, line.strip()) for number, line in enumerate(article.body.splitlines())
            if article.body_line + number not in touched and looks_like_chrome(line)]
    print(f"{path}: {plural(len(dropped), 'line')} dropped by judgement, {plural(len(kept), 'short line')} kept")
    for change in sorted(dropped, key=lambda c: c.line):
        print(f"  dropped {path}:{change.line}: {change}")
    for number, text in kept:
        print(f"  kept    {path}:{number}: {text!r}")
    if dropped or kept:
        print("  To keep a dropped line, switch its rule off for this article (front matter `clean: {disable: "
              "[RULE]}`) or the site (site.yaml `clean: disable:`); to drop a kept one, add a pattern for its "
              "source under site.yaml `clean: patterns:`.")


def cleaned_markdown(article: Article) -> str:
    """The cleaned Markdown with each embed as a readable [card ...] line."""
    from site_builder.cleaning.noise import EMBED_MARK

    text = article.markdown
    for number, embed in enumerate(article.embeds):
        text = text.replace(f"{EMBED_MARK}embed-{number}{EMBED_MARK}", f"[card: {embed.describe()}: "
                            f"{embed.plain_text()}]".replace("\n", " / "))
    return re.sub(r"\n{3,}", "\n\n", text).strip("\n")


def plural(count: int, noun: str, nouns: str = "") -> str:
    return f"{count} {noun if count == 1 else nouns or noun + 's'}"


def describe_build(report: BuildReport, output: str) -> str:
    write = report.write
    return (f"Built {plural(report.articles, 'article')} in {plural(report.stories, 'story', 'stories')}: "
            f"{plural(report.files, 'file')} ({write.written} written, {write.unchanged} unchanged, "
            f"{write.removed} removed), {plural(len(report.warnings), 'warning')}, {report.seconds:.2f} s -> {output}/")


def run_check(args: argparse.Namespace) -> int:
    config, warnings = load_config(args.config, site_overrides(args))
    from site_builder.publishing.deploy import build_and_check

    report, check = build_and_check(config, args.strict, tuple(warnings), args.wait)
    print_build(report, config, args.quiet)
    for problem in check.unlisted:
        print(problem, file=sys.stderr)
    if check.broken or (args.strict and check.unlisted):
        raise BrokenLinks(check.broken + check.unlisted)
    if not args.quiet:
        print(describe_check(check))
    return 0


def describe_check(check: CheckReport) -> str:
    return (f"Checked {plural(check.files, 'file')}: {check.references} internal links and asset references, "
            "none broken.")


def run_deploy(args: argparse.Namespace) -> int:
    config, warnings = load_config(args.config, site_overrides(args))
    from site_builder.publishing.deploy import DeployFlags, deploy_site

    flags = DeployFlags(args.folder, args.rsync, args.remote, args.branch, args.domain)
    with shown_progress(args) as progress:
        report = deploy_site(config, flags, args.dry_run, args.strict, tuple(warnings), args.wait)
    print_build(report.build, config, args.quiet)
    if not args.quiet:
        print(describe_check(report.check))
    print(describe_deploy(report, args.dry_run))
    if args.dry_run:
        for sign, paths in (("+", report.changes.added), ("~", report.changes.changed), ("-", report.changes.removed)):
            for path in paths:
                print(f"  {sign} {path}")
    if args.timings:
        print("\n".join(timings_lines(progress)))
    return 0


def describe_deploy(report: DeployReport, dry_run: bool) -> str:
    changes = report.changes
    counts = f"{len(changes.added)} added, {len(changes.changed)} changed, {len(changes.removed)} removed"
    if dry_run:
        return f"Dry run, nothing published: deploying to {report.target} would make {counts}{':' if changes else '.'}"
    if not report.published:
        return f"Nothing to publish: {report.target} already holds this build ({report.seconds:.2f} s)."
    commit = f"; commit {report.commit[:12]}" if report.commit else ""
    return f"Deployed to {report.target}: {counts}{commit}, {report.seconds:.2f} s."


def run_add(args: argparse.Namespace) -> int:
    from site_builder.adding.add import add_articles, choose_entries, list_feed
    from site_builder.adding.clip import ArticleChoices

    config, _ = load_config(args.config)
    choices = ArticleChoices(story=args.story, draft=args.draft, lang=args.lang, date=args.date)
    sources = args.sources
    if (args.all or args.since) and not args.feed:
        raise SiteBuilderError("--all and --since pick entries of a feed; give the feed with --feed URL|FILE")
    if not (sources or args.feed):
        raise SiteBuilderError("nothing to add; give web addresses, saved .html files, or --feed URL|FILE")
    if args.feed:
        lines = list_feed(config, args.feed)
        if not (sources or args.all or args.since):
            print_feed(lines, args.feed)
            return 0
        sources = [line.entry.url for line in choose_entries(lines, sources, args.all, args.since)]
        if not sources:
            print(f"{args.feed}: no new entries to add.")
            return 0
    planned = add_articles(config, sources, choices, args.dry_run)
    for article in planned:
        clip = article.clipping
        if args.dry_run:
            print(f"Would write {article.shown}:\n{article.text}")
        else:
            print(f"Added {article.shown}: {clip.title} ({clip.source}, {args.date or clip.date})")
    return 0


def print_feed(lines: list, feed: str) -> None:
    new = sum(1 for line in lines if not line.added_in)
    print(f"{feed}: {plural(len(lines), 'entry', 'entries')}, {new} new")
    for line in lines:
        day = line.entry.date.isoformat() if line.entry.date else "no date   "
        mark = f"added as {line.added_in}" if line.added_in else "new"
        print(f"{line.number:3}  {day}  {line.entry.title}\n       {line.entry.url}  [{mark}]")
    if new:
        print("Add them with --all, --since DATE, or their numbers: site-builder add --feed FEED 1 3")


def run_new(args: argparse.Namespace) -> int:
    from site_builder.scaffold import create_site

    create_site(args.path)
    print(f"Created {args.path}/ with site.yaml, content/welcome.md and README.md.\n"
          f"Next: cd {args.path} && site-builder build")
    return 0


COMMANDS = {"add": run_add, "build": run_build, "check": run_check, "clean": run_clean, "deploy": run_deploy, "new": run_new,
            "serve": run_serve, "stories": run_stories}
CLOSING = {"build": "Build failed: {count}; the output folder was left as it was.",
           "check": "Check failed: {count}.", "deploy": "Stopped: {count}; nothing was published."}


def main(argv: list[str] | None = None) -> int:
    return run_command(make_parser().parse_args(argv))


def run() -> NoReturn:
    """The `site-builder` program: the command, then the process ends at once. A build leaves millions of
    objects behind (the archive's articles, the views of its pages); collecting them, then tearing the
    interpreter down, took a large share of a daily build's time, after all its work was done. Every
    file it wrote is closed by then, and the terminal's output is flushed here. Commands other than
    `serve` (which runs for hours, and collects after each build) run with the collector off."""
    args = make_parser().parse_args()
    args.ends_process = True  # what a build leaves is not freed before the process ends (see ``BuildOptions``)
    if args.command != "serve":
        gc.disable()
    status = run_command(args)
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe or stream: nothing more can be said
            pass
    os._exit(status)


def run_command(args: argparse.Namespace) -> int:
    """Run the parsed command: its exit status, and any problem printed for a person to act on."""
    try:
        return COMMANDS[args.command](args)
    except SiteBuilderError as err:
        print(err, file=sys.stderr)
        if err.problems:
            count = plural(sum(p.is_error for p in err.problems) or len(err.problems), "problem")
            if isinstance(err, BrokenLinks):
                count = plural(len(err.problems), "broken link")
            closing = CLOSING.get(args.command, "Stopped: {count}; nothing was written.")
            print(closing.format(count=count), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 0 if args.command == "serve" else 130
    except BrokenPipeError:  # output piped into `head` and the like
        sys.stderr.close()
        return 0

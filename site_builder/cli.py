"""The command line: parse flags, call one function, print the report, set the exit code."""

from __future__ import annotations

import argparse
import gc
import json
import os
import re
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from site_builder import __version__
from site_builder.config import SiteConfig, display_path, load_config, load_preview_config
from site_builder.errors import BrokenLinks, SiteBuilderError
from site_builder.pipeline import BuildOptions, BuildReport, build, clean_files, plan_stories
from site_builder.progress import Progress, shown, timings_lines

if TYPE_CHECKING:
    from site_builder.writing.check import CheckReport
    from site_builder.publishing.deploy import DeployReport
    from site_builder.stories.grouping import Grouping
    from site_builder.model import Article, Site

# `serve`, `check`, `deploy`, `new`, `stories` and `clean` import what only they use when they run: a build
# starts sooner, and one with nothing to do loads none of the stages.


def add_site_flags(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--config", type=Path, metavar="PATH",
                        help="site configuration file (default: ./site.yaml; its folder is the site folder)")
    parser.add_argument("--content", metavar="DIR", help="folder of Markdown articles (overrides `content:`)")
    parser.add_argument("--output", metavar="DIR", help="folder to build into (overrides `output:`)")
    parser.add_argument("--base-url", metavar="URL",
                        help="absolute URL the site is published at, may carry a sub-path (overrides `base_url:`)")


def add_strict_and_quiet(parser: argparse.ArgumentParser, quiet: str = "print only problems") -> None:
    parser.add_argument("--strict", action="store_true", help="treat warnings as errors")
    parser.add_argument("-q", "--quiet", action="store_true", help=quiet)
    parser.add_argument("--no-wait", dest="wait", action="store_false",
                        help="when another site-builder process is writing the same output folder, stop at once "
                             "(exit 1) instead of waiting for it")


def add_timings(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--timings", action="store_true",
                        help="print how long each stage took (read, clean, group, render, write) after the summary")


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="site-builder",
        description="Build a static news digest from clipped articles: clean them, group them by story, "
                    "render them with a Jinja2 theme.")
    parser.add_argument("--version", action="version", version=f"site-builder {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    parser.set_defaults(ends_process=False)

    build_parser = commands.add_parser(
        "build", help="build the site into the output folder",
        description="Load, clean and group the articles and write the site into the output folder. Nothing "
                    "is written unless the whole build succeeds; files the previous build wrote and this one "
                    "does not are removed. Only new and edited articles are parsed and cleaned again (the "
                    "rest come from the cache folder, .site-builder/cache/ beside site.yaml, safe to delete), and only "
                    "pages whose content changed are rendered again; a first build uses every core.")
    add_site_flags(build_parser)
    build_parser.add_argument("--drafts", action="store_true",
                              help="include articles marked `draft: true`, building into the preview folder "
                                   ".site-builder/preview/ (or --output), never the output folder of site.yaml")
    add_strict_and_quiet(build_parser)
    add_timings(build_parser)

    clean_parser = commands.add_parser(
        "clean", help="show what cleaning does to articles, without writing anything",
        description="Clean the given article files as a build would and print the cleaned Markdown (embeds "
                    "shown as [card ...] lines), or with --explain what each rule removed or changed, line by "
                    "line. Source files are never modified.")
    clean_parser.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="article files to clean")
    view = clean_parser.add_mutually_exclusive_group()
    view.add_argument("--explain", action="store_true",
                      help="list each removal or change as path:line: rule: what (evidence), instead of the text")
    view.add_argument("--review", action="store_true",
                      help="list the borderline lines: those dropped by the rules that judge by shape and "
                           "place (not by a known wording), and the short lines kept inside the text, with how "
                           "to overrule each")
    clean_parser.add_argument("--config", type=Path, metavar="PATH",
                              help="site configuration file whose `clean:` settings apply (default: ./site.yaml)")

    stories_parser = commands.add_parser(
        "stories", help="list the stories a build would publish, and why they were formed",
        description="Load, clean and group the articles as a build would, write nothing, and print each story "
                    "with its articles; for an automatic story, the names it was grouped on, its time span, and for "
                    "each article that joined it, the report it joined, their similarity and what they share.")
    add_site_flags(stories_parser)
    stories_parser.add_argument("--drafts", action="store_true", help="include articles marked `draft: true`")
    output = stories_parser.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true",
                        help='print {"stories": [{"id", "title", "articles": [article ids]}]} instead')
    output.add_argument("--suggest", action="store_true",
                        help="list near-misses: article pairs just below the grouping threshold, to confirm with "
                             "a shared `story:` key")

    serve_parser = commands.add_parser(
        "serve", help="build, serve the site locally, rebuild on save and reload open pages",
        description="Build the site into the preview folder .site-builder/preview/ beside site.yaml (or "
                    "--output; never the output folder, which is what gets published), serve it under its base "
                    "path, and rebuild through the same pipeline whenever content, templates, static files or "
                    "site.yaml change. Open pages reload by themselves (stylesheet changes are swapped in place) "
                    "and show build errors over the last good page. The files on disk are exactly what `build` "
                    "writes.")
    add_site_flags(serve_parser)
    serve_parser.add_argument("--host", default="127.0.0.1",
                              help="address to listen on (default 127.0.0.1; anything else is reachable from "
                                   "other machines and gets a warning)")
    serve_parser.add_argument("--port", type=int, default=8000,
                              help="port to listen on (default 8000; 0 picks a free one)")
    serve_parser.add_argument("--open", action="store_true", help="open the site in the default browser")
    serve_parser.add_argument("--drafts", action="store_true", help="include articles marked `draft: true`")

    check_parser = commands.add_parser(
        "check", help="build the site as it is published and check every internal link and asset",
        description="Build the site as `deploy` does (site.yaml's base_url, no drafts) and check that every "
                    "internal link and asset reference (href, src, srcset, CSS url(), feed and sitemap entries) "
                    "names a file of the build under the base path. Each broken one is listed as "
                    "path:line:column; the exit status is 1 when there is one.")
    add_site_flags(check_parser)
    add_strict_and_quiet(check_parser)

    deploy_parser = commands.add_parser(
        "deploy", help="build, check and publish the site to a git branch, a folder or over rsync",
        description="Build the site fresh as it is published (site.yaml's base_url, no drafts), check every "
                    "internal link (a broken one stops the deploy), then publish: as the whole content of a git "
                    "branch pushed to a remote (with .nojekyll, and CNAME for a custom domain), by replacing a "
                    "folder's content in one step, or with rsync deleting files that are gone. The flags below "
                    "override `deploy:` in site.yaml; with neither, the target is the gh-pages branch of origin. "
                    "Every precondition is checked before anything is built or published.")
    add_site_flags(deploy_parser)
    target = deploy_parser.add_argument_group("target (overrides `deploy:` in site.yaml; pass those of one)")
    target.add_argument("--folder", type=Path, metavar="PATH",
                        help="replace this folder's whole content with the build, in one step")
    target.add_argument("--rsync", metavar="DEST",
                        help="rsync the build to DEST (user@host:path or a local folder), deleting files that are gone")
    target.add_argument("--remote", metavar="NAME", help="git remote to push the branch to (default: origin)")
    target.add_argument("--branch", metavar="NAME", help="git branch replaced by the build (default: gh-pages)")
    target.add_argument("--domain", metavar="HOST", help="custom domain, written to CNAME on the branch")
    deploy_parser.add_argument("--dry-run", action="store_true",
                               help="build and check, list what would be added, changed and removed; publish nothing")
    add_strict_and_quiet(deploy_parser, "print only problems and the outcome")
    add_timings(deploy_parser)

    add_parser = commands.add_parser(
        "add", help="clip articles into the content folder from web addresses, saved pages or a feed",
        description="Fetch each web page (or read each page saved by a browser), extract the article (title, "
                    "date, language, outlet, canonical address, author, the text as Markdown, social embeds as the "
                    "embed codes the build turns into cards) and write it as content/DATE-SOURCE-TITLE.md. Every "
                    "page is read before anything is written: when one fails (network, timeout, not a web page, "
                    "too large, no article text, an address already in the digest), each failure is told on "
                    "one line, nothing is written and the exit status is 1. With --feed, list the feed's entries "
                    "and mark those already in the digest; --all, --since or entry numbers add the new ones. "
                    "Needs the extra: pip install 'site-builder[add]'.")
    add_parser.add_argument("sources", nargs="*", metavar="URL|FILE|NUMBER",
                            help="web addresses (http or https) or saved .html files; with --feed, numbers of "
                                 "the listing's entries to add")
    add_parser.add_argument("--feed", metavar="URL|FILE", help="an RSS, Atom or JSON Feed, by address or file")
    add_parser.add_argument("--all", action="store_true", help="with --feed: add every new entry")
    add_parser.add_argument("--since", type=iso_date, metavar="DATE",
                            help="with --feed: add the new entries dated DATE (YYYY-MM-DD) or later")
    add_parser.add_argument("--story", metavar="KEY", help="join the story with this `story:` key")
    add_parser.add_argument("--draft", action="store_true", help="write `draft: true`")
    add_parser.add_argument("--lang", type=language_code, metavar="CODE",
                            help="the articles' language (e.g. en), over what the page says; needed when it says none")
    add_parser.add_argument("--date", type=iso_date, metavar="DATE",
                            help="the publication date (YYYY-MM-DD), over what the page says; needed when it says none")
    add_parser.add_argument("--dry-run", action="store_true",
                            help="print each file that would be written, with its text; write nothing")
    add_parser.add_argument("--config", type=Path, metavar="PATH",
                            help="site configuration file; its content folder receives the articles "
                                 "(default: ./site.yaml)")

    new_parser = commands.add_parser(
        "new", help="create a new site folder",
        description="Create PATH with a site.yaml, a sample article and a README, ready for `site-builder build`.")
    new_parser.add_argument("path", type=Path, metavar="PATH", help="folder to create (must be new or empty)")
    return parser


def iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date; write it as 2025-07-12") from None


def language_code(text: str) -> str:
    if not re.fullmatch(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*", text):
        raise argparse.ArgumentTypeError(f"{text!r} is not a language code; write one such as en, de or pt-BR")
    return text


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
    interpreter down, took 0.4 s after a daily build at 4,000 articles had done all its work. Every
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

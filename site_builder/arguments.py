"""The command line's flags: every command, its flags and their help, and the checks of their values."""

from __future__ import annotations

import argparse
import re
from datetime import date
from pathlib import Path

from site_builder import __version__


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

"""The command line: parse flags, call one function, print the report, set the exit code."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from site_builder import __version__
from site_builder.config import display_path, load_config
from site_builder.errors import SiteBuilderError
from site_builder.pipeline import BuildOptions, BuildReport, build
from site_builder.scaffold import create_site


def add_site_flags(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--config", type=Path, metavar="PATH",
                        help="site configuration file (default: ./site.yaml; its folder is the site folder)")
    parser.add_argument("--content", metavar="DIR", help="folder of Markdown articles (overrides `content:`)")
    parser.add_argument("--output", metavar="DIR", help="folder to build into (overrides `output:`)")
    parser.add_argument("--base-url", metavar="URL",
                        help="absolute URL the site is published at, may carry a sub-path (overrides `base_url:`)")


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="site-builder",
        description="Build a static news digest from clipped articles: clean them, group them by story, "
                    "render them with a Jinja2 theme.")
    parser.add_argument("--version", action="version", version=f"site-builder {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    build_parser = commands.add_parser(
        "build", help="build the site into the output folder",
        description="Load, clean and group the articles and write the site into the output folder. Nothing "
                    "is written unless the whole build succeeds; files the previous build wrote and this one "
                    "does not are removed.")
    add_site_flags(build_parser)
    build_parser.add_argument("--drafts", action="store_true", help="include articles marked `draft: true`")
    build_parser.add_argument("--strict", action="store_true", help="treat warnings as errors")
    build_parser.add_argument("--quiet", action="store_true", help="print only problems")

    new_parser = commands.add_parser(
        "new", help="create a new site folder",
        description="Create PATH with a site.yaml, a sample article and a README, ready for `site-builder build`.")
    new_parser.add_argument("path", type=Path, metavar="PATH", help="folder to create (must be new or empty)")
    return parser


def run_build(args: argparse.Namespace) -> int:
    overrides = {"content_dir": args.content, "output_dir": args.output, "base_url": args.base_url}
    config, warnings = load_config(args.config, overrides)
    report = build(config, BuildOptions(drafts=args.drafts, strict=args.strict), tuple(warnings))
    for problem in report.warnings:
        print(problem, file=sys.stderr)
    if not args.quiet:
        print(describe_build(report, display_path(config.output_dir, Path.cwd())))
    return 0


def plural(count: int, noun: str, nouns: str = "") -> str:
    return f"{count} {noun if count == 1 else nouns or noun + 's'}"


def describe_build(report: BuildReport, output: str) -> str:
    write = report.write
    return (f"Built {plural(report.articles, 'article')} in {plural(report.stories, 'story', 'stories')}: "
            f"{plural(report.files, 'file')} ({write.written} written, {write.unchanged} unchanged, "
            f"{write.removed} removed), {plural(len(report.warnings), 'warning')}, {report.seconds:.2f} s -> {output}/")


def run_new(args: argparse.Namespace) -> int:
    create_site(args.path)
    print(f"Created {args.path}/ with site.yaml, content/welcome.md and README.md.\n"
          f"Next: cd {args.path} && site-builder build")
    return 0


COMMANDS = {"build": run_build, "new": run_new}


def main(argv: list[str] | None = None) -> int:
    args = make_parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except SiteBuilderError as err:
        print(err, file=sys.stderr)
        if err.problems:
            count = sum(p.is_error for p in err.problems) or len(err.problems)
            print(f"Build failed: {count} problem{'s' if count != 1 else ''}; the output folder was left as it was.",
                  file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("Interrupted.", file=sys.stderr)
        return 130

"""Curators steer cleaning: rules switched off by name in site.yaml or front matter, their own line
patterns per source, and `site-builder clean` to see what cleaning does without writing anything."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import article, build_site

from site_builder.config import parse_config
from site_builder.errors import BuildFailed
from site_builder.cleaning.rules import RULE_NAMES

NOISY_BODY = ("The council met on Monday to debate the budget.\n\nBAGIKAN\n\nSponsored by Acme\n\n"
              "It approved the budget after a long debate.\n")
RULE_LIST = ", ".join(RULE_NAMES)


def article_html(root: Path, slug: str = "a-report") -> str:
    return (root / "output" / "articles" / slug / "index.html").read_text(encoding="utf-8")


def run_cli(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "site_builder", *args], cwd=root, capture_output=True, text=True)


def test_site_patterns_remove_lines_for_their_source_only(make_site):
    root = make_site({"site.yaml": "title: T\nbase_url: https://example.org/\nclean:\n  patterns:\n"
                                   "    Example News: ['^Sponsored by ']\n",
                      "content/a.md": article(body=NOISY_BODY),
                      "content/b.md": article(title="Other", source="Other Wire", body=NOISY_BODY)})
    build_site(root)
    assert "Sponsored by Acme" not in article_html(root) and "BAGIKAN" not in article_html(root)
    assert "Sponsored by Acme" in article_html(root, "other")


def test_a_site_can_switch_a_rule_off(make_site):
    root = make_site({"site.yaml": "title: T\nbase_url: https://example.org/\nclean:\n  disable: [share-widgets]\n",
                      "content/a.md": article(body=NOISY_BODY)})
    build_site(root)
    assert "BAGIKAN" in article_html(root)


@pytest.mark.parametrize("clean, expected", [
    ("clean:\n  disable: [share-widget]\n",
     f"site.yaml:3:3: unknown cleaning rule 'share-widget'; the rules are: {RULE_LIST}; "
     "correct the name in `clean: disable:`"),
    ("clean:\n  patterns:\n    '*': ['([unclosed']\n",
     "site.yaml:3:3: pattern for '*' is not a valid regular expression (unterminated character set at "
     "position 1); correct it; use \\ before special characters"),
    ("clean: [share-widgets]\n",
     "site.yaml:2:8: 'clean' must be a mapping with `disable:` and/or `patterns:`; write `clean:` then indented "
     "`disable: [rule-name]` or `patterns:`"),
])
def test_clean_settings_in_site_yaml_are_validated(clean, expected):
    _, problems = parse_config("title: T\n" + clean, Path("/site"), "site.yaml")
    assert [str(p) for p in problems] == [expected]


def test_an_article_can_opt_out_of_cleaning_but_not_of_sanitising(make_site):
    root = make_site({"content/a.md": article(clean=False, body=NOISY_BODY + "\n<script>alert(1)</script>\n")})
    build_site(root)
    assert "BAGIKAN" in article_html(root) and "<script>alert" not in article_html(root)


def test_an_article_can_switch_single_rules_off(make_site):
    root = make_site({"content/a.md": article(clean={"disable": ["share-widgets"]},
                                              body=NOISY_BODY + "\nAdvertisement\n")})
    build_site(root)
    assert "BAGIKAN" in article_html(root) and "Advertisement" not in article_html(root)


def test_an_unknown_rule_in_front_matter_is_an_error_listing_the_rules(make_site):
    root = make_site({"content/a.md": article(clean={"disable": ["widgets"]})})
    with pytest.raises(BuildFailed) as failure:
        build_site(root)
    assert str(failure.value) == (f"content/a.md:6:8: unknown cleaning rule 'widgets'; the rules are: {RULE_LIST}; "
                                  "correct the name in `clean: disable:`")


def test_clean_explain_lists_each_change_by_line_and_rule_and_writes_nothing(make_site):
    root = make_site({"content/a.md": article(body=NOISY_BODY)})
    before = (root / "content" / "a.md").read_bytes()
    result = run_cli(root, "clean", "--explain", "content/a.md")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "content/a.md: 1 change",
        "content/a.md:9: share-widgets: removed 'BAGIKAN'",
    ]
    assert (root / "content" / "a.md").read_bytes() == before and not (root / "output").exists()


def test_clean_prints_the_cleaned_markdown(make_site):
    root = make_site({"content/a.md": article(body=NOISY_BODY)})
    result = run_cli(root, "clean", "content/a.md")
    assert result.stdout == ("The council met on Monday to debate the budget.\n\nSponsored by Acme\n\n"
                             "It approved the budget after a long debate.\n")


def test_clean_of_a_file_with_errors_reports_them_and_fails(make_site):
    root = make_site({"content/a.md": "---\ntitle: T\n---\nText\n"})
    result = run_cli(root, "clean", "content/a.md")
    assert result.returncode == 1 and "required key 'date' is missing" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_build_report_counts_changes_per_rule(make_site):
    root = make_site({"content/a.md": article(body="Advertisement\n\nIklan\n\n" + NOISY_BODY + "\nUPDATES\n")})
    result = run_cli(root, "build")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[1] == "Cleaning: ad-labels 2, share-widgets 1, trailing-tags 1"


def test_clean_review_lists_lines_dropped_by_judgement_and_short_lines_kept(make_site):
    body = ("Politics\n\nThe mayor resigned on Friday after a vote of no confidence in the council.\n\n"
            "What happens next\n\nA new election must be held within ninety days, the charter says.\n")
    root = make_site({"content/a.md": article(body=body)})
    result = run_cli(root, "clean", "--review", "content/a.md")
    assert result.returncode == 0 and "Traceback" not in result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "content/a.md: 1 line dropped by judgement, 1 short line kept"
    assert lines[1] == ("  dropped content/a.md:7: edge-labels: removed 'Politics' "
                        "(a short line before the text begins)")
    assert lines[2] == "  kept    content/a.md:11: 'What happens next'"
    assert "clean: {disable: [RULE]}" in lines[3]
    assert run_cli(root, "clean", "--review", "--explain", "content/a.md").returncode == 2

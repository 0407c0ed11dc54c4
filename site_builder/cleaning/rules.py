"""The cleaning rules in the order they run, and running them.

Order matters: embeds are read before scripts go, chrome lines go before trailing tags are looked
for, and the Markdown structure (paragraphs, lists, quotes) is rebuilt last, on what is left.
"""

from __future__ import annotations

import re

from site_builder.cleaning.chrome import (CALL_LONGEST, READING_TIME, is_newsletter_call, is_tag_list,
                                          remove_event_promos, remove_related_links, remove_share_widgets)
from site_builder.cleaning.credits import BARE_IMAGE_URL, is_agency_credit, is_image_credit
from site_builder.cleaning.notices import NOTICE_LONGEST, reader_notice, remove_comment_sections
from site_builder.cleaning.lexicon import AD_LABELS
from site_builder.cleaning.phrasebook import PLACEHOLDERS
from site_builder.cleaning.layout import (attach_quote_attributions, make_bullet_lists, remove_duplicate_title,
                                 remove_embed_scripts, remove_site_patterns, remove_trailing_tags, replace_iframes,
                                 replace_social_embeds, separate_paragraph_lines, unindent_clipped_text)
from site_builder.cleaning.navigation import is_breadcrumb
from site_builder.cleaning.noise import (Line, LineTest, Rule, Work, drop_lines_of, line_rule, pattern_test,
                                        words_test)
from site_builder.cleaning.sitechrome import remove_site_chrome
from site_builder.cleaning.dates import remove_date_lines
from site_builder.cleaning.fields import CONTACT_LONGEST, page_field
from site_builder.cleaning.residue import is_page_residue, is_share_row
from site_builder.cleaning.shapes import remove_edge_labels, remove_repeated_lines, remove_teaser_lists
from site_builder.cleaning.titles import remove_title_echoes

RULES: tuple[Rule, ...] = (
    Rule("social-embeds", "embedded posts (X, Instagram, TikTok, Facebook, Threads, Bluesky, Mastodon, Reddit) "
         "become static cards", replace_social_embeds),
    Rule("iframes", "video and post iframes (YouTube, Vimeo, ...) become link cards; other iframes go",
         replace_iframes),
    Rule("scripts", "script elements and the embed loaders they carry", remove_embed_scripts),
    Rule("duplicate-title", "lines before the text repeating the title", remove_duplicate_title),
    line_rule("image-credits", "credits and captions of images that are not there", LineTest(is_image_credit, 250)),
    line_rule("bare-image-urls", "image addresses left on a line of their own",
              LineTest(lambda text: bool(BARE_IMAGE_URL.match(text.strip())), 300)),
    line_rule("breadcrumbs", "navigation trails (Home > Tech > AI)", LineTest(is_breadcrumb, 150)),
    line_rule("reading-time", "reading-time labels (5 min read)", pattern_test(READING_TIME, 60)),
    line_rule("loading-placeholders", "loading placeholders (Loading...)", words_test(PLACEHOLDERS)),
    line_rule("ad-labels", "advertisement labels (Advertisement, Iklan, Anzeige)", words_test(AD_LABELS)),
    Rule("comment-sections", "a comment section, from its heading to the end (Comments, Kommentare, σχόλια, 댓글)",
         remove_comment_sections),
    Rule("share-widgets", "share, follow and comment widgets", remove_share_widgets),
    line_rule("reader-notices", "cookie notices, paywalls, players and scripts the clipping lost, in any of ~30 "
              "languages", LineTest(reader_notice, NOTICE_LONGEST)),
    line_rule("newsletter-calls", "newsletter, app and news-channel calls", LineTest(is_newsletter_call, CALL_LONGEST)),
    Rule("related-links", "'Read more' / 'Baca juga' lines and 'Popular' / 'Related' blocks", remove_related_links),
    line_rule("tag-lists", "tag and topic lines (Tags: AI, OpenAI)", LineTest(is_tag_list, 200)),
    line_rule("bylines", "the page's author, editor, source and contact fields (Penulis: Name | Editor: Name, "
              "Forrás: Name, Puh: 0500 …)", LineTest(page_field, CONTACT_LONGEST)),
    Rule("event-promos", "event promotions (Evento Techcrunch / Boston, MA | 15 luglio)", remove_event_promos),
    Rule("site-patterns", "lines matching the site's own patterns for the source", remove_site_patterns),
    Rule("repeated-lines", "lines the page repeats word for word (captions, banners)", remove_repeated_lines),
    Rule("title-echoes", "the headline again anywhere in the body, cut off or with the outlet's name",
         remove_title_echoes),
    Rule("date-lines", "timestamps and datelines of the page (Sonntag, 05. November 2017); not a live blog's times",
         remove_date_lines),
    line_rule("agency-credits", "photo credits signed as agencies sign (IMAGO/Name, Name / EFE, ©)",
              LineTest(is_agency_credit, 300)),
    line_rule("share-rows", "share buttons run together (xwhatsappmailcopy-link)", LineTest(is_share_row, 80)),
    line_rule("page-residue", "template tags, shortcodes, reporters' initials and relay tags the page left "
              "({% include share.html %}, (ant/rs), via Feed http://…)", LineTest(is_page_residue, 200)),
    Rule("teaser-lists", "lists of other articles: teasers cut short with an ellipsis, headlines ending the body",
         remove_teaser_lists),
    Rule("edge-labels", "short labels before the text begins or after it ends (kickers, menus)",
         remove_edge_labels),
    Rule("trailing-tags", "category or source tags after the last sentence", remove_trailing_tags),
    Rule("site-chrome", "lines seen in other articles of the same source (learned from the digest)",
         remove_site_chrome),
    Rule("indented-text", "clipped text indented like a code block loses its indent (code keeps it)",
         unindent_clipped_text),
    Rule("line-paragraphs", "one-paragraph-per-line clippings become Markdown paragraphs",
         separate_paragraph_lines),
    Rule("text-bullets", "text bullets (•) become a Markdown list", make_bullet_lists),
    Rule("quote-attribution", "an attribution line (— Name) stays with its quote", attach_quote_attributions),
)
RULE_NAMES: tuple[str, ...] = tuple(rule.name for rule in RULES)
JUDGED = frozenset({"repeated-lines", "title-echoes", "date-lines", "agency-credits", "share-rows", "page-residue",
                    "teaser-lists", "edge-labels", "site-chrome"})
"""The rules that judge by a line's shape and place rather than by a known wording: what `clean --review`
shows a curator to confirm."""


def run_rules(lines: list[Line], title: str, disabled: frozenset[str] = frozenset(),
              patterns: tuple[re.Pattern, ...] = (), source: str = "", chrome: frozenset[str] = frozenset()) -> Work:
    """Every enabled rule, in order, over the lines of one body. ``source`` and ``chrome``: the outlet and
    the keys of its lines learned as chrome (see ``sitechrome``)."""
    work = Work(lines=lines, title=title, patterns=patterns,
                has_code=any("```" in line.text or "~~~" in line.text for line in lines), source=source, chrome=chrome)
    together: list[Rule] = []  # line rules in a row, which take one pass (see ``noise.drop_lines_of``)
    for rule in RULES:
        if rule.name in disabled:
            continue
        if rule.line is not None:
            together.append(rule)
            continue
        _apply_together(work, together)
        together = []
        rule.apply(work)
    _apply_together(work, together)
    return work


def _apply_together(work: Work, rules: list[Rule]) -> None:
    if len(rules) == 1:
        rules[0].apply(work)
    elif rules:
        drop_lines_of(work, rules)


def unknown_rule_problem(name: str) -> str | None:
    """None for a known rule name; otherwise the message naming the valid ones."""
    return None if name in RULE_NAMES else f"unknown cleaning rule {name!r}; the rules are: {', '.join(RULE_NAMES)}"

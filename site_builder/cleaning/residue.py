"""The tests of the share-rows and page-residue rules: what a page leaves of itself in a clipping, its
share buttons run into one word and the template tags, shortcodes, initials and relay tags of other engines,
which are never a sentence in any language.
"""

from __future__ import annotations

import re


NETWORK = re.compile(r"facebook|twitter|whatsapp|linkedin|telegram|pinterest|reddit|messenger|flipboard|email|"
                     r"e-mail|mail|copy-?link|print|x(?=whatsapp|facebook|mail)", re.I)


def is_share_row(text: str) -> str:
    """Share buttons run together into one word ("xwhatsappmailcopy-link", "FacebookTwitterEmail")."""
    stripped = text.strip()
    if " " in stripped or len(stripped) > 80 or not stripped:
        return ""
    networks = NETWORK.findall(stripped)
    if len(networks) >= 2 and len(NETWORK.sub("", stripped).strip("-_|·•/ ")) <= 2:
        return f"{len(networks)} share buttons run together"
    return ""


TICKER_ENDS = frozenset("0123456789%")
"""How a market ticker or an ad slot's size ends: a line ending otherwise is not matched against them."""
RESIDUE = re.compile(r"""^\s*(?:
      \{%.*%\}|\{\{.*\}\}                                      # another engine's template tag ({% include x %})
    | \[/?[a-z_]+(?:\s+[\w-]+=(?:"[^"]*"|\S+))+\]|\[/[a-z_]+\]      # a shortcode ([caption id="1"], [/embed])
    | [\[(]\s*[^\W\d_]{1,6}(?:\s*/\s*[^\W\d_]{1,6}){1,3}\s*[\])]    # reporters' initials ((ant/rs), [RED/AB])
    | via\s+\S+(?:\s\S+)?\s+https?://\S+                         # a feed's relay tag (via Feedburner http://bit.ly/x)
    | [^\W\d_][\w.'’ -]{1,30}\s[-+−]?\d{1,2}(?:[.,]\d)?\s?°\s?[CF]?   # a weather widget (Rīgā -2 °C)
    | \S{0,6}ICP[备備证證]\S*?\d+号(?:-\d+)?                      # a Chinese site's licence (皖ICP备2022009963号-3)
    | (?:[A-Z]\w{0,12}\s)?\d{2,4}\s?[x×]\s?\d{2,4}                     # an ad slot's size (Example 120x600)
    | [A-ZÇĞİÖŞÜ]{2,10}\s?[\d.,]+(?:\s?[-+−]?[\d.,]+%)?                 # a market ticker (ALTIN 7.269,05)
    )\s*$""", re.X)


def is_page_residue(text: str) -> str:
    """What a page or a feed leaves of itself in the text: template tags and shortcodes another engine did
    not expand, reporters' initials in brackets, a relay service's tag. A line that is nothing but that
    is never a sentence, in any language."""
    stripped = text.lstrip()
    if not stripped.startswith(("{", "[", "(", "via", "Via")) and "°" not in text and "ICP" not in text \
            and not (stripped[:1].isupper() and stripped.rstrip()[-1:] in TICKER_ENDS):
        return ""
    found = RESIDUE.match(text)
    return f"residue of the page: {found.group(0).strip()[:40]!r}" if found else ""

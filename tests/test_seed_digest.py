"""The sample digest built from the two seed articles: every sentence of the reporting is on the page,
the tweet is a static card, the bullets are a list, and none of the clipped noise is left."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import require_shared

ROOT = Path(__file__).resolve().parent.parent
SEEDS = {"2025-07-12-informasi-openai-tunda-model-terbuka": "000_85e2d81154a1fb86.txt",
         "2025-07-12-techcrunch-openai-ritarda-modello-aperto": "004_efd503b06a5fe1c4.txt"}
NOISE_LINES = {"(Foto: OpenAI)", "BAGIKAN", "Popular", "DATA", "UPDATES", "Evento Techcrunch",
               "Boston, MA | 15 luglio", "techcrunch", "platform.twitter.com/widgets.js"}


class PageText(HTMLParser):
    """The article body's text, its list items, cards and scripts of one page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text, self.list_items, self.cards, self.scripts, self.depth = [], 0, [], [], 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "div" and attrs.get("class") == "article-body":
            self.depth = 1
        elif self.depth and tag == "div":
            self.depth += 1
        if self.depth and tag == "li":
            self.list_items += 1
        if tag == "figure" and "embed" in (attrs.get("class") or ""):
            self.cards.append(attrs["class"])
        if tag == "script":
            self.scripts.append(attrs.get("src"))

    def handle_endtag(self, tag):
        if self.depth and tag == "div":
            self.depth -= 1

    def handle_data(self, data):
        if self.depth:
            self.text.append(data)


@pytest.fixture
def sample_site(sample_output) -> Path:
    return sample_output


def squeeze(text: str) -> str:
    return " ".join(html.unescape(text).replace("\u00a0", " ").split())


def read_page(output: Path, article_id: str) -> PageText:
    slug = {"2025-07-12-informasi-openai-tunda-model-terbuka":
            "openai-kembali-tunda-rilis-model-ai-terbuka-alasan-keamanan-jadi-sorotan",
            "2025-07-12-techcrunch-openai-ritarda-modello-aperto":
            "openai-ritarda-ancora-una-volta-il-rilascio-del-suo-modello-aperto"}[article_id]
    page = PageText()
    page.feed((output / "articles" / slug / "index.html").read_text(encoding="utf-8"))
    return page


def reporting_lines(seed: str) -> list[str]:
    """Every line of the seed that is reporting: not the title, not noise, not embed code."""
    lines = (ROOT.parent / "shared" / "seeds" / seed).read_text(encoding="utf-8").splitlines()
    title = lines[0]
    kept = []
    for line in lines[1:]:
        text = squeeze(line.lstrip(" •"))
        if text and text != title and "<blockquote" not in text and not any(n in text for n in NOISE_LINES):
            kept.append(text)
    return kept


@pytest.mark.parametrize("article_id", SEEDS)
def test_every_sentence_of_the_reporting_is_on_the_article_page(sample_site, article_id):
    require_shared(ROOT.parent / "shared" / "seeds")
    page_text = squeeze(" ".join(read_page(sample_site, article_id).text))
    missing = [line for line in reporting_lines(SEEDS[article_id]) if line not in page_text]
    assert not missing


@pytest.mark.parametrize("article_id", SEEDS)
def test_none_of_the_clipped_noise_is_left(sample_site, article_id):
    page_text = squeeze(" ".join(read_page(sample_site, article_id).text))
    body_lines = {squeeze(piece) for piece in re.split(r"\n", "\n".join(read_page(sample_site, article_id).text))}
    assert "(Foto: OpenAI)" not in page_text and "Boston, MA | 15 luglio" not in page_text
    assert not {"BAGIKAN", "Popular", "DATA", "UPDATES", "Evento Techcrunch", "techcrunch"} & body_lines


def test_the_tweet_is_a_static_card_with_text_author_date_and_link(sample_site):
    page = read_page(sample_site, "2025-07-12-informasi-openai-tunda-model-terbuka")
    text = squeeze(" ".join(page.text))
    assert page.cards == ["embed embed-post"]
    assert "we planned to launch our open-weight model next week." in text
    assert "Sam Altman (@sama)" in text and "July 12, 2025" in text
    source = (sample_site / "articles" / "openai-kembali-tunda-rilis-model-ai-terbuka-alasan-keamanan-jadi-sorotan"
              / "index.html").read_text(encoding="utf-8")
    assert 'href="https://twitter.com/sama/status/1943837550369812814"' in source


def test_the_bullets_became_a_real_list(sample_site):
    page = read_page(sample_site, "2025-07-12-informasi-openai-tunda-model-terbuka")
    assert page.list_items == 11 and "•" not in "".join(page.text)


def test_no_page_of_the_site_loads_a_script_but_the_search_page_its_own(sample_site):
    for page in sample_site.rglob("*.html"):
        parser = PageText()
        parser.feed(page.read_text(encoding="utf-8"))
        if page == sample_site / "search" / "index.html":  # Pagefind's, from the site's own bundle
            assert parser.scripts == ["/pagefind/pagefind-ui.js", "/pagefind/search-page.js"], parser.scripts
        else:
            assert parser.scripts == [], page

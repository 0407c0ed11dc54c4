"""Chrome learned from the digest: a line several articles of one outlet carry goes from all of them, in
a build, in `clean --explain`, and in incremental builds exactly as in a cold one."""

from __future__ import annotations

import shutil
import subprocess
import sys

from conftest import article, build_site, site_tree, write_files

PROMO = "Scopri il fantacalcio della Gazzetta e sfida i tuoi amici ogni settimana"
STANDFIRST = "La Gazzetta racconta ogni giorno quello che succede in città, quartiere per quartiere."
SHARED_SENTENCE = "Il sindaco ha detto che la decisione sarà presa entro la fine del mese di luglio."
SUBHEADING = "Le reazioni in consiglio"

REPORTS = [
    ("Il consiglio approva il bilancio", "Il consiglio comunale ha approvato il bilancio dopo un lungo dibattito "
     "sulle scuole e sul nuovo ponte."),
    ("Chiusa la strada del porto", "La strada del porto resterà chiusa per due settimane per i lavori alla rete "
     "fognaria, ha annunciato il comune."),
    ("Nuovi autobus per la linea 4", "Da lunedì la linea 4 avrà otto autobus elettrici, che sostituiscono i vecchi "
     "mezzi a gasolio."),
    ("Il mercato torna in piazza", "Il mercato del sabato torna in piazza Garibaldi dopo i lavori di "
     "pavimentazione durati un anno."),
]


def gazzetta(title: str, text: str, extra: str = "", promo: bool = True, source: str = "gazzetta.example") -> str:
    """A report of its own story (a story key each: how they group is not what is tested here)."""
    body = f"{STANDFIRST}\n\n{text}\n\n{extra}\n\n" + (f"{PROMO}\n" if promo else "")
    return article(title=title, source=source, lang="it", body=body, story=title[:12])


def digest(promos: int = 4) -> dict[str, str]:
    files = {f"content/r{n}.md": gazzetta(title, text, promo=n < promos) for n, (title, text) in enumerate(REPORTS)}
    # Two versions of one report share a subheading and a sentence: both stay.
    both = f"{SUBHEADING}\n\n{SHARED_SENTENCE}"
    files["content/r0.md"] = gazzetta(*REPORTS[0], extra=both, promo=promos > 0)
    files["content/r1.md"] = gazzetta(*REPORTS[1], extra=both, promo=promos > 1)
    # Another outlet prints the promo's words once: nothing of that outlet is learned from the Gazzetta.
    files["content/other.md"] = gazzetta("Festa in piazza", "La festa del patrono si terrà domenica in piazza, "
                                         "con musica e bancarelle fino a sera.", source="altro.example")
    return files


def page_text(output, name: str) -> str:
    slug = {"r0": "il-consiglio-approva-il-bilancio", "r1": "chiusa-la-strada-del-porto",
            "other": "festa-in-piazza"}[name]
    return (output / "articles" / slug / "index.html").read_text(encoding="utf-8")


def test_lines_an_outlet_repeats_go_and_its_writers_sentences_stay(make_site):
    root = make_site(digest())
    build_site(root)
    output = root / "output"
    for name in ("r0", "r1"):
        html = page_text(output, name)
        assert PROMO not in html and "La Gazzetta racconta" not in html, name
        assert SHARED_SENTENCE in html, "a sentence two articles share is not chrome"
        assert SUBHEADING in html, "nor a short line of two articles that share a sentence (two versions)"
        assert "Il consiglio comunale" in html or "La strada del porto" in html
    other = page_text(output, "other")
    assert PROMO in other and "La Gazzetta racconta" in other, "another outlet learns nothing from this one"


def test_embeds_and_attributions_an_outlet_repeats_are_its_text(make_site):
    tweet = ('<blockquote class="twitter-tweet"><p lang="it" dir="ltr">Il ponte riapre domani</p>&mdash; Comune '
             '(@comune) <a href="https://twitter.com/comune/status/12345">July 12, 2025</a></blockquote> '
             '<script async src="https://platform.twitter.com/widgets.js" charset="utf-8"></script>')
    quote = "> «Abbiamo fatto il possibile per la città e per i cittadini di ogni quartiere»\n>\n> — Maria Rossi"
    root = make_site({f"content/{name}.md": article(title=title, source="gazzetta.example", lang="it", story=name,
                                                    body=f"{text}\n\n{tweet}\n\n{quote}\n")
                      for name, (title, text) in zip(("r0", "r1", "r2"), REPORTS)})
    build_site(root)
    for name in ("r0", "r1"):
        html = page_text(root / "output", name)
        assert "@comune" in html and "Il ponte riapre domani" in html and "Maria Rossi" in html, name


def test_a_brief_that_is_one_line_an_outlet_printed_twice_keeps_its_text(make_site):
    brief = "Traffico regolare sulle strade della provincia."
    root = make_site({f"content/b{n}.md": article(title=f"Viabilità {n}", source="brevi.example", lang="it",
                                                  body=f"{brief}\n", story=f"b{n}") for n in (1, 2)})
    build_site(root)
    for n in (1, 2):
        assert brief in (root / "output" / "articles" / f"viabilita-{n}" / "index.html").read_text(encoding="utf-8")


def test_clean_explain_names_the_evidence(make_site):
    root = make_site(digest())
    shown = subprocess.run([sys.executable, "-m", "site_builder", "clean", "--explain", "--config",
                            str(root / "site.yaml"), str(root / "content" / "r2.md")],
                           capture_output=True, text=True, check=True).stdout
    assert "site-chrome: removed 'Scopri il fantacalcio" in shown
    assert "seen in other articles of gazzetta.example" in shown
    plain = subprocess.run([sys.executable, "-m", "site_builder", "clean", "--config", str(root / "site.yaml"),
                            str(root / "content" / "r2.md")], capture_output=True, text=True, check=True).stdout
    assert PROMO not in plain and "Nuovi autobus" not in plain and "linea 4 avrà" in plain


def test_incremental_builds_learn_and_unlearn_as_a_cold_build_does(make_site, tmp_path):
    root = make_site(digest())
    build_site(root)
    for step, promos in enumerate((1, 0, 3)):
        # The promo leaves the outlet's articles (seen once: it is no chrome any more), then comes back.
        write_files(root, digest(promos))
        build_site(root)
        cold = tmp_path / f"cold{step}"
        shutil.copytree(root, cold, ignore=shutil.ignore_patterns("output", ".site-builder"))
        build_site(cold)
        assert site_tree(root / "output") == site_tree(cold / "output"), f"step {step}"
        kept = PROMO in page_text(root / "output", "r0")
        assert kept == (promos == 1), f"step {step}: promo in {promos} articles"


def test_a_subheading_between_paragraphs_stays_though_the_outlet_gives_every_article_it():
    """An outlet's template may give each article the same subheading ('Getuigen' in every police appeal, a
    real pair in tests/cleaning_real): between two paragraphs it is the text's, after the text it is chrome."""
    from site_builder.cleaning.noise import Line
    from site_builder.cleaning.rules import RULE_NAMES, run_rules
    from site_builder.cleaning.sitechrome import line_key

    body = ["De politie zoekt getuigen van een steekpartij op een terras in het centrum van de stad.", "",
            "Getuigen", "", "Wie iets heeft gezien, wordt gevraagd contact op te nemen met de politie via het nummer.",
            "", "Volg de politie"]
    chrome = frozenset({line_key("Getuigen"), line_key("Volg de politie")})
    work = run_rules([Line(number, text) for number, text in enumerate(body, 1)], "Steekpartij op terras",
                     frozenset(RULE_NAMES) - {"site-chrome"}, chrome=chrome)
    assert [line.text for line in work.lines if line.text] == body[:5:2]

"""A page's fields about the article rather than the article: who wrote and edited it, where it came from.

"Penulis: Tarsisius Sutomonaio | Editor: Tarsisius Sutomonaio", "Forrás: Horváth Balázs", "Text: Anna
Berg · Foto: NTB": a label from a closed set, a colon and a name, alone on a line or several in a row.
The digest names the outlet and the date itself, so the page's own fields are chrome in any language;
the labels are the closed set, the names are anything short that is not a sentence.
"""

from __future__ import annotations

import re

from site_builder.cleaning.lexicon import CREDIT_WORDS, folded, folded_set

BYLINE_LABELS = folded_set((
    # en, id, ms
    "author", "authors", "by", "written by", "words", "text", "reporter", "reporting", "reported by", "editor",
    "edited by", "editing", "writer", "correspondent", "source", "sources", "via", "penulis", "pewarta",
    "reporter", "redaktur", "editor", "sumber", "kontributor", "penyunting", "laporan", "wartawan",
    # it, es, pt, ca, fr
    "autore", "autrice", "a cura di", "fonte", "fonti", "testo", "redazione", "autor", "autora", "fuente",
    "fuentes", "redacción", "texto", "edición", "redação", "edição", "reportagem", "repórter", "font", "auteur",
    "auteure", "source", "texte", "rédaction", "rédigé par", "par",
    # de, nl, sv, da, no, fi
    "autorin", "verfasser", "quelle", "quellen", "redaktion", "von", "auteur", "door", "bron", "bronnen", "tekst",
    "redactie", "eindredactie", "författare", "källa", "källor", "redaktör", "forfatter", "kilde", "kilder",
    "redaktør", "journalist", "kirjoittaja", "teksti", "lähde", "lähteet", "toimittaja",
    # pl, cs, hu, ro, tr, ru, uk, el
    "źródło", "tekst", "opracowanie", "redakcja", "zdroj", "redakce", "szerző", "forrás", "szöveg",
    "szerkesztő", "sursa", "sursă", "redactor", "yazar", "kaynak", "editör", "muhabir", "автор", "источник",
    "текст", "редактор", "джерело", "συντάκτης", "πηγή", "κείμενο", "συγγραφέας", "επιμέλεια",
    # ar, hi, vi, zh, ja, ko
    "المصدر", "الكاتب", "كتب", "تحرير", "लेखक", "स्रोत", "संपादक", "tác giả", "nguồn", "biên tập",
    "作者", "来源", "來源", "编辑", "編輯", "记者", "記者", "责任编辑", "責任編輯", "著者", "出典", "編集", "文",
    "기자", "출처", "편집",
),)
"""Labels of who made the article and where it came from, folded (see `lexicon.folded`)."""
FIELD_LABELS = BYLINE_LABELS | folded_set(CREDIT_WORDS)
"""A byline's fields may name the photographer too ("Text: Anna Berg · Foto: NTB")."""

FIELD_SEPARATOR = re.compile(r"\s+[|·•]\s+|\s{3,}")
LABELLED = re.compile(r"^\s*([^\W\d_][^:：]{0,24}?)\s*[:：]\s*(\S.*?)\s*$")
NAME_WORDS = 6
"""A field's value is a name or two ("Tarsisius Sutomonaio", "ANP/Reuters"), not a clause."""
SENTENCE_END = re.compile(r"[!?。！？]$|[^\W\d_]{4,}\.$")
BYLINE_LONGEST = 160


def is_byline(text: str) -> bool:
    """Whether a line is only the page's fields of author, editor or source, one or several."""
    if ":" not in text and "：" not in text:  # most lines, at once
        return False
    stripped = text.strip().strip("*_ ")
    if not stripped or len(stripped) > BYLINE_LONGEST:
        return False
    for field in FIELD_SEPARATOR.split(stripped):
        found = LABELLED.match(field.strip("*_ "))
        if not found or folded(found.group(1).strip("*_ ")) not in FIELD_LABELS:
            return False
        value = found.group(2).strip("*_ ")
        if not value or len(value.split()) > NAME_WORDS or SENTENCE_END.search(value) or ":" in value:
            return False
    return True


EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
PHONE_LABELS = ("tel", "tél", "phone", "puh", "tlf", "тел")
PHONE = re.compile(r"(?<!\w)(tel|tél|phone|puh|telefon|telp|tlf|тел)\.?\s*[:.]?\s*\+?\d[\d\s/-]{5,}", re.I)
CONTACT_LONGEST = 250


def is_contact_line(text: str) -> bool:
    """Contact details of the page, not a sentence: an e-mail address or a labelled telephone number
    ('Päivystävä palomestari … Puh:0500542112 …@pelastustoimi.fi'); 'Readers can write to
    letters@paper.com.' ends as a sentence and stays."""
    if "@" not in text:
        lowered = text.casefold()
        if not any(label in lowered for label in PHONE_LABELS):  # most lines, at once
            return False
    stripped = text.strip().strip("*_ ")
    return len(stripped) <= CONTACT_LONGEST and not stripped.endswith((".", "!", "?", "。")) \
        and ("@" in stripped and bool(EMAIL.search(stripped)) or bool(PHONE.search(stripped)))


def page_field(text: str) -> str:
    """The bylines rule's test: why a line is one of the page's fields, or '' when it is not."""
    if is_byline(text):
        return "a field naming who wrote it or where it came from"
    return "contact details, not a sentence" if is_contact_line(text) else ""

"""The tests of the image-credits and agency-credits rules: credits and captions of images the clipping lost
("(Foto: OpenAI)", "Kuva: Heli Kaski / Yle" after a caption, "(Photo by Name/Agency)", a credit run into its
caption, "IMAGO/Name"), and image addresses left alone on a line.
"""

from __future__ import annotations

import re

from site_builder.cleaning.chrome import SENTENCE_ENDING
from site_builder.cleaning.lexicon import CREDIT_WORDS, STOCK_PHOTO_LABELS, alternation
from site_builder.cleaning.shapes import STRUCTURE, is_prose, word_count

BARE_IMAGE_URL = re.compile(r"^<?(https?:)?//\S+\.(jpe?g|png|gif|webp|avif|svg)(\?\S*)?>?$|^<image>.*</image>$|"
                            r"^!\[[^\]]*\]\(data:image/[^)]*\)$|^<img\s[^>]*src=[\"']data:image/[^>]*>$|"
                            r"^data:image/\S+$|"
                            r"^/?[\w.%/-]{6,}\.(jpe?g|png|gif|webp)\)?$",
                            re.I)
"""An image's address alone on a line, or an image kept only as an inline data address (a lazy-loading
placeholder, or what a crawler stored of it), which shows no picture."""
CREDIT_WORD = alternation(CREDIT_WORDS + STOCK_PHOTO_LABELS)
CREDIT_LINE = re.compile(rf"^[(\[]?\s*{CREDIT_WORD}\s*(:|：|/|©|,\s)", re.I)
CREDIT_BY_LINE = re.compile(rf"^\(?\s*{CREDIT_WORD}\s+(by|von|di|de|door|oleh)\s", re.I)
LINE_AGENCIES = ("getty images", "reuters", "afp", "ap photo", "ap", "antara", "antara foto", "epa", "dpa", "ansa",
                 "efe", "shutterstock", "istock", "unsplash", "kyodo", "共同")
"""Agencies whose name alone, perhaps with a photographer's, makes a credit line ('Reuters/Name')."""
AGENCY_LINE = re.compile(rf"^\(?(©\s*)?{alternation(LINE_AGENCIES)}(\s*/\s*[^.]{{1,60}})?\)?$", re.I)
CAPTION_WITH_CREDIT = re.compile(rf"([(（]\s*{CREDIT_WORD}\s*([:：/©]|\s(by|von|di|de|door|oleh|par|por)\s)\s*"
                                 rf"[^()（）]{{1,80}}[)）]|[.!?]\s+{CREDIT_WORD}\s*"
                                 rf"[:：/]\s*[^.!?:()]{{1,60}}|。\s*{CREDIT_WORD}\s*[:：][^。]{{1,40}})\s*$", re.I)
NAMED_CREDIT_WORDS = ("Foto", "Foto's", "Photo", "Bild", "Beeld", "Kuva", "Fotó", "Фото", "Imagem")
NAMED_CREDIT = re.compile(rf"(?:^|[.!?]\s*){alternation(NAMED_CREDIT_WORDS)}\s+[A-ZÀ-ÞА-Я][\w'’-]+"
                          r"(?:\s(?:van\s|de\s|den\s|der\s|von\s)*[A-ZÀ-ÞА-Я][\w'’-]+){0,3}"
                          r"(?:\s?/\s?[\w .'-]{1,30})?\.?$")
"""A credit word and a name, no separator ('Foto Andor Heij.'): a credit, never a sentence."""
SIGNING_AGENCIES = ("reuters", "afp", "ap", "ap photo", "epa", "epa-efe", "dpa", "ansa", "efe", "getty images",
                    "antara", "kyodo", "xinhua", "anp", "ap/dpa", "afp/getty images", "belga", "tass", "ria novosti",
                    "anadolu", "aa", "dha", "iha", "apa", "tt", "ntb", "ritzau", "lusa", "ctk", "čtk", "mti", "pap",
                    "ana-mpa", "απε-μπε", "yonhap", "bernama", "keystone", "imago", "shutterstock", "picture alliance")
"""Agencies that sign a caption after it, in brackets or after a dash or a slash."""
DASHED_AGENCY = re.compile(rf"(?:\s[-–—]\s|/\s?){alternation(SIGNING_AGENCIES)}$", re.I)
"""A caption signed with its agency after a dash ('Ein Pfeil zeigt in Richtung eines Wahllokals. - Keystone')."""
DASHED_AGENCY_TAIL = 25
NAMED_CREDIT_FIRST = frozenset(word[0] for word in NAMED_CREDIT_WORDS)
CAPITAL_CREDIT = re.compile(r"\s(?:FOTO|FOTOS|PHOTO|PHOTOS|BILD|KUVA|FOTÓ|FOTOGRAFIJA|ФОТО|ΦΩΤΟ|ZDJĘCIE|SNÍMKA)"
                            r"\s*[:|]\s*[^.!?:()]{1,60}$")
"""A caption's credit in capitals after it ('Jože Papež, župan FOTO: Bojan Rajšek'): written so, never the text."""
STOCK_PHOTO = re.compile(rf"(^|[.!?]\s+|[(（]){alternation(STOCK_PHOTO_LABELS)}\s*[.)）]?$", re.I)
"""'Arkivbild.' after a caption, or alone; '(Symbolbild)'."""
STOCK_PHOTO_TAIL = 60
"""Characters at the end of a line where such a note can stand (searching the whole line costs more)."""
CAPTION_AGENCY = re.compile(rf"\({alternation(SIGNING_AGENCIES + ('photo', 'foto'))}\)$", re.I)
"""A caption signed with its agency in brackets at the end ('… talks to Adnan Januzaj (Reuters)')."""
CREDIT_TAIL = 140
"""The longest a caption's credit can be, from its bracket or full stop to the end of the line."""
CREDIT_MARKS = frozenset(":：/©|")
STOCK_PHOTO_ENDS = frozenset(label.rsplit(None, 1)[-1] for label in STOCK_PHOTO_LABELS)


def _credit_at_end(line: str) -> bool:
    """A caption ending in its credit ('… Kuva: Heli Kaski / Yle') or in an archive note ('… Arkivbild.').
    Most lines have neither a colon nor such a last word, and are let go before the long patterns."""
    tail = line[-CREDIT_TAIL:]
    if not CREDIT_MARKS.isdisjoint(tail) and (CAPTION_WITH_CREDIT.search(tail) or CAPITAL_CREDIT.search(tail)):
        return True
    words = line.rstrip(".)）").rsplit(None, 1)
    last = words[-1].lstrip("(（").casefold() if words else ""
    return last in STOCK_PHOTO_ENDS and bool(STOCK_PHOTO.search(line[-STOCK_PHOTO_TAIL:]))


GLUED_CREDIT_WORDS = tuple(word[0].upper() + word[1:] for word in CREDIT_WORDS if word[0].isalpha()) + (
    "Image source", "Fuente de la imagen", "Fonte da imagem", "Source de l'image", "Bildquelle",
    "Fonte dell'immagine", "Источник изображения", "Джерело зображення", "Görsel kaynağı")
GLUED_CREDIT_TAIL = 90
"""How far from a line's end the separator of a credit run into its caption can stand: a name of up to 80."""
GLUED_BEFORE = re.compile(rf"[^\W\d_A-ZÀ-ÞΑ-ΩА-Я]{alternation(GLUED_CREDIT_WORDS)}\s*$")
"""A caption run into the credit the page printed after it, the word the caption ends on in lower case and
the credit's word capitalised ('A fallen tree in CornwallImage source, Daniel King', 'Épül a kerékpárútFotók:
Unger Tamás'): what stands before the credit's separator."""
NOT_A_NAME = re.compile(r"[.!?:]")
BRACKETED_CREDIT = re.compile(rf"^[(\[（]\s*({CREDIT_WORD}\b|[^()]{{1,40}}/\s*{CREDIT_WORD}\s*:)[^()]*[)\]）]$", re.I)
"""A credit alone in brackets: '(Foto nella gallery di Luca Imperio)', '(ΑΠΕ-ΜΠΕ / photo: eurokinissi)'."""
PHOTO_BY_ON = re.compile(r"^(photo|foto) (by|von|di|de|door|oleh) .{1,60} (on|auf|su|en|em|sur|op|di) "
                         r"(unsplash|pexels|pixabay)$", re.I)


CREDIT_FIRST_WORDS = frozenset(word.split()[0].casefold() for word in CREDIT_WORDS + STOCK_PHOTO_LABELS + LINE_AGENCIES)
"""The first words of the credits matched from a line's start: a line beginning otherwise (most lines) is not
asked the patterns."""
CREDIT_WITH_STOP_WORDS = 7
"""A credit line may end with a full stop ('Foto: Secretaría Distrital de Seguridad.'); a sentence after a credit
word is longer."""
FIRST_WORD = re.compile(r"[^\s:：/,©]+")


def _credit_line(stripped: str) -> bool:
    """A line that is a credit from its start: 'Foto: Name', 'Reuters/Name', '(Photo by Name/Agency)'."""
    if stripped[:1] in "([（©":
        return bool(CREDIT_LINE.match(stripped) or AGENCY_LINE.match(stripped) or BRACKETED_CREDIT.match(stripped)
                    or (CREDIT_BY_LINE.match(stripped) and len(stripped.split()) <= 8))
    first = FIRST_WORD.match(stripped)
    if not first or first.group(0).casefold() not in CREDIT_FIRST_WORDS:
        return False
    return bool(CREDIT_LINE.match(stripped) or AGENCY_LINE.match(stripped) or PHOTO_BY_ON.match(stripped)
                or (CREDIT_BY_LINE.match(stripped) and len(stripped.split()) <= 8))


def is_image_credit(text: str) -> bool:
    stripped = text.strip().strip("*_")
    if len(stripped) > 250 or stripped.startswith(("!", "<img", "[!")):
        return False
    short = len(stripped) <= 120
    credit = short and _credit_line(stripped)
    return (short and bool(credit) and (not SENTENCE_ENDING.search(stripped.rstrip(")"))
                                        or len(stripped.split()) <= CREDIT_WITH_STOP_WORDS)) \
        or _credit_at_end(stripped) \
        or (len(stripped) <= 200 and stripped.endswith(")") and _caption_signed(stripped)) or _credit_glued(stripped) \
        or (short and bool(stripped[:1] in NAMED_CREDIT_FIRST and NAMED_CREDIT.match(stripped)
                           or DASHED_AGENCY.search(stripped, len(stripped) - DASHED_AGENCY_TAIL))) \
        or (len(stripped) <= 200 and _named_at_end(stripped))


def _named_at_end(line: str) -> bool:
    """A caption ending in a credit word and a name ('Dick Bierman. Beeld Marcel van den Bergh / de Volkskrant')."""
    tail = line[-60:]
    return any(map(tail.__contains__, NAMED_CREDIT_WORDS)) and bool(NAMED_CREDIT.search(line, max(0, len(line) - 60)))


def _caption_signed(line: str) -> bool:
    """A caption signed with its agency in brackets ('… talks to Adnan Januzaj (Reuters)'); not a wire story's
    last sentence, which ends before the agency's bracket ('… oraz prokurator.(PAP)')."""
    found = CAPTION_AGENCY.search(line)
    return bool(found) and not line[:found.start()].rstrip().endswith((".", "!", "?", "…"))


def _credit_glued(line: str) -> bool:
    """A caption run into its credit: a separator near the end with a name after it, and before it a
    credit's word glued to the caption's last word. Looked for from the separators back, which most lines
    do not have near their end, instead of searching the line for the credit's words."""
    start = max(0, len(line) - GLUED_CREDIT_TAIL)
    for separator in (":", "：", ","):
        at = line.find(separator, start)
        while at != -1:
            if line[at + 1:].strip() and not NOT_A_NAME.search(line, at + 1) \
                    and GLUED_BEFORE.search(line, max(0, at - 30), at):
                return True
            at = line.find(separator, at + 1)
    return False


AGENCY_CREDIT = re.compile(r"(©|\([cC]\)|\b[A-Z][A-Za-z]*[A-Z]\s?/\s?[A-Z][\w.-]*|\b[\w.-]+\s?/\s?[A-Z]{2,}\b|"
                           r"\bvia\s+(Getty|Reuters|AFP|AP|EPA|Shutterstock|[A-Z]{2,}))")
"""A credit as agencies write it: ©, an agency in capitals with a slash on either side (IMAGO/Name,
TEMPO/Name, José Ángel / EFE, picture alliance/dpa), "via Getty"."""


def is_agency_credit(text: str) -> str:
    """A caption or credit line of an image the clipping does not hold: short, not a sentence of the
    text, and signed the way photo agencies sign."""
    if "/" not in text and "©" not in text and "(c)" not in text and "(C)" not in text and "via " not in text:
        return ""
    stripped = text.strip()
    if word_count(stripped) > 30 or STRUCTURE.match(stripped) or "http" in stripped \
            or (is_prose(stripped) and stripped.endswith((".", "!", "?"))):
        return ""
    credit = AGENCY_CREDIT.search(stripped)
    return f"signed as agencies sign: {credit.group(0).strip()!r}" if credit else ""

"""Cleaning rules for site chrome left in a clipped body: share, follow and comment widgets, related
links, advertisement labels, newsletter calls, reading times, loading placeholders, breadcrumbs,
event promotions and comment sections (credits of absent images are ``credits``'). Each matches whole lines only. Phrases
are listed for nine languages; the words of page furniture, for about 30, come from ``lexicon``.
"""

from __future__ import annotations

import re

from site_builder.cleaning.headings import RELATED_HEADINGS
from site_builder.cleaning.lexicon import (GALLERY_LABELS, MORE_FROM, PRINT_LABELS, SHARE_LABELS, TAG_LABELS,
                                           TICKER_LABELS, alternation, folded, folded_set)
from site_builder.cleaning.notices import (COMMENT_HEADING_KEYS, NAMED_NETWORK, is_channel_call, is_follow_call,
                                           names_channel)
from site_builder.cleaning.phrasebook import NEWSLETTER_WORDS, READ_MORE_PROMPTS, SHARE_PREPOSITIONS, TOOL_OBJECTS
from site_builder.cleaning.navigation import phrases_in_run
from site_builder.cleaning.noise import LABEL, LINK, LINK_DEFINITION, Change, Work, bare, drop_lines

NETWORK_WORDS = {
    "facebook", "twitter", "x", "whatsapp", "linkedin", "telegram", "pinterest", "reddit", "line", "email",
    "e-mail", "mail", "messenger", "flipboard", "threads", "bluesky", "mastodon", "print", "imprimir", "stampa",
    "cetak", "drucken", "afdrukken", "imprimer", "印刷", "sms", "kakaotalk", "hatena", "pocket", "instagram",
    "tiktok", "youtube",
}
OPENS_IN_NEW_WINDOW = re.compile(r"(click to|klik untuk|clicca per|haz clic para|clique para|cliquez pour|"
                                 r"klicken, um|klik om).*\((opens|opent|si apre|se abre|abre|s'ouvre|öffnet|"
                                 r"membuka)[^)]*\)?$")
FOLLOW = re.compile(r"^(follow us|follow (\S+ ){0,3}on (x|twitter|facebook|instagram|tiktok|threads|linkedin|"
                    r"google news|whatsapp|telegram)|ikuti (kami|berita|update)|seguici|segui (\S+ ){0,3}su |"
                    r"síguenos|siga-nos|siga (o|a|os|as) |suivez-nous|folgen sie uns|folge uns|volg ons|フォローする|"
                    r"をフォロー)")
SHARE_KEYS = folded_set(SHARE_LABELS, PRINT_LABELS, GALLERY_LABELS)
COMMENT_COUNT = re.compile(r"^\d+\s+(comments?|komentar|commenti|comentarios|comentários|commentaires|"
                           r"kommentare|reacties|件のコメント)$")


SENTENCE_ENDING = re.compile(r"[.!?。！？…][\"'”’»)]*\s*$")
JAPANESE_SHARE = re.compile(r"^(この記事を)?(シェア|共有)(する|しよう)?$|をシェア(する)?$")


TOOL_OBJECT_KEYS = folded_set(TOOL_OBJECTS)
SHARE_PREPOSITION_SET = frozenset(SHARE_PREPOSITIONS)
FONT_BUTTONS = frozenset({"a", "a+", "a-", "+", "-", "aa", "aaa", "a+a-", "a-a+"})
TOOL_WORDS = 6


def is_tool_phrase(words: str) -> bool:
    """An article tool's button in its longer forms: with what it acts on ("Ascolta l'articolo", "Print this
    page"), with the network it shares to ("Bagikan ke Facebook", "Auf Facebook teilen"), or with its
    buttons ("Font size: A A A")."""
    tokens = words.split()
    if not 2 <= len(tokens) <= TOOL_WORDS:
        return False
    if any(folded(" ".join(tokens[-cut:])) in TOOL_OBJECT_KEYS and folded(" ".join(tokens[:-cut])) in SHARE_KEYS
           for cut in range(1, min(3, len(tokens) - 1) + 1)):
        return True
    label, colon, buttons = words.partition(":")
    if colon and folded(label.strip()) in SHARE_KEYS and set(buttons.split()) <= FONT_BUTTONS:
        return True
    rest = [token for token in tokens if token.strip(",") not in NETWORK_WORDS and token not in SHARE_PREPOSITION_SET]
    return 0 < len(rest) < len(tokens) and folded(" ".join(rest)) in SHARE_KEYS


CONSENT_BUTTONS = ("ok", "accept", "accept all", "reject", "reject all", "learn more", "more info", "en savoir plus",
                   "accepter", "tout accepter", "refuser", "akzeptieren", "alle akzeptieren", "ablehnen",
                   "mehr erfahren",
                   "aceptar", "rechazar", "más información", "aceitar", "rejeitar", "saiba mais", "accetta", "rifiuta",
                   "scopri di più", "accepteren", "weigeren", "meer informatie", "setuju", "tolak")
"""The buttons under a cookie notice, left as a line of their own ('En savoir plus OK')."""
TOOL_PHRASES = sorted({tuple(key.replace(":", " ").split()) for key in folded_set(SHARE_LABELS, PRINT_LABELS,
                                                                                   CONSENT_BUTTONS)}
                      | {("email",), ("e-mail",), ("mail",)}, key=len, reverse=True)
TOOL_FIRST = frozenset(phrase[0] for phrase in TOOL_PHRASES) | {
    label.casefold().replace(":", " ").split()[0] for label in (*SHARE_LABELS, *PRINT_LABELS, *CONSENT_BUTTONS)}
"""Tools' first words, folded and as written: a line is folded only when its first word may begin a tool."""
TOOLS_IN_A_ROW = 2


def is_tool_row(words: str) -> bool:
    """'Taille du texte: Email Imprimer Partager:', 'En savoir plus OK': two or more of the page's tools or
    buttons run into one line, and nothing else."""
    if words.split(" ", 1)[0].rstrip(":") not in TOOL_FIRST:  # most lines, at once
        return False
    tokens = folded(words.replace(":", " ")).split()
    return len(tokens) >= TOOLS_IN_A_ROW and phrases_in_run(tokens, TOOL_PHRASES, others=0) >= TOOLS_IN_A_ROW


def is_widget_line(text: str) -> bool:
    if len(text) > 120:
        return False
    words = bare(text)
    uncounted = re.sub(r"[(\[（]?\d+[)\]）]?", "", words).strip(" ()[]（）")
    follow = (len(text) <= 80 and bool(FOLLOW.match(words))
              and (bool(NAMED_NETWORK.search(words)) or names_channel(words)
                   or (not SENTENCE_ENDING.search(text) and len(words.split()) <= 6)))
    return (folded(words) in SHARE_KEYS or folded(uncounted) in COMMENT_HEADING_KEYS or bool(JAPANESE_SHARE.search(words))
            or bool(COMMENT_COUNT.match(words)) or bool(OPENS_IN_NEW_WINDOW.search(words)) or follow
            or is_tool_phrase(words) or is_tool_row(words))


def remove_share_widgets(work: Work) -> None:
    """Share, follow and comment widgets; a bare network name ("WhatsApp") only next to another widget."""
    texts = [line.text for line in work.lines]
    widget = [len(t) <= 120 and bool(t.strip()) and is_widget_line(t) for t in texts]
    network = [len(t) <= 30 and bare(t) in NETWORK_WORDS for t in texts]
    passed = [not t.strip() or is_network for t, is_network in zip(texts, network)]
    after = _widget_next(widget, passed)
    before = _widget_next(widget[::-1], passed[::-1])[::-1]
    drop_lines(work, "share-widgets", lambda text, i: widget[i] or (network[i] and (before[i] or after[i])),
               longest=120)


def _widget_next(widget: list[bool], passed: list[bool]) -> list[bool]:
    """For each line, whether the first line after it that is not ``passed`` over is a widget (one pass
    from the end, so a long run of network names costs no more than its length)."""
    found, result = False, [False] * len(widget)
    for index in range(len(widget) - 1, -1, -1):
        result[index] = found
        if not passed[index]:
            found = widget[index]
    return result


RELATED_KEYS = folded_set(RELATED_HEADINGS)
MORE_FROM_SECTION = re.compile(rf"^{alternation(MORE_FROM)} [^\W\d][\w'’-]*( [^\W\d][\w'’-]*){{0,2}}$")
"""'Meer uit Voetbal': a section's other articles, named by its one to three words."""
READ_MORE = re.compile(rf"^{alternation(folded(prompt) for prompt in READ_MORE_PROMPTS)}(?!\w)")
READ_MORE_WHERE = 5
"""Words that may follow a prompt to say where ("en El Mundo", "på smhi.se Länk till annan webbplats")."""


CLICK_HERE_PHRASES = ("click here to", "click here for", "tap here to", "klik di sini untuk", "klik disini untuk",
                      "hier klicken um", "hier klicken, um", "cliquez ici pour", "clicca qui per", "haz clic aquí para",
                      "clique aqui para", "klik hier om")
CLICK_HERE = re.compile(rf"^{alternation(folded(phrase) for phrase in CLICK_HERE_PHRASES)} ")
"""What a prompt may begin with ('Click here to read full article from source')."""
READ_MORE_FIRST = frozenset(folded(prompt).split(" ", 1)[0].rstrip(":")
                            for prompt in (*READ_MORE_PROMPTS, *CLICK_HERE_PHRASES))


def is_read_more_prompt(words: str) -> bool:
    """'Continua a leggere', 'Leer noticia completa en El Mundo', 'Подробнее читайте на tvc.ru', 'Click here
    to read the full article': a prompt to read the article elsewhere, given the line's bare words."""
    folded_words = folded(words)
    if folded_words.isascii() and folded_words.split(" ", 1)[0].rstrip(":") not in READ_MORE_FIRST:  # most lines
        return False
    folded_words = CLICK_HERE.sub("", folded_words, count=1)
    found = READ_MORE.match(folded_words)
    return bool(found) and len(folded_words[found.end():].split()) <= READ_MORE_WHERE


LINE_LABELS = ("more", "leggi", "guarda anche", "関連", "video", "vídeo", "видео", "відео", "βίντεο", "lea aquí",
               "lee aquí",
               "leia aqui", "leggi qui", "lire ici", "lees hier", "baca di sini", "read here")
"""Labels that only introduce a linked headline on its line ('Leggi: …'), never head a block."""
LINK_LABEL_KEYS = folded_set(RELATED_HEADINGS, TICKER_LABELS, READ_MORE_PROMPTS, LINE_LABELS)
LABEL_END = re.compile(r"\s*(?:[:：»>|/]+|\s[–—-]+)\s*(?=\S)")
LABEL_LONGEST = 40
LABEL_MARK = re.compile(r"[:：»>|–—-]")
SLASHED_LABEL = 8
"""A label parted from its headline by a slash is short ('快訊/…'): a slash further in is a date or an address."""
LABEL_FIRST_WORDS = frozenset(key.split()[0] for key in folded_set(RELATED_HEADINGS, TICKER_LABELS) if " " in key)


def is_labelled_headline(text: str) -> bool:
    """'Läs också: …', 'Baca juga: …', 'BREAKING: …', 'Son dakika | …': another article's headline after a
    label of related articles, of a ticker or of a prompt to read on, in any language the lexicon holds."""
    end = LABEL_END.search(text, 0, LABEL_LONGEST) if LABEL_MARK.search(text, 0, LABEL_LONGEST) \
        or "/" in text[:SLASHED_LABEL] else None
    if end:
        return folded(bare(text[:end.start()])) in LINK_LABEL_KEYS
    return run_together_label(text)


def run_together_label(text: str) -> bool:
    """'Kapcsolódó tartalom Lakástűzben meghalt …': a heading of two words or more that the clipping ran into
    the headline after it, which begins with a capital. One word ('Popular', 'Latest') may begin a sentence."""
    stripped = text.strip().lstrip("*_#-• ")
    if folded(stripped.split(" ", 1)[0]) not in LABEL_FIRST_WORDS:  # most lines, at once
        return False
    words = stripped.split(maxsplit=4)
    return len(words) >= 3 and any(len(words) > count and words[count][:1].isupper()
               and folded(bare(" ".join(words[:count]))) in LINK_LABEL_KEYS for count in (2, 3))


ALSO_WORDS = ("also", "anche", "también", "tambien", "também", "aussi", "auch", "ook", "juga")


def is_related_heading(words: str) -> bool:
    """'Related', 'Lesen Sie auch', 'Potrebbe interessarti anche': the heading of a block of links."""
    if folded(words) in RELATED_KEYS or MORE_FROM_SECTION.match(words):
        return True
    head, _, last = words.rpartition(" ")
    return last in ALSO_WORDS and folded(head) in RELATED_KEYS


def remove_related_links(work: Work) -> None:
    """'Baca juga: ...' lines, and 'Related'/'Most read' headings with the headlines listed under them."""
    lines, dropping = work.lines, False
    kept = []
    for line in lines:
        if LINK_DEFINITION.match(line.text):
            kept.append(line)
            continue
        words = bare(line.text) if len(line.text) <= 80 else ""
        if is_related_heading(words) or (len(line.text) <= 300 and is_labelled_headline(line.text)) \
                or (words and is_read_more_prompt(words)):
            work.changes.append(Change("related-links", line.number, "removed", line.text.strip()))
            dropping = is_related_heading(words)
            continue
        if dropping and line.text.strip() and _looks_like_headline(line.text):
            work.changes.append(Change("related-links", line.number, "removed", line.text.strip()))
            continue
        if dropping and line.text.strip() and not _looks_like_headline(line.text):
            dropping = False
        kept.append(line)
    work.lines = kept


LINK_LINE = re.compile(r"\[[^\]]+\]\([^)]+\)")
ANCHOR_LINE = re.compile(r"<a\b[^>]*>.*</a>")
HEADLINE_WORDS = 14
LISTED_HEADLINE_WORDS = 30
"""A headline listed as an item may run longer: its list mark, not its length, says where it ends."""
LIST_MARKS = ("- ", "* ", "• ", "· ")


def _looks_like_headline(text: str) -> bool:
    """A link, or a short line that does not end a sentence: what related-article lists are made of.
    Called on every line, so a long one is not split into more words than the limit."""
    stripped = text.strip().lstrip("-*•·0123456789. ")
    if LINK_LINE.fullmatch(stripped) or ANCHOR_LINE.fullmatch(stripped):
        return True
    # A headline may ask or exclaim; in a list of them, so may an item (Greek asks with ';').
    listed = text.lstrip().startswith(LIST_MARKS)
    endings, most = ((".", "。", ":"), LISTED_HEADLINE_WORDS) if listed else \
        ((".", "!", "?", "。", ":", ";"), HEADLINE_WORDS)
    return len(stripped.split(maxsplit=most)) <= most and not stripped.rstrip().endswith(endings)



NEWSLETTER = re.compile(
    r"^(sign up|subscribe|register|get|join|berlangganan|daftar|ikuti|iscriviti|abbonati|registrati|suscríbete|"
    r"suscribete|regístrate|assine|inscreva-se|cadastre-se|abonnez-vous|inscrivez-vous|abonnieren sie|abonnieren|"
    r"melden sie sich|bestellen sie|schrijf je in|abonneer je|meld je aan)\s.{0,80}\b(newsletter|newsletters|"
    r"inbox|briefing|nieuwsbrief|boletín|lettre d'information)\b")
APP_WORDS = r"(app|apps|aplikasi|aplicación|aplicativo|application|appli)"
APP_CALL = re.compile(
    r"^(download|get|install|unduh|scarica|descarga|descargue|baixe|téléchargez|laden sie|lade|installeer)\s"
    rf".{{0,40}}\b(our|kami|nostra|nuestra|nossa|notre|unsere|onze)\b.{{0,20}}\b{APP_WORDS}\b")
# "Download de app van Gelders Dagblad": the app named after the outlet (a capitalised name follows).
OUTLET_APP_CALL = re.compile(
    r"^(Download|Get|Install|Unduh|Scarica|Descarga|Baixe|Téléchargez|Installeer)\s+(the|de|la|l'|die|a|o|el)?\s*"
    r"(app|App|aplikasi|application)\s+(of|from|van|di|de|del|da|do|von|du|des)\s+[A-Z]")
CHANNEL_CALL = re.compile(
    r"^(join|follow|get|gabung|gabung ke|gabung di|ikuti|dapatkan|receba|recebe|siga|unisciti|segui|iscriviti|"
    r"únete|unete|sigue|recibe|rejoignez|suivez|recevez|treten sie|folgen sie|abonnieren sie|volg|word lid)\s"
    r"(?=.{0,80}\b(channel|channels|saluran|grup|group|canal|canale|kanal|news|berita|notícias|noticias|notizie|"
    r"nieuws|nachrichten|actualités|updates|info)\b).{0,80}\b(whatsapp|telegram|google news|signal)\b")
BARE_APP_CALL = re.compile(r"^(download|get|install|unduh|scarica|descarga|baixe|téléchargez|installeer)\s+"
                           r"(the |our |l'|la |o |a |de |die |aplikasi )?(app|apps|aplikasi|application|appli)$")
ANY_CALL = re.compile("|".join(f"(?:{call.pattern})" for call in (NEWSLETTER, APP_CALL, CHANNEL_CALL, BARE_APP_CALL)))
"""The four calls in one pattern: a line is matched once, not four times."""
JAPANESE_CALL = re.compile(r"(ニュースレター|メルマガ|メール|アプリ).{0,20}(登録|ダウンロード|購読)")


CALL_LONGEST = 320
NAMED_NEWSLETTER = re.compile(rf"(?<!\w){alternation(NEWSLETTER_WORDS)}(?!\w)")
NEWSLETTER_CALL_WORDS = 5
"""A line this short naming a newsletter is a call to get it, in any word order; a sentence about one is longer."""


def is_newsletter_call(text: str) -> bool:
    """Calls to subscribe to a newsletter, install the outlet's app or join its news channel."""
    if len(text) > CALL_LONGEST:
        return False
    words = bare(text)
    if len(text) > 200:  # a channel call may say why, at length; the other calls are short
        return is_channel_call(text, words)
    if not words.isascii() and JAPANESE_CALL.match(words):
        return not SENTENCE_ENDING.search(text)
    if len(words.split(maxsplit=NEWSLETTER_CALL_WORDS)) <= NEWSLETTER_CALL_WORDS and NAMED_NEWSLETTER.search(words) \
            and not SENTENCE_ENDING.search(text.rstrip("!")):
        return True
    return (bool(ANY_CALL.match(words)) or bool(OUTLET_APP_CALL.match(text.strip(" *_")))
            or is_channel_call(text, words) or is_follow_call(words))


READING_TIME = re.compile(
    r"^((updated|aggiornato|aktualisiert|mis à jour|actualizado|atualizado|bijgewerkt|diperbarui)\s+)?"
    r"((reading time|read time|estimated reading time|waktu baca|lama baca|tempo di lettura|tempo de leitura|"
    r"tiempo de lectura|temps de lecture|lesezeit|leestijd|読了時間|この記事は約|okuma süresi|okunma süresi|"
    r"czas czytania|doba čtení|olvasási idő|timp de citire|время чтения|час читання|lästid|læsetid|lesetid|"
    r"lukuaika|χρόνος ανάγνωσης)\s*[:：]?\s*(about |sekitar |circa |ca\. |ongeveer |約)?\d*|<?\d+\s*(min|mins|minute|"
    r"minutes|menit|minuto|minuti|minutos|minuten|minut|dakika|perc|分)\.?\s*(read|reading|baca|bacaan|di lettura|"
    r"lettura|de lectura|lectura|de leitura|leitura|de lecture|lecture|lesezeit|lesen|leestijd|de citit|czytania|"
    r"čtení|olvasás|okuma|で読めます|で読める))")
TAG_LIST = re.compile(rf"^{alternation(TAG_LABELS)}\s*[:：]\s*\S", re.I)


def is_tag_list(text: str) -> bool:
    """'Temas: Turismo rural · Teruel': a label, then short names separated by commas, dots or bars."""
    stripped = LINK.sub(LABEL, text.strip()).strip("*_ ")
    if len(stripped) > 200 or not TAG_LIST.match(stripped):
        return False
    items = re.split(r"\s*[,·|•/]\s*|\s{2,}", stripped.split(":", 1)[-1].split("：", 1)[-1])
    return all(0 < len(item.split()) <= 4 and not item.endswith(".") for item in items if item)


EVENT_LINE = re.compile(r"^(\S+ )?(evento|eventi|event|events|événement|veranstaltung|acara|イベント|sessions)\b"
                        r"(\s\S+){0,3}$")
EVENT_DETAILS = re.compile(r"\||\b\d{1,2}(st|nd|rd|th)?\b.*\b(19|20)?\d{2}\b|\b(january|february|march|april|may|"
                           r"june|july|august|september|october|november|december|gennaio|febbraio|marzo|aprile|"
                           r"maggio|giugno|luglio|agosto|settembre|ottobre|novembre|dicembre|enero|febrero|abril|"
                           r"mayo|junio|julio|septiembre|octubre|noviembre|diciembre|januari|februari|maret|mei|"
                           r"juni|juli|agustus|oktober|desember)\b", re.I)
EVENT_CALLS = {
    "register now", "register today", "get tickets", "get your tickets", "buy tickets", "save your spot",
    "secure your spot", "learn more", "iscriviti ora", "registrati ora", "acquista i biglietti", "daftar sekarang",
    "inscríbete", "compra tus entradas", "inscreva-se", "jetzt anmelden", "tickets sichern", "inscrivez-vous",
    "meld je aan", "今すぐ登録",
}


def remove_event_promos(work: Work) -> None:
    """An event name, then its place and date ("Boston, MA | 15 luglio"), then calls to register."""
    lines, drop = work.lines, set()
    content = [i for i, line in enumerate(lines) if line.text.strip()]
    for position, index in enumerate(content):
        text = lines[index].text
        if len(text) > 60 or SENTENCE_ENDING.search(text) or not EVENT_LINE.match(bare(text)) \
                or position + 1 >= len(content):
            continue
        details = content[position + 1]
        detail_text = lines[details].text
        if len(detail_text) <= 80 and EVENT_DETAILS.search(detail_text) and not SENTENCE_ENDING.search(detail_text):
            drop |= {index, details}
            for follower in content[position + 2:]:
                if bare(lines[follower].text) not in EVENT_CALLS:
                    break
                drop.add(follower)
    drop_lines(work, "event-promos", lambda text, i: i in drop, longest=80)

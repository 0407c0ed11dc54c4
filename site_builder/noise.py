"""The cleaning rules: small, named, ordered functions over the lines of a clipped article.

Each rule removes or rewrites whole lines and says what it did, line by line, so `site-builder clean
--explain` can show it. Precision comes before recall: a rule only matches a line that is nothing but
noise (a widget word alone, a label with a colon, a credit in parentheses); a sentence that merely
contains a widget word is never touched. When unsure, keep.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field, replace
from itertools import accumulate
from typing import Callable

from site_builder.embeds import (BLOCKQUOTE_EMBED, FACEBOOK_EMBED, IFRAME, VIMEO_CAPTION, Embed,
                                 embed_from_blockquote, embed_from_facebook, embed_from_iframe)

EMBED_MARK = "\ue000"
"""Private-use character around an embed placeholder; stripped from article text before cleaning."""


@dataclass(frozen=True)
class Line:
    """One line of an article body, with the line of the file it came from."""

    number: int
    """1-based line in the source file."""
    text: str
    """The line's text, without its line break."""


@dataclass(frozen=True)
class Change:
    """What one rule did to one line, for --explain and the build report."""

    rule: str
    """Name of the rule."""
    line: int
    """Line of the source file."""
    action: str
    """'removed', 'changed' or 'replaced'."""
    text: str
    """The line (or embed) as it was, shortened."""
    detail: str = ""
    """What it became, when it was not simply removed."""

    def __str__(self) -> str:
        text = self.text if len(self.text) <= 70 else self.text[:69] + "…"
        return f"{self.rule}: {self.action} {text!r}" + (f" -> {self.detail}" if self.detail else "")


@dataclass
class Work:
    """The state rules pass along: lines, and what has been done so far."""

    lines: list[Line]
    """Current lines of the body."""
    title: str
    """The article's title, for the duplicated-title rule."""
    patterns: tuple[re.Pattern, ...] = ()
    """The site's own line patterns for this article's source."""
    changes: list[Change] = field(default_factory=list)
    """Everything rules have done, in order."""
    embeds: list[Embed] = field(default_factory=list)
    """Embeds turned into cards; placeholder n in the text is embeds[n]."""


@dataclass(frozen=True)
class Rule:
    """A named cleaning step."""

    name: str
    """What curators type in `disable:` lists."""
    description: str
    """The noise it handles, for --help and docs."""
    apply: Callable[[Work], None]
    """Rewrites work.lines, recording a Change for everything it does."""


def bare(text: str) -> str:
    """A line reduced to its words: markup, list and heading marks, end punctuation gone; case-folded."""
    text = re.sub(r"<[^>]+>", " ", text)
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"[*_`#>|]+", " ", text)
    text = text.strip().strip("-–—•·:：.,;!?()[]{}«»\"'“”‘’…→←↗▶►|/\\ \t\u00a0").casefold()
    return " ".join(text.split())


def drop_lines(work: Work, rule: str, matches: Callable[[str, int], bool]) -> None:
    """Remove every line for which ``matches(line text, index)`` holds."""
    kept = []
    for index, line in enumerate(work.lines):
        if line.text.strip() and matches(line.text, index):
            work.changes.append(Change(rule, line.number, "removed", line.text.strip()))
        else:
            kept.append(line)
    work.lines = kept


def words_rule(rule: str, words: set[str]) -> Callable[[Work], None]:
    """A rule removing lines that are, once bare, exactly one of ``words``."""
    return lambda work: drop_lines(work, rule, lambda text, _: bare(text) in words)


def pattern_rule(rule: str, pattern: re.Pattern, max_length: int = 160) -> Callable[[Work], None]:
    """A rule removing short lines whose bare form matches ``pattern`` from its start."""
    return lambda work: drop_lines(work, rule, lambda text, _: len(text) <= max_length
                                   and bool(pattern.match(bare(text))))


# Embeds and scripts -----------------------------------------------------------------------------------

SCRIPT = re.compile(r"<script\b[^>]*>.*?</script\s*>|<script\b[^>]*/>|<div\s+id=[\"']fb-root[\"']\s*>\s*</div>",
                    re.I | re.S)


def replace_blocks(work: Work, rule: str, pattern: re.Pattern, make: Callable[[re.Match], Embed | None]) -> None:
    """Replace each HTML block matching ``pattern`` (which may span lines) by an embed placeholder, or by
    nothing when ``make`` returns None."""
    text = "\n".join(line.text for line in work.lines)
    if "<" not in text or not pattern.search(text):
        return
    starts = list(accumulate((len(line.text) + 1 for line in work.lines[:-1]), initial=0))

    def line_at(position: int) -> int:
        return work.lines[bisect_right(starts, position) - 1].number

    pieces, cursor = [], 0
    for match in pattern.finditer(text):
        embed, number = make(match), line_at(match.start())
        before = text[cursor:match.start()].rstrip(" \t")
        after_start = match.end() + len(text[match.end():]) - len(text[match.end():].lstrip(" \t"))
        if embed is None:
            work.changes.append(Change(rule, number, "removed", " ".join(match.group(0).split())))
            replacement = ""
        else:
            work.changes.append(Change(rule, number, "replaced", " ".join(match.group(0).split()),
                                       f"a static card for {embed.describe()}"))
            replacement = _own_paragraph(f"{EMBED_MARK}embed-{len(work.embeds)}{EMBED_MARK}", before,
                                         text[after_start:])
            work.embeds.append(embed)
        pieces += [(before, cursor, 0), (replacement, None, number)]
        cursor = after_start
    pieces.append((text[cursor:], cursor, 0))
    work.lines = _relines(pieces, line_at)


def _own_paragraph(token: str, before: str, after: str) -> str:
    """The token with just enough line breaks around it to stand as a paragraph of its own."""
    leading = len(before) - len(before.rstrip("\n"))
    trailing = len(after) - len(after.lstrip("\n"))
    prefix = "" if not before else "\n" * max(0, 2 - leading)
    suffix = "" if not after else "\n" * max(0, 2 - trailing)
    return prefix + token + suffix


def _relines(pieces: list[tuple[str, int | None, int]], line_at: Callable[[int], int]) -> list[Line]:
    """Split rewritten text into Lines: kept text keeps its file line, a replacement takes its block's."""
    lines, current, number = [], "", None
    for text, origin, replacement_number in pieces:
        offset = origin
        for index, part in enumerate(text.split("\n")):
            if index > 0:
                lines.append(Line(number, current))
                current, number = "", None
            if number is None:
                number = line_at(offset) if origin is not None else replacement_number
            current += part
            if origin is not None:
                offset += len(part) + 1
    lines.append(Line(number, current))
    return lines


def remove_embed_scripts(work: Work) -> None:
    replace_blocks(work, "scripts", SCRIPT, lambda match: None)


def replace_social_embeds(work: Work) -> None:
    replace_blocks(work, "social-embeds", BLOCKQUOTE_EMBED, lambda match: embed_from_blockquote(match.group(0)))
    replace_blocks(work, "social-embeds", FACEBOOK_EMBED, lambda match: embed_from_facebook(match.group(0)))


IFRAME_WITH_CAPTION = re.compile(rf"{IFRAME.pattern}(?:{VIMEO_CAPTION.pattern})?", re.I | re.S)


def replace_iframes(work: Work) -> None:
    def make(match: re.Match) -> Embed | None:
        iframe = IFRAME.match(match.group(0)).group(0)
        return embed_from_iframe(iframe, match.group(0)[len(iframe):])

    replace_blocks(work, "iframes", IFRAME_WITH_CAPTION, make)


# Lines that are nothing but site chrome ---------------------------------------------------------------

SHARE_WORDS = {
    "share", "share this", "share this:", "share this article", "share this story", "share article", "share story",
    "share on facebook", "share on x", "share on twitter", "share on linkedin", "share on whatsapp",
    "share via email", "share via", "share the article", "tweet", "tweet this", "post", "pin it", "copy link",
    "copy url", "link copied", "copied", "bagikan", "bagikan artikel", "bagikan artikel ini", "bagikan berita",
    "bagikan berita ini", "salin link", "salin tautan", "tautan disalin", "condividi", "condividi su facebook",
    "condividi su x", "condividi su whatsapp", "condividi questo articolo", "condividi l'articolo", "copia link",
    "compartir", "compartir en facebook", "compartir en twitter", "compartir en x", "compartir en whatsapp",
    "compartir artículo", "compartir este artículo", "copiar enlace", "compartilhe", "compartilhar",
    "compartilhe esta notícia", "compartilhe este artigo", "copiar link", "partager", "partager sur facebook",
    "partager sur x", "partager cet article", "copier le lien", "teilen", "artikel teilen", "auf facebook teilen",
    "link kopieren", "delen", "deel dit artikel", "deel artikel", "kopieer link", "シェア", "シェアする", "ツイート",
    "共有", "リンクをコピー", "この記事をシェア", "はてなブックマーク", "lineで送る",
}
NETWORK_WORDS = {
    "facebook", "twitter", "x", "whatsapp", "linkedin", "telegram", "pinterest", "reddit", "line", "email",
    "e-mail", "mail", "messenger", "flipboard", "threads", "bluesky", "mastodon", "print", "imprimir", "stampa",
    "cetak", "drucken", "afdrukken", "imprimer", "印刷", "sms", "kakaotalk", "hatena", "pocket",
}
OPENS_IN_NEW_WINDOW = re.compile(r"(click to|klik untuk|clicca per|haz clic para|clique para|cliquez pour|"
                                 r"klicken, um|klik om).*\((opens|opent|si apre|se abre|abre|s'ouvre|öffnet|"
                                 r"membuka)[^)]*\)?$")
FOLLOW = re.compile(r"^(follow us|follow (\S+ ){0,3}on (x|twitter|facebook|instagram|tiktok|threads|linkedin|"
                    r"google news|whatsapp|telegram)|ikuti (kami|berita|update)|seguici|segui (\S+ ){0,3}su |"
                    r"síguenos|siga-nos|siga o|suivez-nous|folgen sie uns|folge uns|volg ons|フォローする|"
                    r"をフォロー)")
COMMENT_WORDS = {
    "comment", "comments", "leave a comment", "post a comment", "add a comment", "view comments",
    "show comments", "join the conversation", "0 comments", "no comments", "komentar", "tulis komentar",
    "lihat komentar", "berikan komentar", "commenti", "commenta", "lascia un commento", "comentarios",
    "comentar", "deja un comentario", "deja tu comentario", "comentários", "comentarios", "deixe um comentário",
    "deixe seu comentário", "commentaires", "commenter", "laisser un commentaire", "réagir", "kommentare",
    "kommentieren", "kommentar schreiben", "reacties", "reageer", "reageren", "plaats een reactie", "コメント",
    "コメントする", "コメントを書く",
}
COMMENT_COUNT = re.compile(r"^\d+\s+(comments?|komentar|commenti|comentarios|comentários|commentaires|"
                           r"kommentare|reacties|件のコメント)$")


def is_widget_line(text: str) -> bool:
    words = bare(text)
    return (words in SHARE_WORDS or words in COMMENT_WORDS or bool(COMMENT_COUNT.match(words))
            or bool(OPENS_IN_NEW_WINDOW.search(words)) or (len(text) <= 80 and bool(FOLLOW.match(words))))


def remove_share_widgets(work: Work) -> None:
    """Share, follow and comment widgets; a bare network name ("WhatsApp") only next to another widget."""
    texts = [line.text for line in work.lines]
    widget = [bool(t.strip()) and is_widget_line(t) for t in texts]
    network = [bare(t) in NETWORK_WORDS for t in texts]

    def next_to_widget(index: int, step: int) -> bool:
        index += step
        while 0 <= index < len(texts) and (not texts[index].strip() or network[index]):
            index += step
        return 0 <= index < len(texts) and widget[index]

    drop_lines(work, "share-widgets", lambda text, i: widget[i] or (
        network[i] and (next_to_widget(i, -1) or next_to_widget(i, 1))))


RELATED_HEADINGS = {
    "popular", "most popular", "most read", "most viewed", "trending", "trending now", "related", "related articles",
    "related stories", "related news", "related posts", "read more", "read also", "also read", "more stories",
    "more from", "recommended", "recommended for you", "you may also like", "you might also like", "see also",
    "baca juga", "terpopuler", "populer", "berita terkait", "artikel terkait", "berita terpopuler", "terkini",
    "berita lainnya", "pilihan editor", "leggi anche", "più letti", "i più letti", "articoli correlati",
    "potrebbe interessarti", "ti potrebbe interessare", "lee también", "lo más leído", "lo más visto",
    "noticias relacionadas", "te puede interesar", "también te puede interesar", "leia também", "mais lidas",
    "notícias relacionadas", "veja também", "mais lidos", "lire aussi", "à lire aussi", "les plus lus",
    "articles similaires", "sur le même sujet", "lesen sie auch", "meistgelesen", "meistgelesene artikel",
    "das könnte sie auch interessieren", "mehr zum thema", "lees ook", "meest gelezen", "gerelateerde artikelen",
    "gerelateerd", "人気記事", "関連記事", "あわせて読みたい", "おすすめ記事", "もっと見る", "アクセスランキング",
}
RELATED_LABEL = re.compile(
    r"^\s*(?:[*_]{1,3})?(read more|read also|also read|see also|related|more|baca juga|simak juga|lihat juga|"
    r"baca selengkapnya|leggi anche|leggi|guarda anche|lee también|lea también|leer más|leia também|leia mais|"
    r"veja também|lire aussi|à lire aussi|a lire aussi|lesen sie auch|auch interessant|mehr zum thema|lees ook|"
    r"lees meer|lees verder|関連記事|あわせて読みたい|関連)\s*(?:[*_]{1,3})?\s*[:：»>|–—-]+\s*\S", re.I)


def remove_related_links(work: Work) -> None:
    """'Baca juga: ...' lines, and 'Related'/'Most read' headings with the headlines listed under them."""
    lines, dropping = work.lines, False
    kept = []
    for line in lines:
        words = bare(line.text)
        if words in RELATED_HEADINGS or (len(line.text) <= 300 and RELATED_LABEL.match(line.text)):
            work.changes.append(Change("related-links", line.number, "removed", line.text.strip()))
            dropping = words in RELATED_HEADINGS
            continue
        if dropping and line.text.strip() and _looks_like_headline(line.text):
            work.changes.append(Change("related-links", line.number, "removed", line.text.strip()))
            continue
        if line.text.strip() and not _looks_like_headline(line.text):
            dropping = False
        kept.append(line)
    work.lines = kept


def _looks_like_headline(text: str) -> bool:
    """A link, or a short line that does not end a sentence: what related-article lists are made of."""
    stripped = text.strip().lstrip("-*•·0123456789. ")
    if re.fullmatch(r"\[[^\]]+\]\([^)]+\)", stripped) or re.fullmatch(r"<a\b[^>]*>.*</a>", stripped):
        return True
    return len(stripped.split()) <= 14 and not re.search(r"[.!?。:;]$", stripped)


AD_WORDS = {
    "advertisement", "advertisements", "advert", "ad", "ads", "sponsored", "sponsored content", "paid content",
    "paid post", "promoted", "scroll to continue with content", "continue reading below", "content continues below",
    "story continues below advertisement", "article continues below advertisement", "story continues below",
    "article continues after this advertisement", "iklan", "advertorial", "scroll untuk melanjutkan",
    "lanjutkan membaca artikel di bawah", "scroll to resume content", "konten berbayar", "pubblicità",
    "contenuto sponsorizzato", "pubblicità - continua a leggere di seguito", "publicidad", "contenido patrocinado",
    "sigue leyendo", "publicidade", "conteúdo patrocinado", "continua após a publicidade", "publicité",
    "contenu sponsorisé", "la suite après la publicité", "anzeige", "werbung", "gesponsert", "weiter nach der anzeige",
    "advertentie", "gesponsord", "lees verder na de advertentie", "広告", "スポンサーリンク", "pr", "[pr]",
}

NEWSLETTER = re.compile(
    r"^(sign up|subscribe|register|get|join|berlangganan|daftar|ikuti|iscriviti|abbonati|registrati|suscríbete|"
    r"suscribete|regístrate|assine|inscreva-se|cadastre-se|abonnez-vous|inscrivez-vous|abonnieren sie|abonnieren|"
    r"melden sie sich|bestellen sie|schrijf je in|abonneer je|meld je aan)\b.{0,80}\b(newsletter|newsletters|"
    r"inbox|briefing|nieuwsbrief|boletín|lettre d'information|buletin)\b")
APP_CALL = re.compile(
    r"^(download|get|install|unduh|scarica|descarga|descargue|baixe|téléchargez|laden sie|lade|installeer|"
    r"download de)\b.{0,40}\b(our|kami|nostra|nuestra|nossa|notre|unsere|onze)\b.{0,20}\b(app|apps|aplikasi|"
    r"aplicación|aplicativo|application|appli)\b")
JAPANESE_CALL = re.compile(r"(ニュースレター|メルマガ|アプリ).{0,20}(登録|ダウンロード|購読)")
NEWSLETTER_NOUNS = {"newsletter", "our newsletter", "nieuwsbrief", "ニュースレター"}


def is_newsletter_call(text: str) -> bool:
    words = bare(text)
    return len(text) <= 200 and (bool(NEWSLETTER.match(words)) or bool(APP_CALL.match(words))
                                 or bool(JAPANESE_CALL.match(words)) or words in NEWSLETTER_NOUNS)


READING_TIME = re.compile(
    r"^((reading time|read time|estimated reading time|waktu baca|lama baca|tempo di lettura|tempo de leitura|"
    r"tiempo de lectura|temps de lecture|lesezeit|leestijd|読了時間|この記事は約)\s*[:：]?\s*(about |sekitar |circa |"
    r"ca\. |ongeveer |約)?\d+|\d+\s*(min|mins|minute|minutes|menit|minuti|minutos|minuten|分)\.?\s*"
    r"(read|reading|baca|bacaan|di lettura|lettura|de lectura|lectura|de leitura|leitura|de lecture|lecture|"
    r"lesezeit|lesen|leestijd|leestijd|で読めます|で読める))")
LOADING_WORDS = {
    "loading", "please wait", "loading content", "memuat", "sedang memuat", "caricamento", "caricamento in corso",
    "cargando", "carregando", "chargement", "chargement en cours", "wird geladen", "lädt", "laden", "bezig met laden",
    "読み込み中", "読み込んでいます",
}
BREADCRUMB_START = ("home", "homepage", "beranda", "inicio", "início", "accueil", "startseite", "start", "ホーム",
                    "トップ", "news", "berita", "notizie", "noticias", "notícias", "actualités", "nachrichten", "nieuws")
BREADCRUMB_SEPARATORS = re.compile(r"\s+(?:>|›|»|/|\|)\s+")


def is_breadcrumb(text: str) -> bool:
    stripped = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text.strip()).strip("*_ ")
    segments = BREADCRUMB_SEPARATORS.split(stripped)
    return (2 <= len(segments) <= 7 and segments[0].casefold() in BREADCRUMB_START
            and all(0 < len(s.split()) <= 5 and not s.endswith(".") for s in segments))


BARE_IMAGE_URL = re.compile(r"^<?(https?:)?//\S+\.(jpe?g|png|gif|webp|avif|svg)(\?\S*)?>?$", re.I)
CREDIT_WORD = (r"(photo|photos|foto|fotos|image|images|imagen|immagine|bild|bilder|crédit photo|crédits photo|"
               r"photo credit|image credit|image source|credit|credits|kredit foto|sumber foto|sumber gambar|"
               r"ilustrasi|illustration|dok\.?|doc\.?|写真|画像|beeld|afbeelding|fotografía|fotografia)")
CREDIT_LINE = re.compile(rf"^\(?\s*{CREDIT_WORD}\s*(by\b|von\b|di\b|de\b|door\b|:|：|/|©)", re.I)
AGENCY_LINE = re.compile(r"^\(?(©\s*)?(getty images|reuters|afp|ap photo|ap|antara|antara foto|epa|dpa|ansa|efe|"
                         r"shutterstock|istock|unsplash|kyodo|共同)(\s*/\s*[^.]{1,60})?\)?$", re.I)
CAPTION_WITH_CREDIT = re.compile(rf"\(\s*{CREDIT_WORD}\s*[:：/©]\s*[^()]{{1,80}}\)\s*$", re.I)
PHOTO_BY_ON = re.compile(r"^(photo|foto) (by|von|di|de|door|oleh) .{1,60} (on|auf|su|en|em|sur|op|di) "
                         r"(unsplash|pexels|pixabay)$", re.I)


def is_image_credit(text: str) -> bool:
    stripped = text.strip().strip("*_")
    if len(stripped) > 250 or stripped.startswith(("!", "<img", "[!")):
        return False
    short = len(stripped) <= 120
    return (short and (bool(CREDIT_LINE.match(stripped)) or bool(AGENCY_LINE.match(stripped))
                       or bool(PHOTO_BY_ON.match(stripped)))) or bool(CAPTION_WITH_CREDIT.search(stripped))


EVENT_LINE = re.compile(r"^(evento|eventi|event|events|événement|veranstaltung|acara|イベント|"
                        r"techcrunch (event|sessions)|evento techcrunch|\S+ event)\b.{0,40}$")
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
        if not EVENT_LINE.match(bare(lines[index].text)) or position + 1 >= len(content):
            continue
        details = content[position + 1]
        if len(lines[details].text) <= 80 and EVENT_DETAILS.search(lines[details].text):
            drop |= {index, details}
            for follower in content[position + 2:]:
                if bare(lines[follower].text) not in EVENT_CALLS:
                    break
                drop.add(follower)
    drop_lines(work, "event-promos", lambda text, i: i in drop)


def remove_duplicate_title(work: Work) -> None:
    """Lines before the text that repeat the title (clipping often catches the page's headline twice)."""
    title = bare(work.title)
    kept, leading = [], True
    for line in work.lines:
        if leading and line.text.strip() and bare(line.text) == title:
            work.changes.append(Change("duplicate-title", line.number, "removed", line.text.strip()))
            continue
        leading = leading and not line.text.strip()
        kept.append(line)
    work.lines = kept


def remove_site_patterns(work: Work) -> None:
    drop_lines(work, "site-patterns", lambda text, _: any(p.search(text.strip()) for p in work.patterns))


TAG_LIKE = re.compile(r"^[^\W\d_][\w&'’ -]{0,29}$")
NOT_TAGS = ("-", "*", "+", "|", ">", "<", "!", "[", "•", "#", "—", "–", "`", EMBED_MARK)


def remove_trailing_tags(work: Work) -> None:
    """Category or source tags left after the last sentence: short lines of a few words, no punctuation."""
    end = len(work.lines)
    while end and (not work.lines[end - 1].text.strip() or _is_tag_like(work.lines[end - 1].text)):
        end -= 1
    tail = set(range(end, len(work.lines)))
    drop_lines(work, "trailing-tags", lambda text, i: i in tail)


def _is_tag_like(text: str) -> bool:
    stripped = text.strip()
    return (not stripped.startswith(NOT_TAGS) and len(stripped.split()) <= 3
            and bool(TAG_LIKE.match(stripped)))


BULLET = re.compile(r"^\s*[•●▪◦‣∙·]\s*(\S.*)$")
DASH_ITEM = re.compile(r"^\s*[–]\s+(\S.*)$")


def make_bullet_lists(work: Work) -> None:
    """Text bullets ("•", or a run of "–" lines) become a Markdown list, separated from the text above."""
    lines, result = work.lines, []
    content = [line for line in lines if line.text.strip()]
    dash_runs = {id(line) for a, b in zip(content, content[1:]) if DASH_ITEM.match(a.text) and DASH_ITEM.match(b.text)
                 for line in (a, b)}
    for line in lines:
        match = BULLET.match(line.text) or (DASH_ITEM.match(line.text) if id(line) in dash_runs else None)
        if not match:
            result.append(line)
            continue
        if result and result[-1].text.strip() and not result[-1].text.startswith("- "):
            result.append(Line(line.number, ""))
        item = f"- {match.group(1)}"
        work.changes.append(Change("text-bullets", line.number, "changed", line.text.strip(), item))
        result.append(Line(line.number, item))
    work.lines = result


ATTRIBUTION = re.compile(r"^\s*(—|―|--)\s*(\S.{0,150})$")
NOT_A_QUOTE_SOURCE = re.compile(r"(reporting|editing|writing|additional|laporan|penulis|editor|a cura di|con "
                                r"información|reportage|redaktion|bewerking)", re.I)


def attach_quote_attributions(work: Work) -> None:
    """A pull quote and its "— Name, role" line become one blockquote, so the attribution stays with it."""
    lines = work.lines
    for index, line in enumerate(lines):
        match = ATTRIBUTION.match(line.text)
        if not match or NOT_A_QUOTE_SOURCE.search(match.group(2)):
            continue
        quote = _paragraph_before(lines, index)
        if not quote or len(" ".join(lines[i].text for i in quote).split()) > 80:
            continue
        for i in quote:
            lines[i] = replace(lines[i], text="> " + lines[i].text.strip())
        gap = [i for i in range(quote[-1] + 1, index)]
        for i in gap:
            lines[i] = replace(lines[i], text=">")
        lines[index] = replace(line, text="> " + line.text.strip())
        work.changes.append(Change("quote-attribution", line.number, "changed", line.text.strip(),
                                   f"kept with its quote (line {lines[quote[0]].number})"))


def _paragraph_before(lines: list[Line], index: int) -> list[int]:
    """Indexes of the plain-text paragraph just above ``index`` (blank lines between allowed)."""
    i = index - 1
    while i >= 0 and not lines[i].text.strip():
        i -= 1
    end = i
    while i >= 0 and lines[i].text.strip():
        i -= 1
    block = list(range(i + 1, end + 1))
    plain = all(not lines[j].text.lstrip().startswith(("#", ">", "-", "*", "<", "|", EMBED_MARK, "—", "―", "!"))
                for j in block)
    return block if block and plain else []


SENTENCE_END = re.compile(r"[.!?…。！？][\"'”’»)]*$")
NOT_PROSE = ("#", ">", "-", "*", "+", "|", "<", "!", "[", "`", "•", "●", "▪", "◦", "‣", "∙", "·", "–", "—",
             EMBED_MARK)


def separate_paragraph_lines(work: Work) -> None:
    """Clipped pages put one paragraph per line; Markdown would join them. A long line (over 100
    characters) that ends a sentence, followed directly by more prose, gets a blank line after it
    (hand-wrapped Markdown, whose lines are short, is left alone)."""
    lines, result = work.lines, []
    for index, line in enumerate(lines):
        result.append(line)
        following = lines[index + 1].text if index + 1 < len(lines) else ""
        if (len(line.text) > 100 and SENTENCE_END.search(line.text.rstrip()) and following.strip()
                and not _starts_block(line.text) and not _starts_block(following)):
            result.append(Line(line.number, ""))
            work.changes.append(Change("line-paragraphs", line.number, "changed", line.text.strip(),
                                       "a paragraph of its own"))
    work.lines = result


def _starts_block(text: str) -> bool:
    """Markdown structure (list, heading, quote, table, HTML, code) rather than a line of prose."""
    return text.startswith(("    ", "\t")) or text.lstrip().startswith(NOT_PROSE) or bool(re.match(r"\s*\d+[.)]\s", text))


RULES: tuple[Rule, ...] = (
    Rule("social-embeds", "embedded posts (X, Instagram, TikTok, Facebook, Threads, Bluesky, Mastodon, Reddit) "
         "become static cards", replace_social_embeds),
    Rule("iframes", "video and post iframes (YouTube, Vimeo, ...) become link cards; other iframes go",
         replace_iframes),
    Rule("scripts", "script elements and the embed loaders they carry", remove_embed_scripts),
    Rule("duplicate-title", "lines before the text repeating the title", remove_duplicate_title),
    Rule("image-credits", "credits and captions of images that are not there", lambda work: drop_lines(
        work, "image-credits", lambda text, _: is_image_credit(text))),
    Rule("bare-image-urls", "image addresses left on a line of their own", lambda work: drop_lines(
        work, "bare-image-urls", lambda text, _: bool(BARE_IMAGE_URL.match(text.strip())))),
    Rule("breadcrumbs", "navigation trails (Home > Tech > AI)", lambda work: drop_lines(
        work, "breadcrumbs", lambda text, _: is_breadcrumb(text))),
    Rule("reading-time", "reading-time labels (5 min read)", pattern_rule("reading-time", READING_TIME, 60)),
    Rule("loading-placeholders", "loading placeholders (Loading...)", words_rule("loading-placeholders",
                                                                                  LOADING_WORDS)),
    Rule("ad-labels", "advertisement labels (Advertisement, Iklan, Anzeige)", words_rule("ad-labels", AD_WORDS)),
    Rule("share-widgets", "share, follow and comment widgets", remove_share_widgets),
    Rule("newsletter-calls", "newsletter and app calls", lambda work: drop_lines(
        work, "newsletter-calls", lambda text, _: is_newsletter_call(text))),
    Rule("related-links", "'Read more' / 'Baca juga' lines and 'Popular' / 'Related' blocks", remove_related_links),
    Rule("event-promos", "event promotions (Evento Techcrunch / Boston, MA | 15 luglio)", remove_event_promos),
    Rule("site-patterns", "lines matching the site's own patterns for the source", remove_site_patterns),
    Rule("trailing-tags", "category or source tags after the last sentence", remove_trailing_tags),
    Rule("line-paragraphs", "one-paragraph-per-line clippings become Markdown paragraphs",
         separate_paragraph_lines),
    Rule("text-bullets", "text bullets (•) become a Markdown list", make_bullet_lists),
    Rule("quote-attribution", "an attribution line (— Name) stays with its quote", attach_quote_attributions),
)
RULE_NAMES: tuple[str, ...] = tuple(rule.name for rule in RULES)


def run_rules(lines: list[Line], title: str, disabled: frozenset[str] = frozenset(),
              patterns: tuple[re.Pattern, ...] = ()) -> Work:
    """Every enabled rule, in order, over the lines of one body."""
    work = Work(lines=lines, title=title, patterns=patterns)
    for rule in RULES:
        if rule.name not in disabled:
            rule.apply(work)
    return work


def unknown_rule_problem(name: str) -> str | None:
    """None for a known rule name; otherwise the message naming the valid ones."""
    return None if name in RULE_NAMES else f"unknown cleaning rule {name!r}; the rules are: {', '.join(RULE_NAMES)}"

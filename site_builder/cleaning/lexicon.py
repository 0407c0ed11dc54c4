"""Words of page furniture in many languages, one set per kind of furniture.

A page's furniture is named with a closed set of words in each language ("Comments", "Kommentare",
"σχόλια", "댓글"), unlike the text around it, so a list per kind can be nearly whole where a list of
promo sentences never is. The rules in `chrome` match whole lines against these sets, after `bare`
(lower case, no markup, no trailing colon), so each entry is written that way. Languages are those of
the news a digest gathers: the big European ones and their neighbours, Arabic, Hindi, Vietnamese,
Chinese, Japanese, Korean, Thai and Hebrew.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

CREDIT_WORDS = (
    "photo", "photos", "photograph", "photographs", "foto", "fotos", "image", "images", "imagen", "immagine", "bild",
    "bilder", "bildquelle", "fonte foto", "fonte immagine", "fuente foto", "source photo", "crédito", "credito",
    "crédit photo",
    "crédits photo", "photo credit", "image credit", "image source", "credit", "credits", "kredit foto",
    "sumber foto", "sumber gambar", "ilustrasi", "illustration", "dok.", "dok", "doc.", "doc", "写真", "画像",
    "beeld", "afbeelding", "fotografía", "fotografia", "fotó", "fotók", "kuva", "kuvat", "fotoğraf", "zdjęcie",
    "zdjęcia", "fot.", "фото", "фотография", "фотографія", "φωτογραφία", "φωτ.", "billede", "billeder",
    "bildkälla", "imagine", "sursa foto", "사진", "图", "图片", "圖片", "摄影", "攝影", "图源", "صورة", "الصورة",
    "फोटो", "तस्वीर", "ảnh", "nguồn ảnh", "mynd", "myndir", "nuotrauka", "nuotr.", "attēls", "fotogrāfija",
    "fotografija", "fotografije", "snímka", "снимка", "снимки", "عکس", "تصویر", "ছবি", "צילום", "תמונה", "larawan",
    "ภาพ", "ที่มาภาพ", "źródło zdjęcia", "źródło zdjęcia głównego", "źródło", "zdroj", "credits foto",
    "crediti foto", "credit foto", "credito foto", "crédito foto", "divulgação", "reprodução", "imagem",
)
"""Words that begin a photo credit ("Kuva: Heli Kaski / Yle", "Fotó: Pixabay")."""

TAG_LABELS = (
    "tags", "tag", "topics", "topic", "temas", "tema", "tópicos", "topik", "tagar", "argomenti", "themen",
    "schlagwörter", "schlagworte", "onderwerpen", "sujets", "mots-clés", "mots clés", "categories", "category",
    "categorías", "categoria", "categorie", "kategori", "kategorien", "filed under", "more on", "タグ", "トピック",
    "関連キーワード", "etiketler", "etiket", "tagi", "tagy", "štítky", "címkék", "etichete", "теги", "метки",
    "ετικέτες", "taggar", "emneord", "avainsanat", "etiquetes", "الوسوم", "كلمات مفتاحية", "टैग", "từ khóa",
    "thẻ", "标签", "標籤", "태그", "키워드",
)
"""Labels of a line of tags or topics ("Etiketler: İstanbul, sel")."""


QUOTES = frozenset("\"'“”‘’«»„‚")
"""Quotes aside too: 'Нажмите "Enter" для перехода к содержанию' is a skip link however it quotes."""


ASCII_QUOTES = str.maketrans("", "", "".join(char for char in QUOTES if char.isascii()))


@lru_cache(maxsize=8192)
def folded(words: str) -> str:
    """Words with accents and case aside: capitals drop Greek accents ("ΣΧΟΛΙΑ"), and some pages drop
    others, so a set is looked up by the folded form of its entries. (ASCII has no accents to drop: it is
    only case-folded, most lines of most pages, at a fraction of the cost.)"""
    if words.isascii():
        return words.translate(ASCII_QUOTES).casefold()
    return "".join(char for char in unicodedata.normalize("NFD", words)
                   if not unicodedata.combining(char) and char not in QUOTES).casefold()


def folded_set(*groups) -> frozenset[str]:
    return frozenset(folded(words) for group in groups for words in group)


def alternation(words) -> str:
    """A regular expression matching any of ``words``, each once, the longest first (then in order, so
    every process writes the same expression)."""
    return "(" + "|".join(re.escape(word) for word in sorted(set(words), key=lambda word: (-len(word), word))) + ")"

SHARE_LABELS = frozenset({
    "share", "share this", "share this:", "share this article", "share this story", "share article", "share story",
    "share on facebook", "share on x", "share on twitter", "share on linkedin", "share on whatsapp",
    "share via email", "share via", "share the article", "tweet", "tweet this", "post", "pin it", "copy link",
    "copy url", "link copied", "copied", "copied!", "link kopiert", "lien copié", "enlace copiado", "link copiado",
    "link copiato", "link gekopieerd", "タイトルとurlをコピーしました", "コピーしました", "链接已复制",
    "링크가 복사되었습니다", "bagikan", "bagikan artikel", "bagikan artikel ini", "bagikan berita",
    "bagikan berita ini", "salin link", "salin tautan", "tautan disalin", "condividi", "condividi su facebook",
    "condividi su x", "condividi su whatsapp", "condividi questo articolo", "condividi l'articolo", "copia link",
    "compartir", "compartir en facebook", "compartir en twitter", "compartir en x", "compartir en whatsapp",
    "compartir artículo", "compartir este artículo", "copiar enlace", "compartilhe", "compartilhar",
    "compartilhe esta notícia", "compartilhe este artigo", "copiar link", "partager", "partager sur facebook",
    "partager sur x", "partager cet article", "copier le lien", "teilen", "artikel teilen", "auf facebook teilen",
    "link kopieren", "delen", "deel dit artikel", "deel artikel", "kopieer link", "シェア", "シェアする", "ツイート",
    "共有", "リンクをコピー", "この記事をシェア", "はてなブックマーク", "lineで送る", "like this", "like",
    "like loading", "mi piace", "me gusta", "curtir", "j'aime", "gefällt mir", "vind ik leuk", "suka", "いいね",
    "partager l'article", "compartir la noticia", "compartilhar notícia", "condividi la notizia",
    "artikel delen", "diesen artikel teilen", "share the story", "bagikan ke",
    "udostępnij", "podziel się", "sdílet", "sdílejte", "zdieľať", "megosztás", "megosztom", "distribuie",
    "distribuie articolul", "поделиться", "поділитися", "κοινοποίηση", "μοιραστείτε", "paylaş", "paylaşın",
    "dela", "dela artikeln", "del", "del artiklen", "del artikkelen", "jaa", "jaa artikkeli", "comparteix",
    "شارك", "شارك المقال", "شارك الخبر", "शेयर करें", "शेयर", "chia sẻ", "chia sẻ bài viết", "分享", "分享到",
    "공유", "공유하기", "기사 공유", "แชร์", "שתף", "שתפו", "podelite", "podelite vest", "podijeli", "podijelite",
    "podeli", "deli", "deli članek", "сподели", "споделете", "dalintis", "pasidalinkite", "dalīties", "jaga", "deila",
    "bagikan ini", "kongsi", "ibahagi", "اشتراک گذاری", "শেয়ার করুন", "শেয়ার", "주소복사", "주소 복사",
    "주소복사가 완료되었습니다", "url이 복사되었습니다",
    "spread the love",
})
"""A share button's label alone on its line."""

PRINT_LABELS = frozenset({
    "print", "print article", "print this article", "print page", "imprimir", "stampa", "stampa articolo",
    "cetak", "drucken", "artikel drucken", "afdrukken", "imprimer", "imprimer l'article", "印刷", "印刷する",
    "印刷用ページを表示する", "drukuj", "tisk", "tisknout", "vytlačiť", "nyomtatás", "printează", "печать",
    "распечатать", "друк", "εκτύπωση", "yazdır", "skriv ut", "udskriv", "tulosta", "imprimeix", "طباعة",
    "प्रिंट", "in bài viết", "打印", "列印", "인쇄", "พิมพ์", "הדפס",
    "font size", "text size", "a a a", "a+ a-", "a- a+", "schriftgröße", "taille du texte", "tamaño de letra",
    "dimensione testo", "ukuran huruf", "listen to this article", "listen", "play audio", "download audio",
    "artikel anhören", "anhören", "écouter l'article", "écouter", "escuchar", "ascolta", "ascoltare", "ouça",
    "ouvir", "dengarkan", "luister", "luisteren", "listen to",
    "odsłuchaj", "poslechnout", "слушать", "ακούστε", "dinle", "lyssna", "lyt", "kuuntele", "استمع",
    "nghe bài viết", "收听", "듣기", "글자크기 설정", "글자크기", "음성재생 설정", "음성재생", "본문 글자 크기",
    "字級", "字体大小", "文字サイズ", "velikost písma", "rozmiar czcionki", "betűméret", "размер шрифта",
})
"""A button of the page's article tools: print, text size, listen."""

AD_LABELS = frozenset({
    "advertisement", "advertisements", "advert", "ad", "ads", "sponsored", "sponsored content", "paid content",
    "paid post", "promoted", "scroll to continue with content", "continue reading below", "content continues below",
    "story continues below advertisement", "article continues below advertisement", "story continues below",
    "article continues after this advertisement", "iklan", "advertorial", "scroll untuk melanjutkan",
    "lanjutkan membaca artikel di bawah", "scroll to resume content", "konten berbayar", "pubblicità",
    "contenuto sponsorizzato", "pubblicità - continua a leggere di seguito", "publicidad", "contenido patrocinado",
    "sigue leyendo", "publicidade", "conteúdo patrocinado", "continua após a publicidade", "publicité",
    "contenu sponsorisé", "la suite après la publicité", "anzeige", "werbung", "gesponsert", "weiter nach der anzeige",
    "advertentie", "gesponsord", "lees verder na de advertentie", "広告", "スポンサーリンク", "pr", "[pr]",
    "reklama", "reklamy", "hirdetés", "publicitate", "реклама", "διαφήμιση", "reklam", "annons", "annonse",
    "annonce", "mainos", "publicitat", "إعلان", "اعلان", "विज्ञापन", "quảng cáo", "广告", "廣告", "광고", "โฆษณา",
    "פרסומת", "sponzorováno", "sponsorowane", "спонсорский материал", "χορηγούμενο", "sponsorlu", "اضافة اعلان",
    "materiały promocyjne partnera", "materiał promocyjny", "artykuł sponsorowany", "treść sponsorowana",
    "إضافة إعلان",
})
"""An advertisement label alone on its line."""

NAVIGATION_LABELS = frozenset({
    "back to top", "back to home", "back to homepage", "home", "zur startseite", "nach oben", "zurück", "kembali",
    "kembali ke atas", "kembali ke beranda", "torna su", "torna alla home", "volver arriba", "volver a la portada",
    "voltar ao topo", "voltar para a página inicial", "retour en haut", "retour à l'accueil", "terug naar boven",
    "terug naar home", "haut de page", "retour en haut de page", "inizio pagina", "torna all'inizio",
    "volver al inicio", "naar boven", "ページの先頭へ", "トップへ戻る",
    "skip to content", "skip to main content", "skip to navigation", "jump to content", "zum inhalt springen",
    "direkt zum inhalt", "aller au contenu", "aller au contenu principal", "passer au contenu",
    "saltar al contenido", "ir al contenido", "pular para o conteúdo", "ir para o conteúdo", "vai al contenuto",
    "salta al contenuto", "naar de inhoud", "direct naar de inhoud", "langsung ke konten", "przejdź do treści",
    "přejít na obsah", "přeskočit na obsah", "ugrás a tartalomhoz", "sari la conținut", "перейти к содержанию",
    "перейти к основному содержанию", "перейти до вмісту", "μετάβαση στο περιεχόμενο", "içeriğe geç",
    "içeriğe atla", "hoppa till innehåll", "gå til indhold", "gå til innhold", "siirry sisältöön",
    "ves al contingut", "انتقل إلى المحتوى", "تخطى إلى المحتوى", "bỏ qua nội dung", "跳到内容", "跳至主要内容",
    "본문 바로가기", "メニューを飛ばして本文へ", "本文へ", "ページの先頭です",
    "нажмите enter для перехода к содержанию", "press enter to skip to content",
    "nahoru", "na začátek", "na górę", "do góry", "vissza a tetejére", "sus", "наверх", "вверх", "догори",
    "επιστροφή στην κορυφή", "yukarı çık", "başa dön", "till toppen", "til toppen", "takaisin ylös",
    "torna amunt", "العودة للأعلى", "lên đầu trang", "返回顶部", "맨 위로", "トップに戻る", "haut", "top",
    "kontakt z redakcją", "napisz do nas", "contact the newsroom", "write to us", "schreiben sie uns",
    "écrivez-nous", "escríbenos", "scrivici", "fale conosco", "contacteer de redactie", "hubungi redaksi",
})
"""A navigation link alone on its line: skip links, back to top."""

TIME_UNITS = (
    "sec", "second", "min", "minute", "hour", "hr", "day", "week", "month", "year", "yr",  # en
    "sekunde", "minute", "stunde", "std", "tag", "woche", "monat", "jahr",  # de
    "seconde", "heure", "jour", "semaine", "mois", "an",  # fr
    "segundo", "minuto", "hora", "día", "dia", "semana", "mes", "año", "ano",  # es, pt
    "secondo", "secondi", "minuti", "ora", "ore", "giorn", "settiman", "mes", "ann",  # it
    "seconden", "minuten", "uur", "dag", "weken", "maand", "jaar",  # nl
    "detik", "menit", "jam", "hari", "minggu", "bulan", "tahun",  # id
    "sekund", "minut", "godz", "dni", "dzień", "tydz", "tygodni", "miesią", "lat", "rok",  # pl
    "hodin", "dn", "týd", "měsíc", "let",  # cs
    "másodper", "perc", "óra", "órá", "nap", "hét", "hete", "hónap", "év",  # hu
    "secund", "minut", "or", "zi", "zile", "săptămân", "lun", "ani",  # ro
    "секунд", "минут", "час", "дн", "день", "недел", "месяц", "год", "лет", "хвилин", "годин", "тижн", "місяц", "рок",
    "δευτερόλεπτ", "λεπτ", "ώρ", "ημέρ", "μέρ", "εβδομάδ", "μήν", "μηνα", "χρόν",  # el
    "saniye", "dakika", "saat", "gün", "hafta", "ay", "yıl",  # tr
    "sekund", "minut", "timm", "timer", "time", "dag", "dygn", "veck", "uge", "uke", "månad", "måned", "år",
    "sekunti", "minuutti", "minuuttia", "tunti", "tuntia", "päivä", "viikk", "kuukau", "vuo",  # fi
    "segon", "minut", "hor", "dies", "setman", "mesos", "anys",  # ca
    "ثان", "دقيق", "دقائق", "ساع", "يوم", "أيام", "أسبوع", "شهر", "سن",  # ar
    "सेकंड", "मिनट", "घंट", "दिन", "हफ्त", "सप्ताह", "महीन", "साल", "वर्ष",  # hi
    "giây", "phút", "giờ", "ngày", "tuần", "tháng", "năm",  # vi
)
"""Stems of time units, for lines that only say how long ago the page was published ("33 minuten
geleden", "vor 3 Stunden", "2 ore fa")."""

AGO_WORDS = (
    "ago", "vor", "il y a", "hace", "há", "fa", "geleden", "yang lalu", "lalu", "temu", "před", "perce", "órája",
    "napja", "hete", "acum", "назад", "тому", "πριν", "önce", "sedan", "siden", "sitten", "fa", "منذ", "पहले",
    "trước", "published", "updated", "aktualisiert", "mis à jour", "actualizado", "atualizado", "aggiornato",
    "bijgewerkt", "diperbarui",
)
"""Words that, beside a number and a unit, make a line a relative timestamp."""

RELATIVE_TIME_CJK = re.compile(r"\d+\s*(秒|分钟|分鐘|分|小时|小時|時間|天|日|週間|周|週|个月|か月|ヶ月|年)\s*前"
                               r"|\d+\s*(초|분|시간|일|주|개월|년)\s*전")
""""3分前", "2小时前", "5분 전"."""

STOCK_PHOTO_LABELS = (
    "file photo", "archive photo", "archive image", "illustrative image", "illustration photo", "stock photo",
    "archivbild", "archivfoto", "symbolbild", "symbolfoto", "photo d'archives", "image d'archives",
    "photo d'illustration", "image d'illustration", "foto de archivo", "imagen de archivo", "imagen ilustrativa",
    "foto de arquivo", "imagem de arquivo", "imagem ilustrativa", "foto ilustrativa", "foto d'archivio",
    "foto di repertorio", "immagine di repertorio", "archiefbeeld", "archieffoto", "beeld ter illustratie",
    "foto ilustrasi", "zdjęcie ilustracyjne", "ilustrační foto", "ilustračné foto", "archív fotó",
    "illusztráció", "fotografie de arhivă", "архивное фото", "фото из архива", "архівне фото", "φωτογραφία αρχείου",
    "arşiv fotoğrafı", "arşiv", "arkivbild", "arkivfoto", "arkistokuva", "foto d'arxiu", "صورة أرشيفية",
    "صورة تعبيرية", "फाइल फोटो", "प्रतीकात्मक तस्वीर", "ảnh minh họa", "ảnh tư liệu", "资料图", "資料圖", "资料图片",
    "資料写真", "イメージ写真", "자료사진", "자료 사진",
)
"""A caption's note that the photo is from the archive or only illustrates ("… elkostnader. Arkivbild.")."""

UNSPACED = re.compile(r"[\u0e00-\u0e7f\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
"""Thai, Japanese, Chinese and Korean: their words are found inside others, not at a space."""


class PhraseIndex:
    """Finds phrases of several kinds in a line, far more cheaply than one regular expression of a hundred
    alternatives: a phrase is found by its first word, among the line's words (a set operation); phrases
    of the kinds named ``inside`` (stems, as "zustimm" for "zustimmen", or words found inside others) and
    phrases of scripts written without spaces are found anywhere."""

    def __init__(self, inside: frozenset[str] = frozenset(), **kinds) -> None:
        self.by_first: dict[str, list[tuple[str, str]]] = {}
        self.anywhere: list[tuple[str, str]] = []
        for kind, phrases in kinds.items():
            for phrase in sorted({phrase.casefold() for phrase in phrases}, key=len, reverse=True):
                if kind in inside or UNSPACED.search(phrase):
                    self.anywhere.append((phrase, kind))
                else:
                    self.by_first.setdefault(phrase.split(" ", 1)[0], []).append((phrase, kind))
        # A phrase's second word (None for one word), looked for in the line before the whole phrase is: most
        # lines hold some phrase's first word ('your', 'this'), few its second too.
        self.second = {phrase: (phrase.split(" ")[1] if " " in phrase else None)
                       for phrases in self.by_first.values() for phrase, _ in phrases}
        self.first_words = frozenset(self.by_first)
        self.anywhere_ascii = [(phrase, kind) for phrase, kind in self.anywhere if phrase.isascii()]
        """What a line in ASCII can hold, most lines of most articles: the others are not looked for."""
        self.anywhere_spaced = [(phrase, kind) for phrase, kind in self.anywhere if not UNSPACED.search(phrase)]
        """What a line with no character of a script written without spaces can hold (accented Latin, Cyrillic,
        Greek): the phrases of those scripts are not looked for in it."""

    def find(self, words: str) -> dict[str, str]:
        """For each kind found in ``words`` (a line after ``bare``: single spaces, case-folded), the
        longest phrase of that kind found first."""
        found: dict[str, str] = {}
        line = words.split(" ")
        present = self.first_words.intersection(line) if self.first_words else ()
        # In the line's order, not a set's: a set's order changes from process to process, and so would the
        # phrase named as evidence when two are found.
        for word in sorted(present, key=line.index) if len(present) > 1 else present:
            for phrase, kind in self.by_first[word]:
                second = self.second[phrase]
                if kind not in found and (second is None or second in words) \
                        and (words.startswith(phrase) or f" {phrase}" in words):
                    found[kind] = phrase
        anywhere = self.anywhere_ascii if words.isascii() else self.anywhere if UNSPACED.search(words) \
            else self.anywhere_spaced
        for phrase, kind in anywhere:
            if kind not in found and phrase in words:
                found[kind] = phrase
        return found

GALLERY_LABELS = frozenset({
    "view photo", "view photos", "view gallery", "see all photos", "open gallery", "photo gallery", "gallery",
    "bildergalerie", "galerie", "zur galerie", "fotogalerie", "voir les photos", "galería", "galería de fotos",
    "ver fotos", "galeria", "galeria de fotos", "galleria", "galleria fotografica", "guarda le foto",
    "fotogalerij", "bekijk de foto's", "galeri", "galeri foto", "lihat foto", "galeria zdjęć", "zobacz zdjęcia",
    "fotogaléria", "galéria", "fotógaléria", "galerie foto", "фотогалерея", "галерея", "смотреть фото",
    "φωτογραφίες", "foto galeri", "bildgalleri", "billedgalleri", "bildegalleri", "kuvagalleria",
    "galeria de fotos", "معرض الصور", "फोटो गैलरी", "xem ảnh", "thư viện ảnh", "图集", "相册", "フォトギャラリー",
    "포토 갤러리", "사진 보기", "odpri galerijo", "galerija", "fotogalerija", "foto galerija", "otvori galeriju",
    "nuotraukų galerija", "galerii", "fotogalerii", "galerie foto", "фотогалерия", "галерија",
})
"""A button that opens the page's photos, left without them."""

DATE_LABELS = frozenset({
    "published", "updated", "last updated", "posted", "posted on", "date", "veröffentlicht", "aktualisiert",
    "stand", "publié", "publié le", "mis à jour", "publicado", "actualizado", "atualizado", "pubblicato",
    "aggiornato", "gepubliceerd", "bijgewerkt", "diterbitkan", "diperbarui", "dipublikasikan", "opublikowano",
    "aktualizacja", "publikováno", "aktualizováno", "közzétéve", "frissítve", "publicat", "actualizat",
    "опубликовано", "обновлено", "опубліковано", "оновлено", "δημοσιεύθηκε", "δημοσίευση", "ενημερώθηκε",
    "yayınlanma", "güncelleme", "yayınlandı", "publicerad", "uppdaterad", "publiceret", "opdateret", "publisert",
    "oppdatert", "julkaistu", "päivitetty", "actualitzat", "نشر", "نشر في", "آخر تحديث", "प्रकाशित", "अपडेट",
    "đăng", "cập nhật", "发布", "发布时间", "更新", "公開", "公開日", "更新日", "입력", "수정",
    "em atualização", "en actualización", "in aggiornamento", "wird aktualisiert", "mise à jour en cours",
    "developing story", "this story is developing", "última atualização",
    "última actualización", "ultimo aggiornamento", "letzte aktualisierung", "dernière mise à jour", "last update",
    "sedang diperbarui", "wordt bijgewerkt", "aktualizujemy",
})
"""The label of a page's date, left alone when the clipping lost the date ("- Published")."""


MORE_FROM = (
    "more from", "more in", "meer uit", "mehr aus", "altro da", "więcej z", "více z", "mer från", "mere fra",
    "mer fra", "lisää aiheesta", "المزيد من", "περισσότερα από", "ещё из", "еще из", "більше з", "더 많은",
    "todo sobre", "tudo sobre", "tutto su", "alles über", "tout sur", "all about", "alles over", "semua tentang",
)
"""The start of a section's heading of other articles ("Meer uit Voetbal"); not "more than" words, which
begin real subheadings ("Más de 300 evacuados")."""

YOU_ARE_HERE = (
    "you are here", "sie sind hier", "vous êtes ici", "usted está aquí", "está aquí", "você está aqui",
    "ti trovi in", "sei qui", "anda di sini", "anda berada di", "u bent hier", "je bent hier", "jesteś tutaj",
    "nacházíte se", "ön itt van", "itt jár", "sunteți aici", "вы здесь", "ви тут", "βρίσκεστε εδώ", "buradasınız",
    "du är här", "du er her", "olet tässä", "sou aquí", "أنت هنا", "आप यहाँ हैं", "bạn đang ở", "当前位置",
    "您的位置", "現在位置", "現在地", "현재 위치",
)
"""The label of a navigation trail ("Sie sind hier: Startseite > Aktuelles")."""

TICKER_LABELS = (
    "breaking", "breaking news", "just in", "快訊", "快讯", "eilmeldung", "aktuell", "dernière minute", "dernière heure",
    "flash",
    "última hora", "urgente", "ultim'ora", "ultima ora", "laatste nieuws", "terkini", "breaking news terkini",
    "pilne", "z ostatniej chwili", "nejnovější", "friss", "ultima oră", "срочно", "молния", "терміново",
    "έκτακτο", "son dakika", "senaste nytt", "just nu", "seneste nyt", "siste nytt", "tuoreimmat", "عاجل",
    "ब्रेकिंग", "tin nóng", "突发", "快讯", "速報", "속보",
)
"""The label of a ticker's headline ("BREAKING: …", "Son dakika: …"): another story, shown in passing."""

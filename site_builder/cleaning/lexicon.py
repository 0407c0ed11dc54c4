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

COMMENT_HEADINGS = frozenset({
    # en
    "comments", "comment", "leave a comment", "leave a reply", "post a comment", "add a comment", "no comments",
    "join the discussion", "join the conversation", "reader comments", "show comments", "view comments",
    "comments: our rules", "comments are closed", "add your comment",
    # de, fr, es, pt, it, nl, id
    "kommentare", "kommentar", "kommentieren", "leserkommentare", "kommentar schreiben", "diskutieren sie mit",
    "commentaires", "commentaire", "réagir", "réactions", "laisser un commentaire", "ajouter un commentaire",
    "comentarios", "comentario", "deja un comentario", "deja una respuesta", "deja tu comentario",
    "comentários", "comentário", "deixe um comentário", "deixe uma resposta", "deixe seu comentário",
    "commenti", "lascia un commento", "lascia una risposta", "commenta",
    "reacties", "reactie", "reageer", "reageren", "plaats een reactie", "laat een reactie achter",
    "komentar", "tulis komentar", "berikan komentar", "lihat komentar",
    # pl, cs, sk, hu, ro
    "komentarze", "dodaj komentarz", "skomentuj", "komentáře", "diskuse", "diskuze", "přidat komentář",
    "komentáre", "diskusia", "hozzászólások", "hozzászólás", "kommentek", "comentarii", "lasă un comentariu",
    # ru, uk, el, tr
    "комментарии", "оставить комментарий", "добавить комментарий", "коментарі", "залишити коментар",
    "σχόλια", "δημοσίευση σχολίου", "δεν υπάρχουν σχόλια", "γράψτε σχόλιο",
    "yorumlar", "yorum yap", "yorum yaz", "yorum yapın",
    # sv, da, no, fi, ca
    "kommentarer", "kommentera", "skriv en kommentar", "kommenter", "kommentit", "kommentoi",
    "comentaris", "deixa un comentari",
    # ar, hi, vi, zh, ja, ko, th, he
    "تعليقات", "التعليقات", "اترك تعليقا", "اترك تعليقاً", "أضف تعليق", "أضف تعليقاً",
    "टिप्पणियाँ", "टिप्पणियां", "कमेंट्स", "bình luận", "ý kiến bạn đọc", "gửi bình luận",
    "评论", "評論", "发表评论", "發表評論", "网友评论", "コメント", "コメントする", "コメントを書く",
    "댓글", "댓글쓰기", "댓글 쓰기", "ความคิดเห็น", "תגובות",
    # "no comments (yet)"
    "keine kommentare", "aucun commentaire", "sin comentarios", "nenhum comentário", "nessun commento",
    "geen reacties", "belum ada komentar", "brak komentarzy", "žádné komentáře", "нет комментариев",
    "henüz yorum yok", "inga kommentarer", "ingen kommentarer", "ei kommentteja", "لا توجد تعليقات",
    "không có bình luận", "暂无评论", "コメントはありません", "댓글이 없습니다",
})
"""The heading of a page's comment section, which ends the article wherever it is."""

RELATED_HEADINGS = frozenset({
    # en
    "popular", "most popular", "most read", "most viewed", "trending", "trending now", "related", "related articles",
    "related stories", "related news", "related posts", "related content", "related topics", "related links",
    "related internet links", "read more", "read also", "also read", "more stories", "more news", "other news",
    "latest", "latest news", "latest stories", "top stories", "more from", "recommended", "recommended for you",
    "editor's picks", "editors' picks", "you may also like", "you might also like", "you may have missed",
    "don't miss", "must read", "see also", "more on this story", "in other news",
    # de
    "lesen sie auch", "meistgelesen", "meistgelesene artikel", "das könnte sie auch interessieren", "mehr zum thema",
    "weitere nachrichten", "weitere artikel", "ähnliche artikel", "auch interessant", "neueste artikel", "top-themen",
    # fr
    "lire aussi", "à lire aussi", "a lire aussi", "les plus lus", "articles similaires", "sur le même sujet",
    "à lire également", "dans la même rubrique", "autres actualités", "dernières actualités", "voir aussi",
    "à voir aussi", "nos recommandations", "les plus populaires",
    # es
    "lee también", "lea también", "lo más leído", "lo más visto", "noticias relacionadas", "te puede interesar",
    "también te puede interesar", "otras noticias", "últimas noticias", "más noticias", "te recomendamos",
    "más leídas", "ver también",
    # pt
    "leia também", "mais lidas", "mais lidos", "notícias relacionadas", "veja também", "outras notícias",
    "últimas notícias", "mais notícias", "você pode gostar", "recomendados para você",
    # it
    "leggi anche", "più letti", "i più letti", "articoli correlati", "potrebbe interessarti",
    "ti potrebbe interessare", "potrebbe interessarti anche", "altre notizie", "ultime notizie", "notizie correlate",
    "da non perdere", "i più visti",
    # nl
    "lees ook", "meest gelezen", "gerelateerde artikelen", "gerelateerd", "meer nieuws", "ander nieuws",
    "laatste nieuws", "bekijk ook", "misschien vind je dit ook interessant",
    # id
    "baca juga", "terpopuler", "populer", "berita terkait", "artikel terkait", "berita terpopuler", "terkini",
    "berita lainnya", "pilihan editor", "berita terbaru", "artikel lainnya", "simak juga", "lihat juga",
    # pl, cs, sk, hu, ro
    "czytaj także", "czytaj też", "zobacz także", "zobacz też", "polecane", "najczęściej czytane",
    "powiązane artykuły", "najnowsze", "podobne artykuły", "przeczytaj także",
    "čtěte také", "čtěte též", "související články", "související", "nejčtenější", "další zprávy",
    "mohlo by vás zajímat", "přečtěte si také", "súvisiace články", "čítajte aj", "najčítanejšie",
    "kapcsolódó tartalom", "kapcsolódó cikkek", "kapcsolódó", "legolvasottabb", "ajánljuk", "friss hírek",
    "további hírek", "ezek is érdekelhetik",
    "citește și", "citeste si", "articole similare", "cele mai citite", "știri similare", "ultimele știri",
    # ru, uk, el, tr
    "читайте также", "читайте еще", "похожие статьи", "популярное", "самое читаемое", "по теме",
    "новости по теме", "другие новости", "последние новости", "вам может быть интересно", "смотрите также",
    "читайте також", "схожі статті", "популярне", "новини за темою", "інші новини", "останні новини",
    "διαβάστε επίσης", "διαβάστε ακόμα", "σχετικά άρθρα", "δημοφιλή", "πρέπει να διαβάσετε", "τελευταία νέα",
    "ροή ειδήσεων", "δείτε επίσης",
    "ilgili haberler", "benzer haberler", "bunlar da ilginizi çekebilir", "en çok okunanlar", "çok okunanlar",
    "diğer haberler", "öne çıkanlar", "ilginizi çekebilir",
    # sv, da, no, fi, ca
    "läs också", "läs även", "relaterade artiklar", "mest läst", "mest lästa", "fler nyheter", "senaste nytt",
    "læs også", "relaterede artikler", "mest læste", "seneste nyt", "flere nyheder",
    "les også", "relaterte artikler", "mest lest", "siste nytt", "flere nyheter",
    "lue myös", "luetuimmat", "uusimmat", "aiheesta muualla", "aiheeseen liittyvät",
    "llegeix també", "notícies relacionades", "el més llegit", "més notícies", "també et pot interessar",
    # ar, hi, vi
    "اقرأ أيضا", "اقرأ أيضاً", "إقرأ أيضا", "إقرأ أيضاً", "أخبار ذات صلة", "مقالات ذات صلة", "الأكثر قراءة",
    "الأكثر مشاهدة", "آخر الأخبار", "قد يعجبك أيضا", "ذات صلة",
    "यह भी पढ़ें", "ये भी पढ़ें", "संबंधित खबरें", "सबसे ज्यादा पढ़ी गई", "ताज़ा खबरें",
    "tin liên quan", "bài liên quan", "đọc thêm", "xem thêm", "tin mới nhất", "đọc nhiều", "tin khác",
    "có thể bạn quan tâm",
    # zh, ja, ko, th, he
    "相关新闻", "相关阅读", "相關新聞", "延伸阅读", "延伸閱讀", "热门新闻", "推荐阅读", "更多新闻", "猜你喜欢",
    "人気記事", "関連記事", "あわせて読みたい", "おすすめ記事", "もっと見る", "アクセスランキング", "関連ニュース",
    "관련기사", "관련 기사", "많이 본 뉴스", "인기 기사", "최신 기사", "추천 기사",
    "ข่าวที่เกี่ยวข้อง", "บทความที่เกี่ยวข้อง", "כתבות נוספות",
})
"""The heading of a block of other articles' headlines."""

CREDIT_WORDS = (
    "photo", "photos", "foto", "fotos", "image", "images", "imagen", "immagine", "bild", "bilder", "crédit photo",
    "crédits photo", "photo credit", "image credit", "image source", "credit", "credits", "kredit foto",
    "sumber foto", "sumber gambar", "ilustrasi", "illustration", "dok.", "dok", "doc.", "doc", "写真", "画像",
    "beeld", "afbeelding", "fotografía", "fotografia", "fotó", "fotók", "kuva", "kuvat", "fotoğraf", "zdjęcie",
    "zdjęcia", "fot.", "фото", "фотография", "фотографія", "φωτογραφία", "φωτ.", "billede", "billeder",
    "bildkälla", "imagine", "sursa foto", "사진", "图", "图片", "圖片", "摄影", "攝影", "图源", "صورة", "الصورة",
    "फोटो", "तस्वीर", "ảnh", "nguồn ảnh",
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


@lru_cache(maxsize=8192)
def folded(words: str) -> str:
    """Words with accents and case aside: capitals drop Greek accents ("ΣΧΟΛΙΑ"), and some pages drop
    others, so a set is looked up by the folded form of its entries."""
    return "".join(char for char in unicodedata.normalize("NFD", words)
                   if not unicodedata.combining(char) and char not in QUOTES).casefold()


def folded_set(*groups) -> frozenset[str]:
    return frozenset(folded(words) for group in groups for words in group)


def alternation(words) -> str:
    """A regular expression matching any of ``words``, the longest first."""
    return "(" + "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True)) + ")"

SHARE_LABELS = frozenset({
    "udostępnij", "podziel się", "sdílet", "sdílejte", "zdieľať", "megosztás", "megosztom", "distribuie",
    "distribuie articolul", "поделиться", "поділитися", "κοινοποίηση", "μοιραστείτε", "paylaş", "paylaşın",
    "dela", "dela artikeln", "del", "del artiklen", "del artikkelen", "jaa", "jaa artikkeli", "comparteix",
    "شارك", "شارك المقال", "شارك الخبر", "शेयर करें", "शेयर", "chia sẻ", "chia sẻ bài viết", "分享", "分享到",
    "공유", "공유하기", "기사 공유", "แชร์", "שתף", "שתפו",
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
    "artikel anhören", "écouter l'article", "escuchar", "ascolta", "ouça", "dengarkan", "luister",
    "odsłuchaj", "poslechnout", "слушать", "ακούστε", "dinle", "lyssna", "lyt", "kuuntele", "استمع",
    "nghe bài viết", "收听", "듣기",
})
"""A button of the page's article tools: print, text size, listen."""

AD_LABELS = frozenset({
    "reklama", "reklamy", "hirdetés", "publicitate", "реклама", "διαφήμιση", "reklam", "annons", "annonse",
    "annonce", "mainos", "publicitat", "إعلان", "اعلان", "विज्ञापन", "quảng cáo", "广告", "廣告", "광고", "โฆษณา",
    "פרסומת", "sponzorováno", "sponsorowane", "спонсорский материал", "χορηγούμενο", "sponsorlu",
})
"""An advertisement label alone on its line."""

NAVIGATION_LABELS = frozenset({
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
    "torna amunt", "العودة للأعلى", "lên đầu trang", "返回顶部", "맨 위로", "トップに戻る",
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

READ_MORE_PROMPTS = frozenset({
    "read more", "read the full article", "read the full story", "read full article", "read full story",
    "continue reading", "full story", "read the original", "read the original article", "go to source",
    "view original", "read more at", "read more on", "read the rest",
    "weiterlesen", "mehr lesen", "ganzen artikel lesen", "zum artikel", "zum originalartikel", "zur quelle",
    "lire la suite", "lire l'article", "lire l'article complet", "aller à la source", "voir l'article original",
    "leer más", "seguir leyendo", "leer noticia completa", "leer la noticia completa", "ver noticia original",
    "ir a la fuente", "leia mais", "continuar lendo", "continue lendo", "leia a matéria completa",
    "leia a notícia completa", "continua a leggere", "leggi tutto", "leggi l'articolo completo", "leggi di più",
    "vai alla fonte", "vai all'articolo originale", "lees meer", "lees verder", "lees het hele artikel",
    "naar de bron", "baca selengkapnya", "selengkapnya", "baca artikel selengkapnya", "baca berita selengkapnya",
    "czytaj więcej", "czytaj dalej", "idź do oryginalnego materiału", "przejdź do artykułu", "číst dále",
    "přečíst celý článek", "celý článek", "tovább olvasom", "tovább a cikkhez", "teljes cikk",
    "citește mai mult", "citeste mai mult", "citește tot articolul", "читать далее", "читать дальше",
    "читать полностью", "подробнее читайте на", "перейти к источнику", "читати далі", "читати повністю",
    "διαβάστε περισσότερα", "διαβάστε ολόκληρο το άρθρο", "devamını oku", "haberin devamı",
    "devamı için tıklayın", "tümünü oku", "läs mer", "läs hela artikeln", "läs vidare", "läs mer på",
    "læs mere", "læs hele artiklen", "læs videre", "les mer", "les hele saken", "les videre", "lue lisää",
    "lue koko juttu", "lue koko artikkeli", "llegeix més", "continua llegint", "اقرأ المزيد", "إقرأ المزيد",
    "اقرأ الخبر كاملا", "और पढ़ें", "पूरी खबर पढ़ें", "आगे पढ़ें", "đọc tiếp", "xem chi tiết", "đọc bài gốc",
    "阅读全文", "查看原文", "阅读原文", "閱讀全文", "続きを読む", "全文を読む", "元記事を読む", "기사 전문 보기",
    "원문 보기",
    # the video the clipping lost
    "watch the video", "watch video", "watch:", "see the video", "video:", "sehen sie das video", "video ansehen",
    "regardez la vidéo", "voir la vidéo", "mira el video", "mira el vídeo", "ver vídeo", "ver video",
    "assista ao vídeo", "assista", "veja o vídeo", "guarda il video", "guarda:", "bekijk de video", "kijk:",
    "tonton video", "saksikan video", "zobacz wideo", "zobacz film", "podívejte se na video", "nézze meg a videót",
    "urmăriți video", "смотрите видео", "смотреть видео", "дивіться відео", "δείτε βίντεο", "δείτε το βίντεο",
    "videoyu izleyin", "izleyin", "se videon", "se videoen", "katso video", "mira el vídeo", "شاهد الفيديو",
    "वीडियो देखें", "xem video", "观看视频", "動画を見る", "영상 보기",
})
"""A prompt to read the article elsewhere, alone or naming where ("Leer noticia completa en El Mundo"), or
to watch a video the clipping lost ("Δείτε βίντεο από την περιοχή:")."""

MORE_FROM = (
    "more from", "more in", "meer uit", "mehr aus", "altro da", "więcej z", "více z", "mer från", "mere fra",
    "mer fra", "lisää aiheesta", "المزيد من", "περισσότερα από", "ещё из", "еще из", "більше з", "더 많은",
)
"""The start of a section's heading of other articles ("Meer uit Voetbal"); not "more than" words, which
begin real subheadings ("Más de 300 evacuados")."""

COOKIE_WORDS = (
    "cookie", "çerez", "eväste", "куки", "kuki", "ciasteczk", "sütik", "süti", "クッキー", "쿠키",
    "ملفات تعريف الارتباط", "ملفات الكوكيز", "कुकीज़", "कुकी",
)
"""The word for cookies, which most languages borrow ("soubory cookie", "Cookies", "cookie-uri")."""

COOKIE_NOTICE_WORDS = (
    # consent
    "agree", "accept", "consent", "einverstanden", "zustimm", "akzeptier", "accepte", "accetti", "accetta",
    "consenso", "acepta", "aceptas", "aceit", "concord", "akkoord", "zgadzasz", "zgod", "souhlas", "elfogad",
    "hozzájárul", "accepți", "accepta", "соглаша", "согласие", "αποδέχ", "συναιν", "kabul", "godkänn", "accepter",
    "godta", "hyväksy", "توافق", "موافق", "đồng ý", "同意", "동의",
    # this site
    "this site", "this website", "our site", "our website", "diese website", "unsere website", "ce site",
    "notre site", "questo sito", "nostro sito", "este sitio", "nuestro sitio", "este site", "nosso site",
    "deze website", "onze website", "situs ini", "ta strona", "tej strony", "naszej stronie", "tento web",
    "tohoto webu", "těchto stránek", "weboldal", "acest site", "этот сайт", "нашем сайте", "сайт использует",
    "ιστότοπ", "bu site", "sitemizde", "denna webbplats", "webbplatsen", "dette websted", "hjemmeside",
    "nettsted", "nettsiden", "sivusto", "aquest lloc", "هذا الموقع", "trang web", "本网站", "本網站", "本サイト",
    "当サイト", "이 사이트", "웹사이트",
)
"""Words that make a line about cookies the page's notice to its reader, not a report on cookies."""

READER_NOTICES = (
    # paywalls
    "subscribers only", "for subscribers", "exclusive to subscribers", "subscribe to continue reading",
    "subscribe to read", "riservato agli abbonati", "contenuto riservato", "reservado para suscriptores",
    "exclusivo para suscriptores", "exclusivo para assinantes", "conteúdo exclusivo", "réservé aux abonnés",
    "nur für abonnenten", "exklusiv für abonnenten", "alleen voor abonnees", "khusus pelanggan",
    "tylko dla subskrybentów", "pouze pro předplatitele", "csak előfizetőknek", "doar pentru abonați",
    "только для подписчиков", "μόνο για συνδρομητές", "abonelere özel", "endast för prenumeranter",
    "kun for abonnenter", "vain tilaajille", "només per a subscriptors", "للمشتركين فقط", "订阅用户", "会員限定",
    "유료 회원",
    # players and scripts the clipping lost
    "your browser does not support", "ihr browser unterstützt", "votre navigateur ne prend pas en charge",
    "votre navigateur ne supporte pas", "tu navegador no", "su navegador no", "seu navegador não",
    "il tuo browser non supporta", "je browser ondersteunt", "uw browser ondersteunt", "browser anda tidak",
    "twoja przeglądarka nie obsługuje", "váš prohlížeč nepodporuje", "böngésző nem támogatja",
    "browserul tău nu", "ваш браузер не поддерживает", "ваш браузер не підтримує", "πρόγραμμα περιήγησής σας δεν",
    "tarayıcınız", "din webbläsare stöder inte", "din browser understøtter ikke", "nettleseren din støtter ikke",
    "selaimesi ei tue", "el teu navegador no", "متصفحك لا يدعم", "trình duyệt của bạn không hỗ trợ",
    "您的浏览器不支持", "您的瀏覽器不支援", "お使いのブラウザ", "브라우저가 지원하지 않", "please enable javascript",
    "javascript is disabled", "enable javascript", "javascript aktivieren", "activez javascript",
    "attiva javascript", "habilita javascript", "javascript is uitgeschakeld", "включите javascript",
    # the rest of the article is below an advertisement or a video
    "article continues below", "story continues below", "artikel gaat verder onder", "artikel geht unten weiter",
    "der artikel wird unterhalb fortgesetzt", "l'article continue ci-dessous", "la suite ci-dessous",
    "el artículo continúa debajo", "a matéria continua abaixo", "o texto continua abaixo", "l'articolo continua sotto",
    "l'articolo prosegue sotto", "artikel berlanjut di bawah", "článek pokračuje pod", "статья продолжается ниже",
    "το άρθρο συνεχίζεται παρακάτω", "artikeln fortsätter nedan", "artiklen fortsætter under",
    "artikkelen fortsetter under", "artikkeli jatkuu alla",
    # comment forms (most are the fixed strings of WordPress and its translations)
    "your email address will not be published", "ihre e-mail-adresse wird nicht veröffentlicht",
    "deine e-mail-adresse wird nicht veröffentlicht", "votre adresse e-mail ne sera pas publiée",
    "votre adresse de messagerie ne sera pas publiée", "tu dirección de correo electrónico no será publicada",
    "o seu endereço de e-mail não será publicado", "o seu endereço de email não será publicado",
    "il tuo indirizzo email non sarà pubblicato", "je e-mailadres wordt niet gepubliceerd",
    "alamat email anda tidak akan dipublikasikan", "twój adres e-mail nie zostanie opublikowany",
    "vaše e-mailová adresa nebude zveřejněna", "az e-mail címed nem lesz publikálva",
    "adresa ta de email nu va fi publicată", "ваш адрес email не будет опубликован",
    "ваша адреса email не буде опублікована", "η διεύθυνση email σας δεν δημοσιεύεται",
    "e-posta adresiniz yayınlanmayacak", "e-posta hesabınız yayımlanmayacak",
    "din e-postadress kommer inte publiceras", "din e-mailadresse vil ikke blive publiceret",
    "e-postadressen din vil ikke bli publisert", "sähköpostiosoitettasi ei julkaista",
    "l'adreça electrònica no es publicarà", "لن يتم نشر عنوان بريدك الإلكتروني",
    "आपका ईमेल पता प्रकाशित नहीं किया जाएगा", "email của bạn sẽ không được hiển thị công khai",
    "您的电子邮箱地址不会被公开", "メールアドレスが公開されることはありません", "이메일 주소는 공개되지 않습니다",
    "required fields are marked", "erforderliche felder sind mit", "les champs obligatoires sont indiqués",
    "los campos obligatorios están marcados", "campos obrigatórios são marcados", "i campi obbligatori sono contrassegnati",
    "vereiste velden zijn gemarkeerd met", "ruas yang wajib ditandai", "wymagane pola są oznaczone",
    "this site uses akismet to reduce spam", "diese website verwendet akismet", "ce site utilise akismet",
    "este sitio usa akismet", "este site utiliza o akismet", "questo sito usa akismet", "deze site gebruikt akismet",
    "save my name, email, and website in this browser", "you must be logged in to post a comment",
    "log in to comment", "log in to leave a comment", "sign in to comment", "connectez-vous pour commenter",
    "connectez-vous ou créez un compte pour pouvoir commenter", "l'espace des commentaires est ouvert aux inscrits",
    "inicia sesión para comentar", "faça login para comentar", "accedi per commentare",
    "devi essere connesso per inviare un commento", "je moet ingelogd zijn om een reactie",
    "masuk untuk berkomentar", "zaloguj się, aby dodać komentarz", "войдите, чтобы оставить комментарий",
    "cancel reply", "antworten abbrechen", "annuler la réponse", "cancelar respuesta", "cancelar resposta",
    "annulla risposta", "reactie annuleren", "batalkan balasan",
)
"""What a page tells its reader rather than reports: a paywall, a player or script the clipping lost."""


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
        self.first_words = frozenset(self.by_first)
        self.anywhere_ascii = [(phrase, kind) for phrase, kind in self.anywhere if phrase.isascii()]
        """What a line in ASCII can hold, most lines of most articles: the others are not looked for."""

    def find(self, words: str) -> dict[str, str]:
        """For each kind found in ``words`` (a line after ``bare``: single spaces, case-folded), the
        longest phrase of that kind found first."""
        found: dict[str, str] = {}
        for word in self.first_words.intersection(words.split(" ")) if self.first_words else ():
            for phrase, kind in self.by_first[word]:
                if kind not in found and (words.startswith(phrase) or f" {phrase}" in words):
                    found[kind] = phrase
        for phrase, kind in self.anywhere_ascii if words.isascii() else self.anywhere:
            if kind not in found and phrase in words:
                found[kind] = phrase
        return found

MESSENGERS = ("whatsapp", "telegram", "signal", "viber", "zalo", "kakaotalk", "wechat", "微信")
"""Where an outlet asks its readers to join its channel."""

NEWS_AGGREGATORS = ("google news", "google noticias", "google notícias", "google actualités", "google nachrichten",
                    "google berita", "google notizie", "msn", "yahoo news", "flipboard")
"""Where an outlet asks its readers to follow it, no channel needed."""

CHANNEL_WORDS = ("channel", "kanal", "saluran", "canal", "canale", "kanaal", "канал", "κανάλι", "csatorna",
                 "grup", "group", "gruppo", "grupo", "groep", "группа", "grupa", "skupina", "频道", "채널", "チャンネル")

CALL_VERBS = (
    "join", "follow", "subscribe", "simak", "ikuti", "gabung", "bergabung", "segui", "seguici", "unisciti",
    "iscriviti", "síguenos", "sigue", "únete", "suscríbete", "siga", "acompanhe", "inscreva", "suivez",
    "rejoignez", "abonnez", "folgen", "folge", "abonnieren", "tritt", "volg", "abonneer", "obserwuj", "dołącz",
    "subskrybuj", "sledujte", "přidejte", "kövesse", "csatlakozz", "urmărește", "urmăriți", "alătură",
    "подписывайтесь", "подпишитесь", "присоединяйтесь", "підписуйтесь", "приєднуйтесь", "ακολουθήστε",
    "εγγραφείτε", "takip", "katılın", "abone", "följ", "prenumerera", "følg", "abonner", "seuraa", "liity",
    "tilaa", "segueix", "uneix", "تابعونا", "تابعوا", "انضم", "اشترك", "फॉलो", "जुड़ें", "theo dõi", "tham gia",
    "关注", "加入", "フォロー", "팔로우", "구독",
)
"""Verbs that ask the reader to follow, join or subscribe, when they begin a sentence."""

PLACEHOLDERS = frozenset({
    # loading
    "loading", "loading…", "please wait", "wird geladen", "lädt", "chargement", "cargando", "carregando",
    "caricamento", "laden", "memuat", "ładowanie", "wczytywanie", "načítání", "načítám", "betöltés", "se încarcă",
    "загрузка", "завантаження", "φόρτωση", "yükleniyor", "laddar", "indlæser", "laster", "ladataan", "carregant",
    "جار التحميل", "جاري التحميل", "लोड हो रहा है", "đang tải", "加载中", "載入中", "読み込み中", "로딩 중",
    # errors
    "something went wrong", "an error occurred", "an error has occurred", "error loading", "oops",
    "video unavailable", "this video is unavailable", "this content is not available", "content not available",
    "please try again later", "ein fehler ist aufgetreten", "etwas ist schiefgelaufen", "video nicht verfügbar",
    "une erreur est survenue", "une erreur s'est produite", "vidéo indisponible", "se ha producido un error",
    "ha ocurrido un error", "vídeo no disponible", "ocorreu um erro", "vídeo indisponível",
    "si è verificato un errore", "video non disponibile", "er is iets misgegaan", "er is een fout opgetreden",
    "terjadi kesalahan", "wystąpił błąd", "došlo k chybě", "hiba történt", "a apărut o eroare",
    "произошла ошибка", "сталася помилка", "παρουσιάστηκε σφάλμα", "bir hata oluştu", "ett fel uppstod",
    "der opstod en fejl", "det oppstod en feil", "tapahtui virhe", "s'ha produït un error", "حدث خطأ",
    "कुछ गलत हो गया", "đã xảy ra lỗi", "出错了", "發生錯誤", "エラーが発生しました", "오류가 발생했습니다",
})
"""What a page shows while its parts load, or when one fails: left alone on a line by the clipping."""

GALLERY_LABELS = frozenset({
    "view photo", "view photos", "view gallery", "see all photos", "open gallery", "photo gallery", "gallery",
    "bildergalerie", "galerie", "zur galerie", "fotogalerie", "voir les photos", "galería", "galería de fotos",
    "ver fotos", "galeria", "galeria de fotos", "galleria", "galleria fotografica", "guarda le foto",
    "fotogalerij", "bekijk de foto's", "galeri", "galeri foto", "lihat foto", "galeria zdjęć", "zobacz zdjęcia",
    "fotogaléria", "galéria", "fotógaléria", "galerie foto", "фотогалерея", "галерея", "смотреть фото",
    "φωτογραφίες", "foto galeri", "bildgalleri", "billedgalleri", "bildegalleri", "kuvagalleria",
    "galeria de fotos", "معرض الصور", "फोटो गैलरी", "xem ảnh", "thư viện ảnh", "图集", "相册", "フォトギャラリー",
    "포토 갤러리", "사진 보기",
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
})
"""The label of a page's date, left alone when the clipping lost the date ("- Published")."""

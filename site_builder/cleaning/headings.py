"""Headings of the two blocks that end or interrupt an article on many pages, in many languages: its
comment section, and a block of other articles' headlines. Written as ``lexicon`` writes its sets (after
``bare``: lower case, no markup, no trailing colon).
"""

from __future__ import annotations

COMMENT_HEADINGS = frozenset({
    "comment", "comments", "leave a comment", "post a comment", "add a comment", "view comments",
    "show comments", "join the conversation", "0 comments", "no comments", "komentar", "tulis komentar",
    "lihat komentar", "berikan komentar", "commenti", "commenta", "lascia un commento", "comentarios",
    "comentar", "deja un comentario", "deja tu comentario", "comentários", "deixe um comentário",
    "deixe seu comentário", "commentaires", "commenter", "laisser un commentaire", "réagir", "kommentare",
    "kommentieren", "kommentar schreiben", "reacties", "reageer", "reageren", "plaats een reactie", "コメント",
    "コメントする", "コメントを書く",
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
    # lt, lv, et, is, sl, hr, sr, bg, fa, ur, bn, ms, tl
    "komentarai", "komentuoti", "parašyk komentarą", "komentāri", "komentēt", "pievienot komentāru",
    "kommentaarid", "kommenteeri", "lisa kommentaar", "athugasemdir", "skrifa athugasemd", "komentarji",
    "komentiraj", "dodaj komentar", "komentari", "komentara", "ostavite komentar", "коментари", "коментара",
    "оставите коментар", "коментирай", "добави коментар", "نظرات", "ارسال نظر", "تبصرے", "মন্তব্য",
    "মন্তব্য করুন", "ulasan", "tinggalkan komen", "komen", "mga komento", "mag-iwan ng komento",
    # a blog's latest comments
    "neueste kommentare", "recent comments", "latest comments", "derniers commentaires", "comentarios recientes",
    "commenti recenti", "comentários recentes", "recente reacties", "komentar terbaru",
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
    "editor's picks", "editors' picks", "popular posts", "recent posts", "latest posts", "you may also like", "you might also like", "you may have missed",
    "don't miss", "must read", "see also", "more on this story", "in other news",
    # de
    "lesen sie auch", "meistgelesen", "meistgelesene artikel", "das könnte sie auch interessieren", "mehr zum thema",
    "weitere nachrichten", "weitere artikel", "ähnliche artikel", "auch interessant", "neueste artikel", "top-themen", "empfehlungen der redaktion",
    "unsere empfehlungen", "redaktionsempfehlungen",
    # fr
    "lire aussi", "à lire aussi", "a lire aussi", "les plus lus", "articles similaires", "sur le même sujet",
    "à lire également", "dans la même rubrique", "autres actualités", "dernières actualités", "voir aussi",
    "à voir aussi", "nos recommandations", "les plus populaires", "à ne pas manquer",
    # es
    "lee también", "lea también", "lo más leído", "lo más visto", "noticias relacionadas", "te puede interesar",
    "también te puede interesar", "otras noticias", "últimas noticias", "más noticias", "te recomendamos",
    "más leídas", "ver también", "no te lo pierdas", "recomendado para ti",
    # pt
    "leia também", "mais lidas", "mais lidos", "notícias relacionadas", "veja também", "outras notícias",
    "últimas notícias", "mais notícias", "você pode gostar", "recomendados para você",
    # it
    "leggi anche", "più letti", "i più letti", "articoli correlati", "potrebbe interessarti",
    "ti potrebbe interessare", "potrebbe interessarti anche", "altre notizie", "ultime notizie", "notizie correlate",
    "da non perdere", "i più visti", "scelti per te", "consigliati per te", "in evidenza",
    # nl
    "lees ook", "meest gelezen", "gerelateerde artikelen", "gerelateerd", "meer nieuws", "ander nieuws",
    "laatste nieuws", "bekijk ook", "misschien vind je dit ook interessant", "aanbevolen", "niet te missen",
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
    "читайте також", "дивіться також", "також", "схожі статті", "популярне", "новини за темою", "інші новини",
    "останні новини",
    "διαβάστε επίσης", "διαβάστε ακόμα", "σχετικά άρθρα", "δημοφιλή", "πρέπει να διαβάσετε", "τελευταία νέα",
    "ροή ειδήσεων", "δείτε επίσης",
    "ilgili haberler", "benzer haberler", "bunlar da ilginizi çekebilir", "en çok okunanlar", "çok okunanlar",
    "diğer haberler", "öne çıkanlar", "ilginizi çekebilir",
    # sv, da, no, fi, ca
    "läs också", "läs även", "relaterade artiklar", "mest läst", "mest lästa", "fler nyheter", "senaste nytt",
    "læs også", "relaterede artikler", "mest læste", "seneste nyt", "flere nyheder", "dagens topnyheder",
    "les også", "relaterte artikler", "mest lest", "siste nytt", "flere nyheter",
    "lue myös", "luetuimmat", "uusimmat", "aiheesta muualla", "aiheeseen liittyvät",
    "llegeix també", "notícies relacionades", "el més llegit", "més notícies", "també et pot interessar",
    # ar, hi, vi
    "اقرأ أيضا", "اقرأ أيضاً", "إقرأ أيضا", "إقرأ أيضاً", "أخبار ذات صلة", "مقالات ذات صلة", "الأكثر قراءة",
    "الأكثر مشاهدة", "آخر الأخبار", "قد يعجبك أيضا", "ذات صلة", "وقد يهمك أيضا", "قد يهمك أيضا", "قد يهمك",
    "यह भी पढ़ें", "ये भी पढ़ें", "संबंधित खबरें", "सबसे ज्यादा पढ़ी गई", "ताज़ा खबरें",
    "tin liên quan", "bài liên quan", "đọc thêm", "xem thêm", "tin mới nhất", "đọc nhiều", "tin khác",
    "có thể bạn quan tâm",
    # zh, ja, ko, th, he
    "similar news", "similar articles", "lesen sie mehr zu diesen themen", "mehr zu diesen themen",
    "i più letti della settimana", "most read this week", "相关推荐", "新闻推荐", "热点推荐", "最近更新", "この記事に関連するニュース",
    "相关新闻", "相关阅读", "相關新聞", "延伸阅读", "延伸閱讀", "热门新闻", "推荐阅读", "更多新闻", "猜你喜欢",
    "人気記事", "関連記事", "あわせて読みたい", "おすすめ記事", "もっと見る", "アクセスランキング", "関連ニュース",
    "관련기사", "관련 기사", "많이 본 뉴스", "인기 기사", "최신 기사", "추천 기사",
    "ข่าวที่เกี่ยวข้อง", "บทความที่เกี่ยวข้อง", "כתבות נוספות", "כתבות קשורות", "עוד בנושא",
    # lt, lv, et, is, sl, hr, sr, bg, sk, hu
    "susiję straipsniai", "skaitykite taip pat", "populiariausi", "naujausi", "taip pat skaitykite",
    "saistītie raksti", "lasi arī", "lasiet arī", "populārākie", "jaunākās ziņas", "loe ka", "seotud artiklid",
    "loetumad", "viimased uudised", "tengdar fréttir", "mest lesið", "nýjustu fréttir", "preberite tudi",
    "sorodni članki", "najbolj brano", "zadnje novice", "pročitajte i", "povezani članci", "najčitanije",
    "najnovije", "vezane vijesti", "pročitajte još", "povezane vesti", "najčitanije vesti", "прочитајте још",
    "повезане вести", "најчитаније", "прочетете още", "свързани новини", "най-четени", "последни новини",
    "ezek érdekelhetnek még", "ezek is érdekelhetnek", "ajánlott cikkek", "legfrissebb", "súvisiace",
    "prečítajte si aj", "odporúčame",
    # fa, ur, bn, ms, tl
    "اخبار مرتبط", "مطالب مرتبط", "پربازدیدترین", "آخرین اخبار", "بیشتر بخوانید", "مزید پڑھیے", "متعلقہ خبریں",
    "مزید خبریں", "আরও পড়ুন", "সম্পর্কিত খবর", "সর্বশেষ", "baca juga", "berita berkaitan", "artikel berkaitan",
    "terkini", "basahin din", "kaugnay na balita", "pinakabagong balita",
})
"""The heading of a block of other articles' headlines."""

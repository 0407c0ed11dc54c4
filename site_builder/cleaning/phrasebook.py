"""Sentences and calls pages put to their readers, in many languages: prompts to read or watch elsewhere,
notices (cookies, paywalls, comment forms, players the clipping lost), placeholders, and calls to follow an
outlet's channel. Unlike the single words of ``lexicon``, these are found inside a line (see
``lexicon.PhraseIndex``), so each is written whole enough not to stand in a reporter's sentence.
"""

from __future__ import annotations

READ_MORE_PROMPTS = frozenset({
    "read more", "read the full article", "read the full story", "read full article", "read full story",
    "continue reading", "full story", "read the original", "read the original article", "go to source",
    "view original", "read more at", "read more on", "read the rest",
    "weiterlesen", "mehr lesen", "ganzen artikel lesen", "zum artikel", "zum originalartikel", "zur quelle",
    "den ganzen artikel lesen", "den vollständigen artikel lesen", "leer el artículo completo",
    "leer artículo completo", "lire tout l'article", "leggi la notizia completa", "ler a matéria completa",
    "baca berita lengkap", "lees het volledige artikel",
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
    "원문 보기", "기사 원문", "pour en savoir plus : lire l'article", "pour en savoir plus, lire l'article",
    "read full article from source", "read the full article from source", "mine algallikale",
    "skaityti daugiau", "lasīt vairāk", "loe edasi", "lesa meira", "preberi več", "pročitaj više", "прочитај више",
    "прочети още", "čítať ďalej",
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
    "could not be loaded", "failed to load", "cannot be played", "can't be played", "konnte nicht geladen werden",
    "n'a pas pu être chargé", "no se pudo cargar", "não foi possível carregar", "impossibile caricare",
    "kon niet worden geladen", "tidak dapat dimuat", "nie można załadować", "не удалось загрузить",
    "yüklenemedi", "kunde inte laddas", "ei voitu ladata",
    # the outlet's e-paper and print edition
    "read the e-paper", "e-paper lesen", "zum e-paper", "lire le journal numérique", "leggi l'edicola digitale",
    "sfoglia il giornale", "leggi l'edizione digitale", "lee la edición digital", "lire l'édition numérique",
    "zur digitalen ausgabe", "lees de digitale editie", "baca edisi digital", "lee la edición impresa", "leia a edição digital", "lees de digitale krant",
    "baca e-paper", "czytaj e-wydanie", "läs e-tidningen", "læs e-avisen", "les eavisen", "lue näköislehti",
    # the outlet's own advertising sales
    "advertise with us", "advertise here", "envie d'afficher votre publicité", "annoncez chez nous",
    "annoncer sur", "werben sie bei uns", "werben bei uns", "pubblicizza la tua attività", "pubblicità su",
    "anúnciese", "anuncie aquí", "anuncie aqui", "anuncie conosco", "pasang iklan", "adverteren bij",
    "adverteer bij ons", "reklama u nas",
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
    "annulla risposta", "reactie annuleren", "batalkan balasan", "preencha os dados abaixo e clique em enviar",
    "fill in the form below", "remplissez le formulaire ci-dessous", "rellena el formulario", "compila il modulo",
    "indicate printr-un asterisk",
    # rating widgets (the fixed strings of blogs' star-rating plugins)
    "click on a star to rate it", "no votes so far", "be the first to rate this post", "rate this post:",
    "klicken sie auf einen stern, um zu bewerten", "cliquez sur une étoile pour la noter",
    "haz clic en una estrella para puntuar", "clique em uma estrela para avaliar", "clicca su una stella per votare",
    "kaise laga",
    # the photo is not of the event
    "사진은 기사와 직접적인 관련이 없습니다", "사진은 기사 내용과 무관", "写真はイメージです", "画像はイメージです",
    "图片与本文无关",
    # which browser to read the site with
    "為達最佳瀏覽效果", "为达到最佳浏览效果",
    # push notifications and readers' own photos and tips, asked of the reader
    "dobijate obaveštenja", "send us your photos", "send us your videos", "schicken sie uns ihre fotos",
    "envoyez-nous vos photos", "inviaci le tue foto", "envíanos tus fotos", "pošaljite nam vaše snimke",
    "stuur ons je foto",
    # rights reserved, in the words of sites that say it in a sentence
    "zadržava sva prava", "sva prava zadržana", "všetky práva vyhradené", "všechna práva vyhrazena",
    "wszelkie prawa zastrzeżone", "minden jog fenntartva", "toate drepturile rezervate", "все права защищены",
    "всі права захищені", "με επιφύλαξη παντός δικαιώματος", "tüm hakları saklıdır", "alle rettigheder forbeholdes",
    "alle rechten voorbehouden", "tous droits réservés", "todos los derechos reservados", "tutti i diritti riservati",
    "todos os direitos reservados", "alle rechte vorbehalten", "all rights reserved", "hak cipta dilindungi",
    "무단 전재 및 재배포 금지", "무단전재 및 재배포 금지", "무단전재", "版權所有", "版权所有", "未经授权不得转载",
    "不得转载", "無断転載", "転載禁止",
    # the page printed, or summed up by a machine
    "에서 프린트 되었습니다", "this article was printed from", "ai generated summarization", "ai-generated summary",
    "this summary was generated by ai", "자동요약", "ki-generierte zusammenfassung", "résumé généré par l'ia",
    "resumen generado por ia", "resumo gerado por ia", "riassunto generato dall'ia",
    # members and subscribers asked to log in
    "already a member?", "already a subscriber?", "already have an account?", "déjà abonné ?", "déjà abonné?",
    "bereits abonnent?", "schon abonniert?", "ya eres suscriptor?", "¿ya eres suscriptor?", "já é assinante?",
    "sei già abbonato?", "al abonnee?", "sudah berlangganan?", "for print subscription only members",
    # a portal's own notes on how it files and relays articles
    "언론사가 분류합니다", "exit mobile version", "첫 댓글을 작성해보세요", "vet du mer eller har bilder",
    "is there more to this story?", "to continue reading the rest of the article", "dejanos un comentario",
    "déjanos un comentario", "comparte tu opinión", "comparte tu opinion",
    "son de exclusiva responsabilidad de sus autores",
    "são de responsabilidade exclusiva de seus autores", "i commenti sono di esclusiva responsabilità",
    "dieser browser wird nicht mehr unterstützt",
    "wechseln sie zu einem unterstützten browser", "this browser is no longer supported",
    "ce navigateur n'est plus pris en charge", "este navegador ya no es compatible",
    "questo browser non è più supportato", "뉴스콘텐츠 이용규칙",
)
"""What a page tells its reader rather than reports: a paywall, a player or script the clipping lost."""

MESSENGERS = ("whatsapp", "telegram", "signal", "viber", "zalo", "kakaotalk", "wechat", "微信")
"""Where an outlet asks its readers to join its channel."""

NEWS_AGGREGATORS = ("google news", "google noticias", "google notícias", "google actualités", "google nachrichten",
                    "google berita", "google notizie", "msn", "yahoo news", "flipboard")
"""Where an outlet asks its readers to follow it, no channel needed."""

SOCIAL_NETWORKS = ("facebook", "instagram", "x", "twitter", "tiktok", "youtube", "linkedin", "threads", "bluesky",
                   "mastodon", "pinterest", "whatsapp", "telegram", "vk", "вконтакте", "weibo", "微博", "line")
"""Where an outlet asks to be followed; a call names two or more of them ("siga-nos no Facebook e no X")."""

CHANNEL_WORDS = ("channel", "chaîne", "chaine", "kanal", "saluran", "canal", "canale", "kanaal", "канал", "κανάλι", "csatorna",
                 "grup", "group", "gruppo", "grupo", "groep", "группа", "grupa", "skupina", "频道", "채널", "チャンネル")

CALL_VERBS = (
    "join", "follow", "subscribe", "simak", "ikuti", "gabung", "bergabung", "mari", "ayo", "yuk", "segui",
    "seguici", "unisciti",
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
    "loading", "please wait", "loading content", "memuat", "sedang memuat", "caricamento", "caricamento in corso",
    "cargando", "carregando", "chargement", "chargement en cours", "wird geladen", "lädt", "laden", "bezig met laden",
    "読み込み中", "読み込んでいます",
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

TOOL_OBJECTS = (
    "article", "this article", "the article", "story", "this story", "page", "this page", "articolo", "l'articolo",
    "questo articolo", "la notizia", "notizia", "pagina", "questa pagina", "artículo", "el artículo",
    "este artículo", "la noticia", "noticia", "página", "esta página", "notícia", "a notícia", "matéria",
    "a matéria", "artigo", "o artigo", "este artigo", "artikel", "den artikel", "diesen artikel", "seite",
    "diese seite", "l'article", "cet article", "article complet", "la page", "cette page", "artikel ini", "berita",
    "berita ini", "halaman ini", "het artikel", "dit artikel", "deze pagina", "artykuł", "článek", "cikk",
    "articolul", "статью", "статтю", "άρθρο", "haberi", "makaleyi", "artikeln", "artiklen", "artikkelen",
)
"""What an article tool acts on ("Ascolta l'articolo", "Print this page", "Dengarkan artikel")."""

SHARE_PREPOSITIONS = (
    "on", "via", "with", "to", "by", "su", "con", "per", "tramite", "auf", "über", "mit", "per", "sur", "par",
    "avec", "en", "por", "no", "na", "pelo", "pela", "ke", "di", "lewat", "melalui", "op", "met", "på", "med",
    "w", "przez", "в", "через", "σε", "με", "üzerinden", "ile", "qua", "trên",
)
"""The words between a share button's verb and its network ("Bagikan ke Facebook", "Auf Facebook teilen")."""

NEWSLETTER_WORDS = (
    "newsletter", "newsletters", "nieuwsbrief", "boletín", "lettre d'information", "infolettre", "bülten",
    "nyhetsbrev", "nyhedsbrev", "uutiskirje", "hírlevél", "biuletyn", "newsletteru", "рассылка", "розсилка",
    "ενημερωτικό δελτίο", "buletin informativ", "ニュースレター", "뉴스레터", "订阅",
)
"""A newsletter, named in a short call in any word order ("Newsletter abonnieren", "Ricevi la newsletter")."""


PREV_NEXT_LABELS = (
    "previous article", "next article", "previous post", "next post", "previous story", "next story",
    "older post", "newer post", "vorheriger artikel", "nächster artikel", "vorheriger beitrag", "nächster beitrag",
    "article précédent", "article suivant", "articolo precedente", "articolo successivo", "artículo anterior",
    "artículo siguiente", "entrada anterior", "entrada siguiente", "noticia anterior", "noticia siguiente",
    "artigo anterior", "próximo artigo", "post anterior", "próximo post", "notícia anterior", "próxima notícia",
    "vorig artikel", "vorige artikel", "volgend artikel", "volgende artikel", "artikel sebelumnya",
    "artikel selanjutnya", "berita sebelumnya", "berita selanjutnya", "poprzedni artykuł", "następny artykuł",
    "poprzedni wpis", "następny wpis", "předchozí článek", "další článek", "predchádzajúci článok", "ďalší článok",
    "előző cikk", "következő cikk", "előző bejegyzés", "következő bejegyzés", "articolul anterior",
    "articolul următor", "предыдущая статья", "следующая статья", "предыдущая запись", "следующая запись",
    "попередня стаття", "наступна стаття", "προηγούμενο άρθρο", "επόμενο άρθρο", "önceki haber", "sonraki haber",
    "önceki yazı", "sonraki yazı", "föregående artikel", "nästa artikel", "forrige artikel", "næste artikel",
    "forrige artikkel", "neste artikkel", "edellinen artikkeli", "seuraava artikkeli", "fyrri grein",
    "næsta grein", "article anterior", "article següent", "bài trước", "bài tiếp theo", "المقال السابق",
    "المقال التالي", "上一篇", "下一篇", "前の記事", "次の記事", "이전 기사", "다음 기사", "이전글", "다음글",
)
"""Links to the article before and after this one on the site, alone or with that article's headline."""


FOOTER_LINKS = (
    "privacy policy", "privacy", "cookie policy", "cookies", "cookie settings", "manage cookies",
    "terms and conditions",
    "terms of use", "terms of service", "terms", "contact us", "contact", "about us", "about", "advertise",
    "advertise with us", "careers", "jobs", "sitemap", "site map", "accessibility", "help", "faq", "faqs",
    "brand safety", "do not sell my personal information", "newsletters", "rss", "subscribe", "corrections",
    "impressum", "datenschutz", "datenschutzerklärung", "kontakt", "agb", "cookie-einstellungen", "barrierefreiheit",
    "mediadaten", "über uns", "mentions légales", "politique de confidentialité", "conditions générales",
    "conditions générales d'utilisation", "nous contacter", "plan du site", "gestion des cookies", "qui sommes-nous",
    "aviso legal", "política de privacidad", "política de cookies", "contacto", "quiénes somos", "mapa del sitio",
    "mapa web", "términos y condiciones", "note legali", "contatti", "chi siamo", "mappa del sito",
    "termini e condizioni", "pubblicità", "política de privacidade", "termos de uso", "fale conosco", "contato",
    "quem somos", "expediente", "privacybeleid", "cookiebeleid", "algemene voorwaarden", "colofon", "over ons",
    "kebijakan privasi", "pedoman media siber", "tentang kami", "kontak", "redaksi", "disclaimer", "info iklan",
    "karir", "polityka prywatności", "regulamin", "o nas", "zásady ochrany osobních údajů", "o nás",
    "adatvédelem", "impresszum", "kapcsolat", "политика конфиденциальности", "контакты", "о нас", "реклама",
    "gizlilik politikası", "künye", "iletişim", "hakkımızda", "integritetspolicy", "om oss", "kontakta oss",
    "关于本站", "关于我们", "關於我們", "网站地图", "網站地圖", "联系我们", "聯絡我們", "版权申明", "版权声明", "招聘信息",
    "隐私政策", "隱私權政策", "免责声明", "联系合作", "管理团队", "广告合作", "会社概要", "プライバシーポリシー",
    "お問い合わせ", "利用規約", "サイトマップ", "회사소개", "개인정보처리방침", "이용약관", "광고문의",
)
"""Links of a page's footer, which a clipping often runs into one line ('Cookie Policy Privacy Policy Help
Contact Us')."""

"""What automatic grouping compares: the signals of an article that survive translation.

Names of people, organisations, products and places (as written, transliterated and case-folded, and
as a sound key so サム・アルトマン meets Sam Altman), numbers, social handles and linked addresses carry
across languages; content words and, for Chinese and Japanese, character pairs help between reports
in one language. Pure: an article's text in, a bag of prefixed features out.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from itertools import chain
from operator import itemgetter

from anyascii import anyascii

NAME, SOUND, NUMBER, HANDLE, LINK, WORD = "e:", "s:", "n:", "h:", "u:", "w:"
ANCHOR_KINDS = (NAME, SOUND, NUMBER, HANDLE, LINK)
"""Kinds that mean the same in every language."""
MEANING = "m:"
"""Not a feature of an article: what a link between two reports shows of the encoder's similarity (m:0.62)."""

TOKEN = re.compile(r"@?[^\W_][\w'’.,\-]*[^\W_]|[^\W_]", re.U)
ASCII_TOKEN = re.compile(TOKEN.pattern, re.ASCII)
"""TOKEN for ASCII text, where it finds the same tokens: telling a letter by a table lookup rather than by
the Unicode database makes it faster, and most sentences are ASCII, even in other languages."""
SENTENCE_BREAK = re.compile(r"[.!?。！？\n](?:(?<=[.!?])\s+|(?<=[。！？\n]))")
"""A line break, a 。, ！ or ？, or a . ! or ? before white space. The mark goes with the break, as no token ends
with one; starting with it lets the regex engine skip from one candidate to the next (much faster than
looking behind at every position)."""
KATAKANA_RUN = re.compile(r"[\u30a1-\u30fa\u30fc]{2,}")
CJK_RUN = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]{2,}")
DIGIT = re.compile(r"\d")
GLUED_NUMBER = re.compile(r"(\d+(?:[.,]\d+)*)([^\W\d_]+)|[Mm](\d+[.,]\d)")
"""A number with letters glued after it (a unit, a counter word, a case ending), or a magnitude (M7.2)."""
ORDINAL_ENDINGS = frozenset({"st", "nd", "rd", "th", "e", "er", "ème", "eme", "o", "a", "º", "ª", "te", "ten"})
"""Letters after a number that make it an ordinal (4th, 3e): 'fourth' is not 'four', the token stays whole."""
DATE_LIKE = re.compile(r"[1-9]|[12]\d|3[01]|0[1-9]|19\d\d|20\d\d|21\d\d")
NAME_PARTS = re.compile(r"[-.]")
NOT_LETTERS = re.compile(r"[^a-z]")
REPEATS = re.compile(r"(.)\1+")
SCRIPT_RUN = re.compile(r"[\u30a0-\u30ff]+|[\u3040-\u309f\u3400-\u9fff]+|[^\s\u3040-\u30ff\u3400-\u9fff]+")
URL = re.compile(r"https?://[^\s\"'<>)]+")
LINK_SCHEME = re.compile(r"https?://(?:www\.)?")
AFTER_THE_FIRST = itemgetter(slice(1, None))
HOST_ALIASES = {"twitter.com": "x.com", "mobile.twitter.com": "x.com", "m.facebook.com": "facebook.com",
                "youtu.be": "youtube.com", "m.youtube.com": "youtube.com"}
THOUSANDS = re.compile(r"(?<=\d)[.,’'\u00a0 ](?=\d{3}\b)")
VOWELS = str.maketrans("", "", "aeiouyhw")
STOPWORDS = frozenset("""
a an and are as at be been but by for from had has have he her his i in is it its of on or our she that the their
they this to was we were which who will with you after before over under about into than then there these those
il lo la le gli i un una uno di del della dei delle da dal nel nella per con su che e è non più come anche ma
el los las un una unos unas de del en con por para que y o se su sus al es lo más como pero
o os as um uma de do da dos das em no na nos nas por para com que e é se ao mais como mas
le la les un une des de du en dans par pour avec sur que qui et est au aux plus comme mais ne pas
der die das ein eine einer eines dem den des und ist im in mit von zu auf für bei aus nach wie auch nicht sich
de het een en van in op met voor aan door dat die is te bij uit als ook niet zijn
yang dan di ke dari untuk dengan pada ini itu dalam akan oleh juga tidak ada sebagai karena atau bahwa
""".split())
WEEKDAYS_AND_MONTHS = frozenset("""
monday tuesday wednesday thursday friday saturday sunday january february march april may june july august
september october november december lunedi martedi mercoledi giovedi venerdi sabato domenica gennaio febbraio
marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre lunes martes miercoles jueves
viernes sabado domingo enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre
segunda terca quarta quinta sexta janeiro fevereiro marco maio junho julho setembro outubro novembro dezembro
lundi mardi mercredi jeudi vendredi samedi dimanche janvier fevrier mars avril mai juin juillet aout septembre
octobre novembre decembre montag dienstag mittwoch donnerstag freitag samstag sonntag januar februar marz juni
juli oktober dezember maandag dinsdag woensdag donderdag vrijdag zaterdag zondag januari februari maart mei
augustus senin selasa rabu kamis jumat sabtu minggu agustus desember
""".split())


@lru_cache(maxsize=65536)
def fold(token: str) -> str:
    """ASCII, lower case, no apostrophes: 'Perché' and 'perche' meet."""
    return anyascii(token).casefold().replace("'", "").replace("’", "")


@lru_cache(maxsize=131072)
def sound_key(folded: str) -> str:
    """First letter, then consonants with l read as r and v as b: both 'altman' and the katakana
    reading 'arutoman' give 'artmn'."""
    letters = NOT_LETTERS.sub("", folded).replace("l", "r").replace("v", "b")
    return letters[:1] + REPEATS.sub(r"\1", letters[1:].translate(VOWELS)) if letters else ""


def article_features(title: str, text: str, links: tuple[str, ...] = ()) -> Counter:
    """Prefixed features with counts: e: names, s: name sounds, n: numbers, h: handles, u: links, w: words.

    A capitalised word is a name inside a sentence; at its start only when it is capitalised inside one
    too, or written like a brand (OpenAI, iPhone). Headlines are often in Title Case, so a capitalised
    title word counts as a name only when the text writes it capitalised too; the title counts twice, as
    it says what the event is."""
    features = Counter([LINK + normalise_link(address) for address in (*URL.findall(f"{title}\n{text}"), *links)])
    sentences = list(map(tokens_of, SENTENCE_BREAK.split(URL.sub(" ", text))))
    inner = list(chain.from_iterable(map(AFTER_THE_FIRST, sentences)))
    inner_names = {fold(t) for t in set(inner) if t[0].isupper()}
    # The tokens inside sentences, then the first of each (a feature's count is what matters, not its place).
    features.update(chain.from_iterable(map(inner_token_features, inner)))
    features.update(chain.from_iterable(_leading_features(tokens[0], inner_names) for tokens in sentences if tokens))
    names = {f[len(NAME):] for f in features if f.startswith(NAME)}
    title_tokens = tokens_of(URL.sub(" ", title))
    title_features = Counter(chain.from_iterable(_leading_features(token, names) for token in title_tokens))
    for feature, count in title_features.items():
        features[feature] += 2 * count
    return keep_top_words(features)


MAX_WORDS = 40


def keep_top_words(features: Counter) -> Counter:
    """All names, numbers, handles and links, and only the most frequent words (ties in alphabetical
    order): a long article's other words describe less of its event than they cost to compare."""
    words = [f for f in features if f.startswith(WORD)]
    if len(words) <= MAX_WORDS:
        return features
    words.sort()
    words.sort(key=features.__getitem__, reverse=True)  # stable: equal counts stay in alphabetical order
    for dropped in words[MAX_WORDS:]:
        del features[dropped]
    return features


def tokens_of(text: str) -> list[str]:
    """Words, numbers and handles of ``text``, in order."""
    return ASCII_TOKEN.findall(text) if text.isascii() else TOKEN.findall(separate_scripts(text))


def separate_scripts(text: str) -> str:
    """Spaces between Latin, katakana and other CJK runs: 'OpenAIの' and 'AIモデル' are two words each."""
    return " ".join(SCRIPT_RUN.findall(text))


def _leading_features(token: str, known_names: set[str]) -> tuple[str, ...]:
    """Features of a token where capitals prove nothing (a sentence's first word, any word of a Title
    Case headline): it is a name when ``known_names`` holds it."""
    return inner_token_features(token) if fold(token) in known_names else free_token_features(token)


@lru_cache(maxsize=131072)
def inner_token_features(token: str) -> tuple[str, ...]:
    """Features of a token inside a sentence, where a capitalised word is a name. Cached by token, as
    most tokens of an article are words it used before."""
    return _token_features(token, capital_is_name=True)


@lru_cache(maxsize=131072)
def free_token_features(token: str) -> tuple[str, ...]:
    """Features of a token whose capital may only start a sentence: a name only if written like a brand."""
    return _token_features(token, capital_is_name=False)


def _token_features(token: str, capital_is_name: bool) -> tuple[str, ...]:
    """What one token adds: a handle, a number, CJK pairs and sounds, a name's parts, or a content word."""
    if token[0] == "@":
        return (HANDLE + fold(token[1:]),)
    if not token.isalpha() and DIGIT.search(token):
        return _number_features(token)
    if not token.isascii() and CJK_RUN.search(token):
        return _cjk_features(token)
    if token[0].isupper() and (capital_is_name or not token[1:].islower()):
        return name_features(token)
    word = word_feature(token) if len(token) > 3 else None
    return (word,) if word else ()


def _cjk_features(token: str) -> tuple[str, ...]:
    """Katakana is mostly names (their sound key meets the Latin spelling); kanji and kana count as
    character pairs, the words of scripts written without spaces."""
    result = list(name_features(token)) if KATAKANA_RUN.fullmatch(token) else []
    for run in KATAKANA_RUN.findall(token):
        key = sound_key(fold(run))
        if len(key) >= 3:
            result.append(SOUND + key)
    result += (WORD + first + second for first, second in zip(token, token[1:]))
    return tuple(result)


@lru_cache(maxsize=131072)
def name_features(token: str) -> tuple[str, ...]:
    """'Sam-Altman' -> ('e:sam', 'e:altman', 's:artmn'): each part as a name and by its sound."""
    result = []
    for part in NAME_PARTS.split(token):
        folded = fold(part)
        if len(folded) > 1 and folded not in STOPWORDS and folded not in WEEKDAYS_AND_MONTHS:
            result.append(NAME + folded)
            key = sound_key(folded)
            if len(key) >= 3:
                result.append(SOUND + key)
    return tuple(result)


@lru_cache(maxsize=131072)
def word_feature(token: str) -> str | None:
    """A content word cut to six letters (a cheap stem), or None for a stopword."""
    word = fold(token)
    return None if word in STOPWORDS or word in WEEKDAYS_AND_MONTHS else WORD + word[:6]


def _number_features(token: str) -> tuple[str, ...]:
    """Numbers are translation-proof signals, except days of the month and years: every report of
    the week says '12' and '2025', so those count only as words, between reports in one language. A unit
    or particle glued on (367명, 7,6lık, 100km, M7.2) is left out: the number is what carries over."""
    glued = GLUED_NUMBER.fullmatch(token)
    if glued and (glued.group(2) or "").casefold() not in ORDINAL_ENDINGS:
        token = glued.group(1) or glued.group(3)
    number = THOUSANDS.sub("", token).replace(",", ".").strip(".")
    if len(number) > 1 and not re.fullmatch(r"0\d?", number):
        return ((WORD if DATE_LIKE.fullmatch(number) else NUMBER) + fold(number),)
    return ()


def normalise_link(address: str) -> str:
    """'https://twitter.com/sama/status/1?ref=x' -> 'x.com/sama/status/1': one post, one feature."""
    address = address.strip().rstrip(".,;")
    if scheme := LINK_SCHEME.match(address):
        address = address[scheme.end():]
    host, _, path = address.partition("/")
    host = HOST_ALIASES.get(host.lower(), host.lower())
    return f"{host}/{path.split('?')[0].split('#')[0].rstrip('/')}".rstrip("/")


def describe_feature(feature: str) -> str:
    """A feature as a curator reads it: 'altman', '@sama', '6.4', 'x.com/sama/status/1', 'word "rilis"'."""
    kind, value = feature[:2], feature[2:]
    return {HANDLE: f"@{value}", SOUND: f"sound {value}", WORD: f'word "{value}"',
            MEANING: f"meaning {value}"}.get(kind, value)


def clear_caches() -> None:
    """Forget memoised tokens (benchmarks measure a cold process with it)."""
    for cached in (fold, sound_key, name_features, word_feature, inner_token_features, free_token_features):
        cached.cache_clear()

"""Contact addresses: e-mail addresses, also spelled out ("name at gmail dot com", "ime(at)mail(dot)hr"),
and social-media handles (links, @names, and a name given next to the app: "my snap is x.y", "微信 abc_1").

Spelling an address out is how people get it past filters, so the local words for '@' and '.' count.
A bare "at"/"na"/"et" is an ordinary word, so it only counts with a spelled "dot" and a known domain
ending after it; a handle given after an app's name must look like one (a '.', '_' or digit in it)
unless it follows a colon ("snap: name"). Patterns are lower case and read the lower-case copy.
"""

from __future__ import annotations

import re

# Spaced words for '@' and '.' ("at", Polish "małpa", Russian "собака", Spanish "arroba", Persian "ات"...).
AT_WORDS = (
    r"at|na|et|ma[lł]pa|кошка|собака|собачка|равлик|arroba|arobase|arond|a\s+rond|majmun\w*|ات|أت|آت"
    r"|a\s+c[oò]ng|c[oò]ng"
)
AT_GLUED = r"艾特|爱特|圈a"  # written without spaces
DOT_WORDS = r"dot|punkt|kropka|точка|крапка|punto|ponto|point|punct|pika|pik[eë]|to[čc]ka|ch[aấ]m|نقطة|نقطه|نقطه‌"
DOT_GLUED = r"点|點"
DOMAIN_ENDINGS = (
    r"com|net|org|info|biz|edu|gov|eu|uk|co\.uk|org\.uk|ru|ua|by|pl|hr|ro|md|al|fr|es|pt|br|mx|vn|cn|ir|af|iq|sy"
    r"|sd|et|er|ng|in|pk|de|it|nl|be|ch|io|me|tr|ком|ру|нет|орг|уа|کام|كوم"  # spelled in the writer's script too
)
_OPEN, _CLOSE = r"[(\[{<]", r"[)\]}>]"
_LOCAL = r"[A-Za-z0-9_%+-]+"
_AT = rf"\s*{_OPEN}\s*(?:{AT_WORDS}|@)\s*{_CLOSE}\s*|\s*(?:{AT_GLUED})\s*|\s+(?:{AT_WORDS})\s+|\s*@\s*"
_SPELLED_DOT = rf"\s*{_OPEN}\s*(?:{DOT_WORDS}|\.)\s*{_CLOSE}\s*|\s*(?:{DOT_GLUED})\s*|\s+(?:{DOT_WORDS})\s+"
_DOT = rf"{_SPELLED_DOT}|\s?\.\s?"

EMAIL = re.compile(r"[\w.%+-]+@[\w-]+(?:\.[\w-]+)*\.[^\W\d_]{2,}(?![\w-])")
# Bounded repeats (up to 5 labels each side) keep a long "a dot a dot ..." linear.
SPELLED_EMAIL = re.compile(
    rf"(?<![A-Za-z0-9_.%+-])({_LOCAL}(?:(?:{_DOT}){_LOCAL}){{0,4}})({_AT})([A-Za-z0-9-]+(?:(?:{_DOT})[A-Za-z0-9-]+){{0,3}}?)"
    rf"(?:{_DOT})(?:{DOMAIN_ENDINGS})(?![^\W_])",
)
_HAS_SPELLED_DOT = re.compile(_SPELLED_DOT)
_WORD_AT = re.compile(rf"\s+(?:{AT_WORDS})\s+")
_EMAIL_HINT = re.compile(rf"[@(\[{{<]|{AT_GLUED}|{DOT_GLUED}|(?:{DOT_WORDS})\s")

SOCIAL_SITES = (
    r"t\.me|telegram\.(?:me|dog)|instagram\.com|instagr\.am|(?:m\.|www\.)?facebook\.com|fb\.com|fb\.me|m\.me"
    r"|tiktok\.com|wa\.me|vk\.com|ok\.ru|twitter\.com|x\.com|snapchat\.com/add|linkedin\.com/in"
    r"|viber\.click|signal\.me/#p"
)
HANDLE_URL = re.compile(rf"(?:https?://)?(?:www\.)?(?:{SOCIAL_SITES})/[^\s,;!?)\]]+(?<![.])")
AT_HANDLE = re.compile(r"(?<![\w.@+-])@[A-Za-z_][A-Za-z0-9_.]{2,31}(?<![.])")
# App names people give a handle next to; Latin and Cyrillic ones as whole words, Han and Arabic ones as written.
PLATFORMS = (
    r"snap(?:chat)?|insta(?:gram)?|ig|telegram|tele|tg|viber|whats\s?app|wa|signal|wechat|weixin|skype|facebook"
    r"|fb|messenger|tiktok|vk|vkontakte|twitter|телеграм\w*|вайбер\w*|ватсап\w*|вотсап\w*|инст\w*|інст\w*|тг|вк"
)
PLATFORMS_AS_WRITTEN = r"微信|微博|抖音|تلگرام|تلغرام|واتساب|واتس\s?اب|اینستا(?:گرام)?|انستغرام|انستا"
_PLATFORM = re.compile(rf"(?<![^\W\d_])(?:{PLATFORMS})(?![^\W\d_])|(?:{PLATFORMS_AS_WRITTEN})")
_NAME = r"@?([A-Za-z_][A-Za-z0-9_.]{2,31})(?<![.])(?![\w@])"
_AFTER_COLON = re.compile(rf"\s*(?:id|name|username|nick)?\s*[:=]\s*{_NAME}")
# Up to three words between the app and the handle ("is", "c'est", "ist mein"), the handle handle-shaped.
_AFTER_WORDS = re.compile(
    rf"(?:[\s,:=-]+(?:[^\W\d_]+['’]?){{1,2}}){{0,3}}?[\s:=]*(?=@?[A-Za-z][A-Za-z0-9_.]*[._0-9]){_NAME}"
)


def _spelled_email_ok(m: re.Match[str]) -> bool:
    """A plain address is EMAIL's; a bare word for '@' needs a spelled dot after it too."""
    if EMAIL.fullmatch(m[0]):
        return False
    if _WORD_AT.fullmatch(m[2]):
        return bool(_HAS_SPELLED_DOT.search(m[0]))
    return True


def contact_spans(lower: str) -> list[tuple[int, int, str]]:
    """(start, end, kind) of e-mail addresses and handles in the lower-case detection copy."""
    spans: list[tuple[int, int, str]] = []
    if "@" in lower:
        spans += [(*m.span(), "email") for m in EMAIL.finditer(lower)]
        spans += [(*m.span(), "handle") for m in AT_HANDLE.finditer(lower)]
    if _EMAIL_HINT.search(lower):
        spans += [(*m.span(), "email") for m in SPELLED_EMAIL.finditer(lower) if _spelled_email_ok(m)]
    if "/" in lower:
        spans += [(*m.span(), "handle") for m in HANDLE_URL.finditer(lower)]
    for platform in _PLATFORM.finditer(lower):
        given = _AFTER_COLON.match(lower, platform.end()) or _AFTER_WORDS.match(lower, platform.end())
        if given:
            spans.append((*given.span(1), "handle"))
    return spans

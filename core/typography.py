"""Punctuation that follows the language of the page: a label's colon and a
shortened text's ellipsis. Chinese takes full-width punctuation (类别：,
“……”, GB/T 15834); English takes the half-width colon and "…", and is
never cut inside a word."""

from django.utils.translation import get_language, pgettext

CHINESE_ELLIPSIS = "……"
ENGLISH_ELLIPSIS = "…"
# Left at the end of a shortened text, they would sit before the ellipsis.
_TRAILING = " \t\n,;:.!?，、；：。！？"


def _is_chinese(language_code):
    return (language_code or get_language() or "zh-hans").startswith("zh")


def truncate(text, limit, language_code=None):
    """`text` at most `limit` characters long, ellipsis included: Chinese cut
    anywhere and ended with ……; English cut at the last whole word and ended with …"""
    text = (text or "").strip()
    if len(text) <= limit:
        return text
    if _is_chinese(language_code):
        return text[: max(0, limit - len(CHINESE_ELLIPSIS))].rstrip(_TRAILING) + CHINESE_ELLIPSIS
    kept = text[: max(0, limit - len(ENGLISH_ELLIPSIS))]
    if not text[len(kept)].isspace() and any(character.isspace() for character in kept):
        kept = kept.rsplit(None, 1)[0]  # the word that did not fit goes whole
    return kept.rstrip(_TRAILING) + ENGLISH_ELLIPSIS


def with_colon(label):
    """ "Source: " / "来源：": a label followed by its value, in the active language."""
    return pgettext("a label followed by its value", "%(label)s: ") % {"label": label}

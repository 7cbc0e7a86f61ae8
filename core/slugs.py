"""Readable ASCII slugs from any title, Chinese included: '泰国投资指南' →
tai-guo-tou-zi-zhi-nan, 'Mekong Legal' → mekong-legal.

URLs stay ASCII (WAGTAIL_ALLOW_UNICODE_SLUGS = False), so a Chinese title is
spelled in pinyin. Every page type (core.models.BasePage and its admin form)
and the directory's entry keys use this one function.
"""

from django.utils.text import slugify
from pypinyin import lazy_pinyin

PAGE_SLUG_MAX_LENGTH = 80  # of the pinyin base; Wagtail's own limit (255) is far longer than a readable URL


def pinyin_slug(text, max_length=PAGE_SLUG_MAX_LENGTH):
    """`text` as lowercase ASCII words joined by hyphens, Chinese characters as
    their pinyin; cut at a word boundary within `max_length`; "" when nothing is left."""
    slug = slugify(" ".join(lazy_pinyin(text or "")))
    if len(slug) > max_length:
        cut = slug[: max_length + 1]
        slug = cut.rsplit("-", 1)[0] if "-" in cut else slug[:max_length]
    return slug.strip("-")


def free_slug(base, is_available):
    """`base`, or `base-2`, `base-3`… : the first that `is_available(slug)` accepts."""
    candidate, number = base, 1
    while not is_available(candidate):
        number += 1
        candidate = f"{base}-{number}"
    return candidate

"""Purging the page cache: one site-wide generation number.

Every cached page's key contains the current generation; publishing,
unpublishing, moving or deleting a page, or saving anything a page may show
(snippets, settings, images, event registrations that change the places
left …), moves the generation on, so every cached page is dropped at once.
Coarse, but always correct: a page never has to know which listings show it.
"""

import time

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move, published, unpublished

GENERATION_KEY = "page-cache:generation"


def page_cache():
    return caches[settings.PAGE_CACHE_ALIAS]


def current_generation():
    cache = page_cache()
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        # A fresh number, never an old one: if the key was evicted, pages
        # cached under the previous generation must stay unreachable.
        generation = time.time_ns()
        if not cache.add(GENERATION_KEY, generation, timeout=None):
            generation = cache.get(GENERATION_KEY, generation)
    return generation


def purge_page_cache(**kwargs):
    """Drop every cached page (by moving to a new generation)."""
    cache = page_cache()
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # no generation yet, or it was evicted
        cache.set(GENERATION_KEY, time.time_ns(), timeout=None)


def _purge_now_and_after_commit(**kwargs):
    purge_page_cache()
    # Again once the transaction commits: a request that cached the old
    # content between the change and the commit is dropped too.
    transaction.on_commit(purge_page_cache)


def _affects_pages(sender):
    meta = getattr(sender, "_meta", None)
    if meta is None:
        return False
    return meta.app_label in settings.PAGE_CACHE_PURGE_APPS or meta.label in settings.PAGE_CACHE_PURGE_MODELS


def _on_model_change(sender, **kwargs):
    if not kwargs.get("raw") and _affects_pages(sender):
        _purge_now_and_after_commit()


def connect_purge_signals():
    for signal in (page_published, page_unpublished, post_page_move, page_slug_changed, published, unpublished):
        signal.connect(_purge_now_and_after_commit, dispatch_uid=f"page-cache-purge-{id(signal)}")
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(_on_model_change, dispatch_uid=f"page-cache-purge-model-{id(signal)}")


def models_that_purge():
    """For documentation and tests: every installed model whose changes purge."""
    return [model for model in apps.get_models() if _affects_pages(model)]

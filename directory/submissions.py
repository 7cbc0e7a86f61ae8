"""A provider's application to be listed: a pending entry plus the contact
person's details, and a note to the editors once it is stored.

The entry is created in the source locale (zh-hans), whatever language the
applicant used: every entry's source is the site's source language, so that
translations, the content bundle and spreadsheets all hang off one version.
The applicant's language is recorded with the application; editors write or
check the Chinese text and add the translation before listing the entry.
"""

import uuid

from django.db import IntegrityError, transaction
from wagtail.models import Locale

from core.slugs import free_slug, pinyin_slug
from core.validators import KEY_MAX_LENGTH, RESERVED_DIRECTORY_KEYS
from directory.models.applications import ListingApplication
from directory.models.entries import DirectoryEntry
from directory.notifications import notify_editors_of_application
from directory.status import EntryStatus


def key_from_name(name):
    """A readable key: 'Mekong Legal' → mekong-legal, '湄公律师' → mei-gong-lu-shi."""
    base = pinyin_slug(name, KEY_MAX_LENGTH - 9)
    if base in RESERVED_DIRECTORY_KEYS:
        return f"entry-{base}"
    return base or "entry"


def _free_key(locale, name):
    base = key_from_name(name)
    taken = set(DirectoryEntry.objects.filter(locale=locale, key__startswith=base).values_list("key", flat=True))
    return free_slug(base, lambda key: key not in taken)


def submit_application(data, *, language):
    """Store a valid ApplicationForm's cleaned data; returns the pending entry."""
    source_locale = Locale.get_default()
    organisation = {
        "kind": data["kind"],
        "country": data["country"],
        "name": data["name"],
        "city": data["city"],
        "address": data.get("address", ""),
        "description": data["description"],
        "website": data.get("website", ""),
        "email": data["email"],
        "phone": data.get("phone", ""),
        "languages": data["languages"],
        "services": data["services"],
    }
    # A readable key; if another application takes it meanwhile, a unique one.
    keys = (_free_key(source_locale, data["name"]), f"{key_from_name(data['name'])}-{uuid.uuid4().hex[:8]}")
    with transaction.atomic():
        for key in keys:
            entry = DirectoryEntry(locale=source_locale, key=key, status=EntryStatus.PENDING, **organisation)
            try:
                with transaction.atomic():
                    entry.save()
                break
            except IntegrityError:
                if key == keys[-1]:
                    raise
        entry.save_revision(log_action="wagtail.create", clean=False)
        ListingApplication.objects.create(
            entry=entry,
            language=language,
            contact_name=data["contact_name"],
            contact_email=data["contact_email"],
            contact_phone=data.get("contact_phone", ""),
            message=data.get("message", ""),
        )
        # robust: the application is stored; a failure to queue the note is logged, not shown to the applicant.
        transaction.on_commit(lambda: notify_editors_of_application.enqueue(entry.pk), robust=True)
    return entry

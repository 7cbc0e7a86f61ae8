import datetime

import pytest
from django.utils import timezone
from wagtail.users.models import UserProfile

from core.translation import translate
from directory.models import DirectoryEntry, DirectoryPage, EntryStatus


@pytest.fixture
def directory_zh(zh):
    return DirectoryPage.objects.get(locale=zh)


@pytest.fixture
def directory_en(en):
    return DirectoryPage.objects.get(locale=en)


def entry_values(key, name, **fields):
    values = {
        "key": key,
        "name": name,
        "kind": "law-firm",
        "country": "KH",
        "city": "金边",
        "status": EntryStatus.LISTED,
        "verified_on": timezone.localdate() - datetime.timedelta(days=30),
        "languages": ["zh", "en"],
        "services": ["company-setup"],
    }
    values.update(fields)
    return values


def make_entry(locale, key, name, **fields):
    """One entry in one locale, saved with a first revision as the admin would."""
    entry = DirectoryEntry(locale=locale, **entry_values(key, name, **fields))
    entry.save()
    entry.save_revision()
    return entry


def make_bilingual(zh, en, key, zh_name, en_name, **fields):
    """A source entry and its English translation through wagtail-localize."""
    source = make_entry(zh, key, zh_name, **fields)
    english = translate(source, en, {"name": en_name, "city": fields.get("en_city", "Phnom Penh")})
    return source, english


@pytest.fixture
def make():
    return make_entry


@pytest.fixture
def bilingual(zh, en):
    def build(key, zh_name, en_name, **fields):
        return make_bilingual(zh, en, key, zh_name, en_name, **fields)

    return build


@pytest.fixture
def admin_in_english():
    """The admin speaks the user's chosen language (the site's default is Chinese)."""

    def choose(user):
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = "en"
        profile.save()
        return user

    return choose

"""Pinyin names are read again in a running process (search.pinyin,
REFRESH_SECONDS); the alias index that applies them must follow. A module
of its own: the behaviour modules' shared scenario and engine (module-scoped,
possibly OpenSearch) would answer instead of the entry made here."""

import pytest

from search import pinyin
from tests.factories import DirectoryEntryFactory
from tests.search.test_behaviour import found

pytestmark = pytest.mark.django_db


def test_an_entry_listed_after_a_search_is_found_by_its_pinyin_once_the_names_are_read_again(zh):
    """The alias index is kept per process; without rebuilding it when
    search.pinyin reads the names again, it kept the names of its first
    search and a newly listed entry's pinyin found nothing until a restart."""
    found("柬埔寨", zh)  # builds the alias index before the entry exists
    entry = DirectoryEntryFactory(locale=zh, key="lancang-consulting", name="澜沧江咨询公司")
    pinyin.forget()  # what REFRESH_SECONDS does in a running process
    assert found("lancangjiang zixun gongsi", zh)[1] == [("directory", entry.pk)]

import pytest
from wagtail.users.models import UserProfile

from directory.models import DirectoryPage


@pytest.fixture
def directory_zh(zh):
    return DirectoryPage.objects.get(locale=zh)


@pytest.fixture
def directory_en(en):
    return DirectoryPage.objects.get(locale=en)


@pytest.fixture
def admin_in_english():
    """The admin speaks the user's chosen language (the site's default is Chinese)."""

    def choose(user):
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = "en"
        profile.save()
        return user

    return choose

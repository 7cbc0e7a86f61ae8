import pytest

from tests.mail_backends import FailsOnce


@pytest.fixture
def fails_once(settings):
    settings.EMAIL_BACKEND = "tests.mail_backends.FailsOnce"
    FailsOnce.failures_left = 1
    yield
    FailsOnce.failures_left = 0

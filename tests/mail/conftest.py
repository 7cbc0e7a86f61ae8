import logging

import pytest

from tests.mail_backends import FailsOnce


@pytest.fixture
def mail_log(caplog):
    """Records of the "outbound" loggers (which do not propagate to the root)."""
    logger = logging.getLogger("outbound")
    logger.addHandler(caplog.handler)
    with caplog.at_level(logging.INFO, logger="outbound"):
        yield caplog
    logger.removeHandler(caplog.handler)


@pytest.fixture
def fails_once(settings):
    settings.EMAIL_BACKEND = "tests.mail_backends.FailsOnce"
    FailsOnce.failures_left = 1
    yield
    FailsOnce.failures_left = 0

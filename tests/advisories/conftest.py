import logging

import pytest
from django.utils import timezone

from advisories.models import AdvisoryIndexPage
from tests.factories import index_of


@pytest.fixture
def advisory_log(caplog):
    """Records of the "outbound" loggers (advisories, and core.mail which sends
    its e-mail), which do not propagate to the root."""
    logger = logging.getLogger("outbound")
    logger.addHandler(caplog.handler)
    with caplog.at_level(logging.INFO, logger="outbound"):
        yield caplog
    logger.removeHandler(caplog.handler)


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def index_zh(db):
    return index_of(AdvisoryIndexPage, "zh-hans")


@pytest.fixture
def index_en(db):
    return index_of(AdvisoryIndexPage, "en")

import datetime

import pytest

from policies.models import PolicyIndexPage
from tests.factories import PolicyPageFactory, index_of


@pytest.fixture
def index_zh(db):
    return index_of(PolicyIndexPage, "zh-hans")


@pytest.fixture
def index_en(db):
    return index_of(PolicyIndexPage, "en")


@pytest.fixture
def library(index_zh):
    """A small, varied library (zh; the first two in English too): the 2014 measures repealed by the 2017 ones."""
    measures_2017 = PolicyPageFactory(
        title="企业境外投资管理办法",
        document_number="国家发展和改革委员会令第11号",
        issued_on=datetime.date(2017, 12, 26),
        in_force_on=datetime.date(2018, 3, 1),
        english={"title": "Measures for the Administration of Enterprise Outbound Investment"},
    )
    measures_2014 = PolicyPageFactory(
        title="境外投资项目核准和备案管理办法",
        document_number="国家发展和改革委员会令第9号",
        issued_on=datetime.date(2014, 4, 8),
        status="repealed",
        superseded_by=measures_2017,
        english={"title": "Measures for the Approval and Filing of Outbound Investment Projects"},
    )
    forex = PolicyPageFactory(
        title="关于进一步简化和改进直接投资外汇管理政策的通知",
        document_number="汇发〔2015〕13号",
        issuing_body="国家外汇管理局",
        issued_on=datetime.date(2015, 2, 13),
        topic="foreign_exchange",
    )
    city_funds = PolicyPageFactory(
        title="本市对外投资扶持资金管理办法（示例）",
        issuing_body="市商务局",
        issued_on=datetime.date(2024, 5, 1),
        topic="support_funds",
        level="city",
        status="amended",
    )
    return {"2017": measures_2017, "2014": measures_2014, "forex": forex, "city": city_funds}

import pytest

from tests.factories import filing_demo_rules


@pytest.fixture
def rules(zh, en, home):
    """The demo rules as load_demo ships them, and the policy documents they cite: {document number: page}."""
    return filing_demo_rules()

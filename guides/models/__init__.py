from .changes import GuideChange
from .emergency import EmergencyCard
from .guide import CountryGuidePage
from .index import GuideIndexPage

__all__ = ["CountryGuidePage", "EmergencyCard", "GuideChange", "GuideIndexPage"]

from .changes import GuideChange
from .guide import CountryGuidePage
from .index import GuideIndexPage

__all__ = ["CountryGuidePage", "GuideChange", "GuideIndexPage"]

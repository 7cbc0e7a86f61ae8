from .guide import CountryGuidePage
from .index import GuideIndexPage

__all__ = ["CountryGuidePage", "GuideIndexPage"]

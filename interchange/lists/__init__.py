"""The bundle's lists, in import order, each with its adapter."""

from .advisories import AdvisoryList
from .directory import DirectoryList
from .emergency_cards import EmergencyCardList
from .events import EventList
from .filing import ProcedureList, SensitiveCountryList, SensitiveIndustryList, ThresholdList
from .guides import GuideList
from .policies import PolicyList

ADAPTERS = {
    adapter.name: adapter
    for adapter in (
        GuideList(),
        AdvisoryList(),
        EventList(),
        DirectoryList(),
        EmergencyCardList(),
        PolicyList(),
        ThresholdList(),
        SensitiveIndustryList(),
        SensitiveCountryList(),
        ProcedureList(),
    )
}

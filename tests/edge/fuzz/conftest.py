import pytest

from advisories.models import AdvisoryIndexPage
from directory.models import DirectoryPage
from events import booking
from events.models import EventIndexPage
from events.tokens import make_token
from guides.models import GuideIndexPage
from tests.edge.fuzz.probe import Probe
from tests.factories import (
    AdvisoryPageFactory,
    ApplicantFactory,
    CountryGuidePageFactory,
    DirectoryEntryFactory,
    EventPageFactory,
    InformationPageFactory,
    english_of,
    index_of,
)


@pytest.fixture
def probe(client):
    return Probe(client)


@pytest.fixture
def public_site(db):
    """A page of every type in both languages, and every public URL of it:
    {"pages": [...], "listings": {url: [filter names]}, "event": the event,
    "registration_url": its registration's status page}."""
    guide = CountryGuidePageFactory(country="KH", english=True)
    CountryGuidePageFactory(country="VN", english=True)
    advisory = AdvisoryPageFactory(kind="security", countries=["KH"], english=True)
    event = EventPageFactory(countries=["KH"], english=True)
    entry = DirectoryEntryFactory(english=True)
    information = InformationPageFactory(english=True)
    registration = booking.register(event, ApplicantFactory())
    token = make_token(registration)

    pages, listings = [], {}
    for language in ("zh-hans", "en"):
        guides = index_of(GuideIndexPage, language).url
        advisories = index_of(AdvisoryIndexPage, language).url
        events = index_of(EventIndexPage, language).url
        directory = index_of(DirectoryPage, language).url
        in_language = (lambda page: page) if language == "zh-hans" else english_of
        event_url = in_language(event).url
        pages += [
            f"/{language}/",
            in_language(guide).url,
            in_language(advisory).url,
            in_language(information).url,
            event_url,
            event_url + "calendar/",
            event_url + "register/",
            event_url + f"registration/{token}/",
            events + "calendar/",
            advisories + "feed/",
            advisories + "feed/kind/security/",
            advisories + "feed/country/KH/",
            f"/{language}/advisories/subscribe/",
            f"/{language}/advisories/subscribe/sent/",
            f"/{language}/advisories/confirm/nonsense/",
            f"/{language}/advisories/unsubscribe/nonsense/",
            directory + "apply/",
            directory + "apply/thanks/",
            directory + f"{entry.key}/",
        ]
        listings.update(
            {
                guides: ["region", "initiative", "sector", "risk", "sort"],
                guides + "compare/": ["c"],
                advisories: ["kind", "country", "severity", "status"],
                events: ["kind", "country", "format", "month"],
                events + "archive/": ["kind", "country", "format", "month"],
                directory: ["country", "kind", "service", "language", "sort"],
                f"/{language}/search/": ["q", "type", "country"],
                f"/{language}/search/suggest/": ["q"],
                event_url + f"registration/{token}/": ["new", "cancelled"],
            }
        )
    pages += ["/sitemap.xml", f"/api/v2/pages/{guide.pk}/", f"/api/v2/directory/{entry.pk}/"]
    return {"pages": pages, "listings": listings, "event": event, "entry": entry, "advisory": advisory}

"""The protection every public form shares (core/public_forms.py): one
honeypot, one answer to a bot, rate limits per address (accepted submissions,
and a flood limit on every post), one privacy notice per language. Each test
runs for the three forms anyone may post."""

import math
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.test import Client
from wagtail.models import Page

from advisories.models import Subscriber
from core.models import EmailDelivery
from directory.models import DirectoryEntry, DirectoryPage, ListingApplication
from events.models import Registration
from tests.factories import EventPageFactory, application_form, english_of, registration_form

pytestmark = pytest.mark.django_db

LANGUAGES = ["zh-hans", "en"]
REFUSED_HEADING = {"zh-hans": "提交未被受理", "en": "Submission not accepted"}
LIMITED_HEADING = {"zh-hans": "提交过于频繁", "en": "Too many submissions"}
TRY_AGAIN = {"zh-hans": "请在 {minutes} 分钟后再试", "en": "Please try again in {minutes} minute"}
SEND_AGAIN = {"zh-hans": "请在 {minutes} 分钟后再提交", "en": "please send it again in {minutes} minute"}


@dataclass
class PublicFormCase:
    name: str  # its key in PUBLIC_FORM_RATES
    form_url: Callable[[str], str]  # language → the page that shows the form
    post_url: Callable[[str], str]  # language → where the form posts
    data: Callable[[], dict]  # a fresh valid submission
    stored: Callable[[], int]  # rows a submission makes
    typed: str  # a text field whose value the form shows again


def event_registration():
    event = EventPageFactory(english=True)
    pages = {"zh-hans": event, "en": english_of(event)}
    return PublicFormCase(
        name="event_registration",
        form_url=lambda language: pages[language].url,
        post_url=lambda language: pages[language].url + "register/",
        data=registration_form,
        stored=Registration.objects.count,
        typed="company_name",
    )


def alert_subscription():
    return PublicFormCase(
        name="alert_subscription",
        form_url=lambda language: f"/{language}/advisories/subscribe/",
        post_url=lambda language: f"/{language}/advisories/subscribe/",
        data=lambda: {"email": "firm@example.com", "countries": ["KH"], "language": "zh-hans", "homepage": ""},
        stored=Subscriber.objects.count,
        typed="email",
    )


def listing_application():
    def apply_url(language):
        return DirectoryPage.objects.get(locale__language_code=language).url + "apply/"

    return PublicFormCase(
        name="listing_application",
        form_url=apply_url,
        post_url=apply_url,
        data=application_form,
        stored=lambda: DirectoryEntry.objects.count() + ListingApplication.objects.count(),
        typed="name",
    )


@pytest.fixture(params=[event_registration, alert_subscription, listing_application], ids=lambda make: make.__name__)
def public_form(request, db, directory_editor):
    """One public form; `directory_editor` is there so a listing application has someone to notify."""
    return request.param()


@pytest.fixture
def submit(client, django_capture_on_commit_callbacks):
    """Posts as a browser that prefers English would (the page's language must
    come from its address), running what waits for the commit (e-mail)."""

    def post(url, data, client=client):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(url, data, HTTP_ACCEPT_LANGUAGE="en")

    return post


def test_a_person_gets_through(public_form, submit, mailoutbox):
    """The control for the tests below: the same submission without the honeypot is stored and mailed."""
    response = submit(public_form.post_url("zh-hans"), public_form.data())
    assert response.status_code == 302
    assert public_form.stored() > 0
    assert len(mailoutbox) > 0


@pytest.fixture
def cache_down(settings, closed_port):
    """The production cache settings (django-redis, IGNORE_EXCEPTIONS) with nothing listening."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{closed_port}/0",
            "OPTIONS": {"IGNORE_EXCEPTIONS": True},
        }
    }


def test_with_the_cache_down_a_person_still_gets_through_uncounted(public_form, submit, cache_down, outbound_log):
    """Redis down: the rate-limit counter cannot be read, and the form takes
    the submission rather than answer every visitor 429 (django-ratelimit's
    answer when its cache fails; tests/topology does the same with Redis stopped)."""
    response = submit(public_form.post_url("en"), public_form.data())
    assert response.status_code == 302
    assert public_form.stored() > 0
    assert f"{public_form.name}: rate-limit counter unavailable, submission accepted uncounted" in outbound_log.text


def test_the_form_has_the_one_honeypot_hidden_from_people(public_form, client):
    html = client.get(public_form.form_url("en")).content.decode()
    assert html.count('name="homepage"') == 1
    assert '<div class="honeypot" aria-hidden="true">' in html
    assert '<input type="text" name="homepage" autocomplete="off" tabindex="-1" id="id_homepage">' in html


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_filled_in_honeypot_gets_400_and_nothing_is_stored_or_sent(
    public_form, submit, mailoutbox, outbound_log, language
):
    data = {**public_form.data(), "homepage": "http://spam.example"}
    response = submit(public_form.post_url(language), data)
    assert response.status_code == 400
    assert REFUSED_HEADING[language] in response.content.decode()
    assert public_form.stored() == 0
    assert EmailDelivery.objects.count() == 0
    assert mailoutbox == []
    ours = [record.getMessage() for record in outbound_log.records if record.name == "outbound.public_forms"]
    assert ours == [f"{public_form.name}: honeypot filled in, submission dropped"]
    assert "@" not in outbound_log.text  # no address from the submission


ERROR_SUMMARY_HEADING = {"zh-hans": "请更正以下问题", "en": "Please correct the following"}


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_mistake_is_listed_above_the_form_with_a_link_to_its_field(public_form, submit, language):
    """One error summary (core/includes/error_summary.html) for every public
    form, in the page's language, each error linking to the field it is about."""
    data = {**public_form.data(), public_form.typed: ""}
    response = submit(public_form.post_url(language), data)
    assert response.status_code in (200, 400)
    text = response.content.decode()
    summary = text[text.index('class="error-summary"') : text.index("</div>", text.index('class="error-summary"'))]
    assert ERROR_SUMMARY_HEADING[language] in summary
    assert f'href="#id_{public_form.typed}"' in summary
    assert public_form.stored() == 0


def test_mistakes_do_not_use_up_the_limit(public_form, submit):
    """Eleven forms sent back for correction, then a correct one from the same
    address, with the default rates (at most ten accepted an hour): accepted.
    Counting every post, as the limit once did, would refuse it."""
    for _mistake in range(11):
        assert submit(public_form.post_url("en"), {"homepage": ""}).status_code in (200, 400)

    assert submit(public_form.post_url("en"), public_form.data()).status_code == 302
    assert public_form.stored() > 0


@pytest.mark.parametrize("language", LANGUAGES)
def test_over_the_limit_the_form_comes_back_with_what_was_typed_429_and_retry_after(
    public_form, submit, settings, language
):
    settings.PUBLIC_FORM_RATES = {**settings.PUBLIC_FORM_RATES, public_form.name: "2/h"}
    for _allowed in range(2):
        assert submit(public_form.post_url(language), public_form.data()).status_code == 302
    stored = public_form.stored()
    data = public_form.data()

    response = submit(public_form.post_url(language), data)

    assert response.status_code == 429
    retry_after = int(response["Retry-After"])
    assert 0 < retry_after <= 3600
    html = response.content.decode()
    assert f'<html lang="{"zh-Hans" if language == "zh-hans" else "en"}">' in html
    assert SEND_AGAIN[language].format(minutes=math.ceil(retry_after / 60)) in html
    assert f'value="{data[public_form.typed]}"' in html
    assert public_form.stored() == stored


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_flood_of_posts_valid_or_not_gets_the_429_page(public_form, submit, settings, language):
    settings.PUBLIC_FORM_FLOOD_RATE = "3/h"
    for _mistake in range(3):
        assert submit(public_form.post_url(language), {"homepage": ""}).status_code in (200, 400)

    response = submit(public_form.post_url(language), public_form.data())

    assert response.status_code == 429
    retry_after = int(response["Retry-After"])
    assert 0 < retry_after <= 3600
    html = response.content.decode()
    assert LIMITED_HEADING[language] in html
    assert TRY_AGAIN[language].format(minutes=math.ceil(retry_after / 60)) in html
    assert public_form.stored() == 0


def test_the_limits_are_per_address_and_for_posts_only(public_form, submit, client, settings):
    settings.PUBLIC_FORM_RATES = {**settings.PUBLIC_FORM_RATES, public_form.name: "1/h"}
    settings.PUBLIC_FORM_FLOOD_RATE = "2/h"
    submit(public_form.post_url("en"), public_form.data())
    assert submit(public_form.post_url("en"), public_form.data()).status_code == 429
    assert client.get(public_form.form_url("en")).status_code == 200
    other_address = Client(REMOTE_ADDR="203.0.113.9")
    assert submit(public_form.post_url("en"), public_form.data(), client=other_address).status_code == 302


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_privacy_link_leads_to_the_notice_in_the_same_language(public_form, client, language):
    notice = Page.objects.live().get(slug="privacy", locale__language_code=language)
    html = client.get(public_form.form_url(language)).content.decode()
    assert f'href="{notice.url}"' in html
    assert client.get(notice.url).status_code == 200


def test_without_a_notice_in_its_language_a_form_links_the_source_language_notice(public_form, client):
    Page.objects.get(slug="privacy", locale__language_code="en").specific.unpublish()
    source_notice = Page.objects.live().get(slug="privacy", locale__language_code="zh-hans")
    html = client.get(public_form.form_url("en")).content.decode()
    assert f'href="{source_notice.url}"' in html

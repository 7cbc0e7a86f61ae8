"""Journey 2: a firm registers for an event with the keyboard alone, is told
its seat is held, confirms its address through the link in the e-mail, gets
the confirmation and cancels through its link; a full event offers the
waiting list instead."""

import re

import pytest
from django.utils import translation
from django.utils.translation import gettext

from events.validators import credit_code_check_character

from .content import import_journey_content

pytestmark = pytest.mark.browser

EVENT_PATH = "/zh-hans/events/overseas-ip-protection-training-2027/"
FULL_EVENT_PATH = "/zh-hans/events/vietnam-industrial-park-matchmaking-2027/"


@pytest.fixture
def events(db):
    import_journey_content(full_event_capacity=1)


def credit_code(serial):
    first_seventeen = f"913301{serial:011d}"
    return first_seventeen + credit_code_check_character(first_seventeen)


def focused_id(page):
    return page.evaluate("document.activeElement && document.activeElement.id")


def tab_to(page, element_id, max_presses=120):
    """Press Tab until the element has focus, as a keyboard user would."""
    for _ in range(max_presses):
        if focused_id(page) == element_id:
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"#{element_id} cannot be reached with the Tab key")


def register_with_keyboard(page, company, email, serial):
    """Fill in and send the registration form with the keyboard only, checking
    that Tab moves through the fields in reading order."""
    tab_to(page, "id_company_name")
    for field_id, value in [
        ("id_company_name", company),
        ("id_credit_code", credit_code(serial)),
        ("id_contact_name", "王晓明"),
        ("id_phone", "13800138000"),
        ("id_email", email),
    ]:
        assert focused_id(page) == field_id, f"Tab order: expected #{field_id}, got #{focused_id(page)}"
        page.keyboard.type(value)
        page.keyboard.press("Tab")
    assert focused_id(page) == "id_attendees"  # one attendee: leave the choice as it is
    page.keyboard.press("Tab")
    assert focused_id(page) == "id_attendee_1"
    page.keyboard.type("王晓明")
    tab_to(page, "id_consent", max_presses=10)
    page.keyboard.press("Space")
    assert page.locator("#id_consent").is_checked()
    # On to the submit button: the honeypot field is never focused on the way.
    for _ in range(5):
        page.keyboard.press("Tab")
        assert focused_id(page) != "id_homepage"
        if page.evaluate("document.activeElement.type") == "submit":
            break
    button_text = page.evaluate("document.activeElement.textContent").strip()
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    return button_text


def test_a_firm_registers_by_keyboard_gets_the_email_and_cancels_through_its_link(page, events, mailoutbox):
    page.open("/zh-hans/events/")
    page.check("events-zh")
    page.locator(".event-card__title a").first.wait_for()
    page.open(EVENT_PATH)
    page.check("event-zh")

    register_with_keyboard(page, "滨江精密机械有限公司", "wang@firm.example.com", 1)

    status = page.locator(".status")
    assert "status--held" in status.get_attribute("class")
    assert page.locator("h1").inner_text() == "您的报名"
    assert "/registration/" in page.url
    page.check("registration-held-zh")

    # The only e-mail so far: fixed text and the link to confirm the address.
    [verification] = mailoutbox
    assert verification.to == ["wang@firm.example.com"]
    assert "滨江精密机械有限公司" not in verification.body
    verify_link = re.search(r"https?://\S+/confirm-email/[\w\-]+/", verification.body)
    assert verify_link, verification.body
    page.open(re.sub(r"^https?://[^/]+", "", verify_link.group(0)))
    page.check("confirm-email-zh")
    page.locator(".verify-form button[type=submit]").click()
    page.wait_for_load_state()
    assert "status--confirmed" in page.locator(".status").get_attribute("class")
    page.check("registration-confirmed-zh")

    assert len(mailoutbox) == 2
    message = mailoutbox[1]
    assert message.to == ["wang@firm.example.com"]
    assert "滨江精密机械有限公司" in message.body
    link = re.search(r"https?://\S+/registration/[\w\-]+/", message.body)
    assert link, message.body
    registration_path = re.sub(r"^https?://[^/]+", "", link.group(0))
    assert registration_path.startswith(EVENT_PATH)

    # A week later, from the e-mail: the link opens the registration, which can be
    # cancelled after a confirmation.
    page.context.clear_cookies()
    page.open(registration_path)
    assert page.locator(".cancel-form").count() == 0
    page.locator(".cancel-start a.button").click()
    page.wait_for_load_state()
    assert page.locator("#cancel-confirm-title").inner_text() == "取消此报名？"
    page.check("registration-cancel-confirm-zh")
    page.locator(".cancel-form button[type=submit]").click()
    page.wait_for_load_state()
    assert "status--cancelled" in page.locator(".status").get_attribute("class")
    assert page.locator(".cancel-form").count() == 0
    page.check("registration-cancelled-zh")


def test_a_full_event_offers_the_waiting_list(open_tab, events):
    first_firm = open_tab()
    first_firm.open(FULL_EVENT_PATH)
    assert register_with_keyboard(first_firm, "滨江新能源科技有限公司", "li@first.example.com", 2)
    assert "status--held" in first_firm.locator(".status").get_attribute("class")

    # The only seat is held (it counts until the hold expires): the next firm is offered the waiting list.
    second_firm = open_tab()
    second_firm.open(FULL_EVENT_PATH)
    notice = second_firm.locator("#capacity-notice")
    assert notice.is_visible()
    second_firm.check("event-full-zh")
    button_text = register_with_keyboard(second_firm, "滨江纺织进出口有限公司", "zhao@second.example.com", 3)
    with translation.override("zh-hans"):
        assert button_text == gettext("Join the waiting list")
    assert "status--waitlisted" in second_firm.locator(".status").get_attribute("class")
    second_firm.check("registration-waitlisted-zh")

    # The English event page says the same, in English.
    english = open_tab(locale="en-GB")
    english.open(FULL_EVENT_PATH.replace("/zh-hans/", "/en/"))
    assert english.get_by_role("button", name="Join the waiting list").is_visible()
    english.check("event-full-en")


def test_only_the_chosen_number_of_name_fields_is_shown(page, events):
    """attendees.js hides the name fields beyond the chosen number; without it
    every field says when to fill it in."""
    page.open(EVENT_PATH)
    names = page.locator("[data-attendee]")
    assert [names.nth(index).is_visible() for index in range(5)] == [True, False, False, False, False]
    page.select_option("#id_attendees", "3")
    assert [names.nth(index).is_visible() for index in range(5)] == [True, True, True, False, False]
    assert "仅在参会人数为 3 人或以上时填写" in page.locator("label[for=id_attendee_3]").inner_text()
    page.screenshots("event-three-attendees-zh")

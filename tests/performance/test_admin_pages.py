"""Editors' pages at a number of SQL queries that does not grow with the
content: the registrations of an event with 500 registrations (one page of
them shown) within MAX_QUERIES; the page explorer of the guides section
within EXPLORER_QUERIES and the same with 5 guides as with 25; a guide's
edit view within EDIT_QUERIES. The explorer and the edit view are above
MAX_QUERIES: what remains is Wagtail's own per-view reads, listed by origin
in the README's performance section.

Counted on a second visit, as for the public pages (the first fills
per-process memos and the editor's kept access, core/access.py). The content is the bench's (bench/seed.py); the
registrations are one made through booking (tests.factories.register_verified)
and its copies inserted in bulk.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail import hooks
from wagtail.admin.templatetags import wagtailadmin_tags
from wagtail.models import Locale, Page, PagePermissionTester, PageViewRestriction, Workflow, WorkflowPage
from wagtail_localize import wagtail_hooks as localize_hooks
from wagtail_localize.models import Translation, TranslationSource

from bench.seed import add_clones, import_templates
from core.admin_memos import ViewRestrictionsMiddleware
from core.explorer import (
    REPLACEMENTS,
    ConvertToAliasItem,
    FactsAwarePermissionTester,
    RestartTranslationItem,
    edit_translation_instead,
    translation_buttons,
)
from events.models import EventPage, Registration
from guides.models import CountryGuidePage, GuideIndexPage
from tests.factories import (
    CountryGuidePageFactory,
    InformationPageFactory,
    add_english,
    credit_code,
    register_verified,
)

MAX_QUERIES = 20
EXPLORER_QUERIES = 25
EDIT_QUERIES = 24
REGISTRATIONS = 500

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded():
    import_templates()
    add_clones({"events": 2})
    return Locale.objects.get(language_code="zh-hans")


def queries_of(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, f"{url}: HTTP {response.status_code}"
    return [query["sql"] for query in queries.captured_queries]


def test_the_registrations_of_an_event_with_500(client, event_manager, seeded):
    client.force_login(event_manager)
    event = EventPage.objects.filter(locale=seeded, capacity__gt=0).first()
    first = register_verified(event)
    copies = []
    for number in range(REGISTRATIONS - 1):
        copy = Registration.objects.get(pk=first.pk)
        copy.pk = None
        copy.credit_code = credit_code(900000 + number)
        copy.email = f"applicant-{number}@example.org"
        copies.append(copy)
    Registration.objects.bulk_create(copies)
    assert event.registrations.count() == REGISTRATIONS

    url = reverse("events_registrations:list", args=[event.registration_anchor_id])
    queries = queries_of(client, url)
    assert len(queries) <= MAX_QUERIES, f"{url}: {len(queries)} queries"


def test_the_guides_explorer_costs_the_same_with_5_or_25_guides(client, editor):
    """Each row's "More" menu asked wagtail-localize two queries (may it be
    translated, is it a source to sync) and Wagtail two (is anything live
    below it, for the editor's Move and Delete): 64 queries with 5 guides
    and 4 more a row. The explorer now fetches those facts with its rows
    (core.explorer); without them this fails on the growth. Its bound
    counts the rows' locale and page type joined to their query
    (annotate_explorer_rows) and the editor's kept access (core/access.py):
    37 queries before those."""
    import_templates()
    add_clones({"guides": 4})
    zh = Locale.objects.get(language_code="zh-hans")
    url = reverse("wagtailadmin_explore", args=[GuideIndexPage.objects.get(locale=zh).pk])
    client.force_login(editor)
    assert CountryGuidePage.objects.filter(locale=zh).count() == 5
    five = queries_of(client, url)

    assert len(five) <= EXPLORER_QUERIES, f"{url}: {len(five)} queries"

    add_clones({"guides": 20}, start=5)
    assert CountryGuidePage.objects.filter(locale=zh).count() == 25
    twenty_five = queries_of(client, url)
    assert len(twenty_five) == len(five), f"5 guides: {len(five)} queries, 25 guides: {len(twenty_five)}"


def test_a_guides_edit_view_within_its_bound(client, editor):
    """The page's header menu (wagtail-localize's and Wagtail's Move/Delete
    checks) and wagtail-localize's edit hook and action-menu items cost one
    query through core.explorer.page_facts, the action menu's workflow one
    through BasePage.get_workflow, the session, the user's permissions,
    groups, page, collection and site grants, explorable root and profile
    none (core/access.py), the view restrictions none
    (core.admin_memos), the status panel's live revision none when it is
    the latest (BasePage.get_latest_revision): without any of them this
    fails (50 queries before, 37 before the kept access)."""
    import_templates()
    zh = Locale.objects.get(language_code="zh-hans")
    guide = CountryGuidePage.objects.filter(locale=zh).first()
    client.force_login(editor)
    url = reverse("wagtailadmin_pages:edit", args=[guide.pk])
    queries = queries_of(client, url)
    assert len(queries) <= EDIT_QUERIES, f"{url}: {len(queries)} queries"


def test_the_explorer_rows_offer_the_same_translation_buttons_as_wagtail_localize(client, editor, home):
    """The row and header menus (core.explorer.translation_buttons, in place
    of wagtail-localize's function in both hooks) show "Translate this page"
    for a guide not yet in English and "Sync translated pages", to the
    guide's own translation source, for a translated one; a page that is not
    a listing row (its own header) gets the same from page_facts. Fails when
    wagtail-localize's registration changes and the swap no longer finds it."""
    for hook_name, replacements in REPLACEMENTS.items():
        registered = hooks.get_hooks(hook_name)
        for theirs, ours in replacements.items():
            assert ours in registered and theirs not in registered, hook_name
    untranslated = CountryGuidePageFactory(country="LA", slug="la")
    translated = CountryGuidePageFactory(country="VN", slug="vn")
    add_english(translated)
    source = TranslationSource.objects.get(object_id=translated.translation_key, locale=translated.locale)
    client.force_login(editor)

    header = client.get(reverse("wagtailadmin_pages:edit", args=[translated.pk])).content.decode()
    assert reverse("wagtail_localize:update_translations", args=[source.pk]) in header

    html = client.get(reverse("wagtailadmin_explore", args=[untranslated.get_parent().pk])).content.decode()
    assert reverse("wagtail_localize:submit_page_translation", args=[untranslated.pk]) in html
    assert reverse("wagtail_localize:submit_page_translation", args=[translated.pk]) not in html
    assert reverse("wagtail_localize:update_translations", args=[source.pk]) in html

    bare = CountryGuidePage.objects.get(pk=translated.pk)  # not from the explorer: no annotations
    urls = [button.url for button in translation_buttons(bare, editor)]
    assert urls == [reverse("wagtail_localize:update_translations", args=[source.pk])]


def test_move_and_delete_are_decided_as_wagtail_decides(editor, reviewer, home):
    """FactsAwarePermissionTester.can_delete answers the editor's case
    (change without publish) itself, from page_facts: for a live subtree, a
    draft leaf and a draft under a live page, with and without ignore_bulk
    (Move), for an editor and a reviewer, it answers as Wagtail's
    PagePermissionTester does. Fails when an upgrade changes Wagtail's rule."""
    draft_parent = InformationPageFactory(title="草稿", slug="draft-parent", live=False)
    draft_child = InformationPageFactory(parent=draft_parent, title="草稿子页", slug="draft-child", live=False)
    live_guide = CountryGuidePageFactory(country="LA", slug="la")
    live_parent = live_guide.get_parent()
    answers = []
    for user in (editor, reviewer):
        for page in (live_guide, live_parent, draft_parent, draft_child):
            for ignore_bulk in (False, True):
                ours = FactsAwarePermissionTester(user, Page.objects.get(pk=page.pk)).can_delete(ignore_bulk)
                wagtails = PagePermissionTester(user, Page.objects.get(pk=page.pk)).can_delete(ignore_bulk)
                assert ours == wagtails, (user.username, page.slug, ignore_bulk)
                answers.append(ours)
    assert True in answers and False in answers


def test_the_workflow_is_found_as_wagtail_finds_it(home):
    """BasePage.get_workflow/has_workflow (one query) answer as Wagtail's
    Page.get_workflow/has_workflow: the site's review workflow from the
    root, a page's own workflow nearer, and none once both are inactive.
    Fails when an upgrade changes Wagtail's rule."""
    page = InformationPageFactory(title="流程", slug="workflow-page")
    own = Workflow.objects.create(name="own review", active=True)

    def both(page):
        ours, wagtails = Page.objects.get(pk=page.pk).specific, Page.objects.get(pk=page.pk).specific
        assert ours.has_workflow == Page.has_workflow.fget(wagtails)
        return ours.get_workflow(), Page.get_workflow(wagtails)

    ours, wagtails = both(page)
    assert ours == wagtails and ours is not None and ours != own
    WorkflowPage.objects.create(page=page, workflow=own)
    assert both(page) == (own, own)
    Workflow.objects.filter(active=True).update(active=False)
    assert both(page) == (None, None)


def test_a_page_header_shows_privacy_as_wagtail_decides(rf, home):
    """Wagtail's `test_page_is_public` tag, given the memo's paths by
    core.admin_memos.ViewRestrictionsMiddleware, answers as it does reading
    the database itself, before and after a restriction is added, and then
    asks nothing. Fails when Wagtail's tag no longer takes the request's
    paths (it would ask) or the memo misses the new restriction."""
    restricted = InformationPageFactory(title="内部", slug="internal")
    below = InformationPageFactory(parent=restricted, title="内部子页", slug="internal-child")
    public = InformationPageFactory(title="公开", slug="open")

    pages = (restricted, below, public)
    is_public = wagtailadmin_tags.test_page_is_public

    def answers():
        given = rf.get("/admin/")
        ViewRestrictionsMiddleware(lambda request: None)(given)
        list(given.all_page_view_restriction_paths)  # the memo, read once per publish
        with CaptureQueriesContext(connection) as queries:
            ours = [is_public({"request": given}, page) for page in pages]
        read = rf.get("/admin/")
        wagtails = [is_public({"request": read}, page) for page in pages]
        assert ours == wagtails and len(queries) == 0
        return ours

    assert answers() == [True, True, True]
    PageViewRestriction.objects.create(page=restricted, restriction_type=PageViewRestriction.LOGIN)
    assert answers() == [False, False, True]


def test_the_edit_view_decides_translation_as_wagtail_localize_does(rf, editor, home):
    """core.explorer's before_edit_page and action-menu items (in place of
    wagtail-localize's) answer from page_facts as wagtail-localize's own
    do: for a source page, its English translation (edited in the
    translation editor), a translation whose sync is disabled, and a page
    never translated. Fails when wagtail-localize changes its rule."""
    source = CountryGuidePageFactory(country="VN", slug="vn")
    translated = add_english(source)
    disabled_source = CountryGuidePageFactory(country="LA", slug="la")
    disabled = add_english(disabled_source)
    Translation.objects.filter(target_locale=disabled.locale, source__object_id=disabled.translation_key).update(
        enabled=False
    )
    alone = CountryGuidePageFactory(country="TH", slug="th")
    request = rf.get("/admin/")
    request.user = editor
    theirs_items = (
        localize_hooks.RestartTranslationPageActionMenuItem(),
        localize_hooks.ConvertToAliasPageActionMenuItem(),
    )
    ours_items = (RestartTranslationItem(), ConvertToAliasItem())
    shown = []
    for page in (source, translated, disabled, alone):
        ours, theirs = Page.objects.get(pk=page.pk).specific, Page.objects.get(pk=page.pk).specific
        ours_response, theirs_response = (
            edit_translation_instead(request, ours),
            localize_hooks.before_edit_page(request, theirs),
        )
        assert (ours_response is None) == (theirs_response is None), page.slug
        ours_shown = [item.is_shown({"view": "edit", "page": ours}) for item in ours_items]
        assert ours_shown == [item.is_shown({"view": "edit", "page": theirs}) for item in theirs_items], page.slug
        shown.extend(ours_shown)
    # The create view's context has no page.
    assert [item.is_shown({"view": "create"}) for item in ours_items] == [False, False]
    assert edit_translation_instead(request, Page.objects.get(pk=translated.pk).specific) is not None
    assert True in shown and False in shown

"""The abstract page every public page type extends."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page, PageViewRestriction, Workflow
from wagtail_localize.fields import SynchronizedField, TranslatableField

from core.links import absolute_url, site_root_url
from core.page_forms import BasePageForm
from core.slugs import free_slug, pinyin_slug

from .text import PlainTextFieldsMixin


class BasePage(PlainTextFieldsMixin, Page):
    """Slug synchronised across locales (the same URL words in every language),
    title and summary translated; the summary doubles as meta description.
    Text fields follow the plain-text rule (PlainTextFieldsMixin). A page
    saved without a slug gets one from its title in pinyin, in the admin
    (BasePageForm) and in any other save (full_clean, minimal_clean)."""

    summary = models.TextField(
        _("summary"), blank=True, help_text=_("One plain-text paragraph, used in lists and as the meta description.")
    )

    override_translatable_fields = [
        SynchronizedField("slug"),
        TranslatableField("summary"),
    ]

    content_panels = Page.content_panels + [FieldPanel("summary")]
    base_form_class = BasePageForm

    class Meta:
        abstract = True

    def slug_from_title(self, parent_page):
        """The title in pinyin ("page" if it has no letters), made unique among `parent_page`'s children."""
        return free_slug(
            pinyin_slug(self.title) or "page", lambda slug: Page._slug_is_available(slug, parent_page, self)
        )

    def _fill_slug(self):
        # Before Wagtail's own default (slugify(title), empty for a Chinese title).
        if not self.slug and self.title and (self.path or getattr(self, "_cached_parent_obj", None)):
            self.slug = self.slug_from_title(self.get_parent())

    def full_clean(self, *args, **kwargs):
        self._fill_slug()
        super().full_clean(*args, **kwargs)

    def minimal_clean(self):
        self._fill_slug()
        super().minimal_clean()

    def get_view_restrictions(self):
        # Asked on every page served; with no restriction anywhere on the site
        # (memoised per publish, edge/chrome.py) there is nothing to look up.
        from edge.chrome import restricted_paths

        if not restricted_paths():
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()

    def get_latest_revision(self):
        # A page without unpublished changes has one revision for both: the
        # admin's status panel asks for the latest, then the live one.
        revision = super().get_latest_revision()
        if revision is not None and revision.pk == self.live_revision_id:
            Page.live_revision.field.set_cached_value(self, revision)
        return revision

    @cached_property
    def scheduled_revision(self):
        # Wagtail's (the first revision approved to go live later) and the
        # latest revision in one query: the admin's status panel asks for
        # both (the explorer's page, the edit view). tests/performance/
        # test_admin_pages.py compares the two with Wagtail's.
        latest_field = Page.latest_revision.field
        wanted = Q(approved_go_live_at__isnull=False)
        if self.latest_revision_id is not None and not latest_field.is_cached(self):
            wanted |= Q(pk=self.latest_revision_id)
        scheduled = None
        for revision in self.revisions.filter(wanted).order_by("pk"):
            if revision.pk == self.latest_revision_id and not latest_field.is_cached(self):
                latest_field.set_cached_value(self, revision)
            if scheduled is None and revision.approved_go_live_at is not None:
                scheduled = revision
        return scheduled

    def get_workflow(self):
        # Wagtail's get_workflow (the active workflow of the page or its
        # nearest ancestor) in one query instead of four, read once per page
        # object: the edit view's action menu asks it and has_workflow for
        # each of its items. tests/performance/test_admin_pages.py compares
        # it with Wagtail's own.
        if not getattr(settings, "WAGTAIL_WORKFLOW_ENABLED", True):
            return None
        if "_active_workflow" not in self.__dict__:
            self._active_workflow = (
                Workflow.objects.filter(active=True, workflow_pages__page__in=self.get_ancestors(inclusive=True))
                .order_by("-workflow_pages__page__depth")
                .first()
            )
        return self._active_workflow

    @property
    def has_workflow(self):
        return self.get_workflow() is not None

    def permissions_for_user(self, user):
        # Reads the facts the admin's explorer fetched with its rows (core.explorer).
        from core.explorer import FactsAwarePermissionTester

        return FactsAwarePermissionTester(user, self)

    @property
    def meta_description(self):
        return self.search_description or self.summary

    def get_url_parts(self, request=None):
        """Wagtail's parts with the site's base URL (core.links) as the root, so
        Wagtail's own full URLs (the API's html_url, the admin's "view live")
        are the ones every other link uses, https on any port included (a Site
        record cannot say https on a port other than 443)."""
        parts = super().get_url_parts(request)
        if parts is None:
            return None
        site_id, _root_url, page_path = parts
        return site_id, site_root_url(), page_path

    def get_sitemap_urls(self, request=None):
        """Wagtail's entry, at the site's base URL (core.links) rather than the request's host."""
        return [{**url, "location": absolute_url(url["location"])} for url in super().get_sitemap_urls(request)]

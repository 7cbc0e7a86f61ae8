from dataclasses import dataclass
from functools import partial

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Locale, Page

from core.areas import content_area, live_and_public, public_only
from core.models import BasePage
from core.related import home_sections_html

FEATURED_MAX = 6
# Where visitors start, in this order, below the search box: the content
# areas' index pages, and the views named in VIEW_CHOICES.
FIRST_CHOICES = ("guides", "advisories", "events", "directory", "filing")
# A first choice that is a view, not an area's index page: (URL name, its title).
VIEW_CHOICES = {"filing": ("filing:start", _("Filing navigator"))}


@dataclass(frozen=True)
class FirstChoice:
    url: str
    title: str


def first_choices(locale, request=None):
    """The FIRST_CHOICES in `locale`, in that order: the live index pages of the
    areas (one query) and the views (in the active language)."""
    area_keys = [key for key in FIRST_CHOICES if key not in VIEW_CHOICES]
    models = [apps.get_model(content_area(key).index_model_label) for key in area_keys]
    type_ids = [ContentType.objects.get_for_model(model).pk for model in models]
    pages = {}
    for page in live_and_public(Page.objects.filter(locale=locale, content_type__in=type_ids)).order_by("path"):
        pages.setdefault(page.content_type_id, page)
    by_key = {
        key: FirstChoice(pages[type_id].get_url(request), pages[type_id].title)
        for key, type_id in zip(area_keys, type_ids, strict=True)
        if type_id in pages
    }
    by_key.update({key: FirstChoice(reverse(name), str(title)) for key, (name, title) in VIEW_CHOICES.items()})
    return [by_key[key] for key in FIRST_CHOICES if key in by_key]


class HomePage(BasePage):
    """The site's root in each locale: introduction, featured country guides,
    and the listings other apps contribute (latest advisories, upcoming events)."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link", "ul", "ol"])
    featured_guides = StreamField(
        [("guide", blocks.PageChooserBlock(page_type="guides.CountryGuidePage", label=_("Country guide")))],
        verbose_name=_("featured country guides"),
        blank=True,
        max_num=FEATURED_MAX,
    )

    content_panels = BasePage.content_panels + [FieldPanel("intro"), FieldPanel("featured_guides")]

    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        locale = self.locale or Locale.get_active()
        # Callables, which the template calls only when it renders the
        # fragment that shows them (a memoised fragment is not rendered).
        context["first_choices"] = partial(first_choices, self.locale_id, request)
        context["sections_html"] = home_sections_html(locale)
        context["missing_translation"] = request.GET.get("untranslated") == "1"
        return context

    def featured(self):
        """The featured guides that the public may read (one may since have
        been unpublished or restricted); when none is chosen (the demo, a new
        site) or none is still public, the most recently reviewed guides, so
        the block is not empty while there are guides."""
        featured = public_only([block.value.localized.specific for block in self.featured_guides if block.value])
        if not featured:
            guides = content_area("guides").public(self.locale_id).order_by("-reviewed", "title")
            featured = list(guides[:FEATURED_MAX])
        return featured


class InformationPage(BasePage):
    """A plain page of text: about the centre, privacy notice, accessibility statement."""

    body = RichTextField(_("body"), features=["h2", "h3", "bold", "italic", "link", "ol", "ul", "document-link"])

    content_panels = BasePage.content_panels + [FieldPanel("body")]

    parent_page_types = ["home.HomePage", "home.InformationPage"]

    class Meta:
        verbose_name = _("information page")

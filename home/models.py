from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Locale

from core.areas import content_area, public_only
from core.models import BasePage
from core.related import home_sections

FEATURED_MAX = 6


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
        # Only what the public may read: a featured guide may since have been unpublished or restricted.
        featured = public_only([block.value.localized.specific for block in self.featured_guides if block.value])
        if not featured:
            # None chosen (the demo, a new site) or none still public: the most
            # recently reviewed guides, so the block is not empty while there are guides.
            guides = content_area("guides").public(self.locale_id).order_by("-reviewed", "title")
            featured = list(guides[:FEATURED_MAX])
        context["featured"] = featured
        context["sections"] = home_sections(self.locale or Locale.get_active())
        context["missing_translation"] = request.GET.get("untranslated") == "1"
        return context


class InformationPage(BasePage):
    """A plain page of text: about the centre, privacy notice, accessibility statement."""

    body = RichTextField(_("body"), features=["h2", "h3", "bold", "italic", "link", "ol", "ul", "document-link"])

    content_panels = BasePage.content_panels + [FieldPanel("body")]

    parent_page_types = ["home.HomePage", "home.InformationPage"]

    class Meta:
        verbose_name = _("information page")

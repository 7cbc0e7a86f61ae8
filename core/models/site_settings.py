"""Site-wide details shown in the header and footer.

Values that are the same in every language (phone, e-mail, filing numbers,
government site marks, QR code) are a site setting; text that differs by
language (centre name, address, opening hours, organiser and host, site map
link, footer links) is a translatable snippet, one per locale,
looked up for the active locale with a fallback to the default locale.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Locale, Orderable, TranslatableMixin

from .text import PlainTextFieldsMixin


@register_setting(icon="cog")
class SiteSettings(BaseSiteSetting):
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    icp_number = models.CharField(_("ICP filing number"), max_length=60, blank=True)
    icp_url = models.URLField(_("ICP filing link"), blank=True, default="https://beian.miit.gov.cn/")
    psb_number = models.CharField(_("public security filing number"), max_length=60, blank=True)
    psb_url = models.URLField(_("public security filing link"), blank=True, default="https://beian.mps.gov.cn/")
    # The marks a Chinese government website carries in its footer, each
    # shown only when filled in: the identification code issued with the
    # site's registration (网站标识码), the link behind the 党政机关 mark
    # (only for an operator that holds one) and where to report an error on
    # the site (the national 政府网站找错 service or the centre's own form).
    government_site_code = models.CharField(_("government website identification code"), max_length=40, blank=True)
    party_government_mark_url = models.URLField(
        _("Party and government organ mark link"),
        blank=True,
        help_text=_("The verification address issued with the mark; leave it empty if the operator has none."),
    )
    error_report_url = models.CharField(
        _("error report link"),
        max_length=255,
        blank=True,
        help_text=_(
            "The national error-reporting service's address for this site, or a path such as /zh-hans/contact/"
        ),
    )
    wechat_qr = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("WeChat QR code"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldPanel("phone"),
        FieldPanel("email"),
        FieldPanel("icp_number"),
        FieldPanel("icp_url"),
        FieldPanel("psb_number"),
        FieldPanel("psb_url"),
        FieldPanel("government_site_code"),
        FieldPanel("party_government_mark_url"),
        FieldPanel("error_report_url"),
        FieldPanel("wechat_qr"),
    ]

    class Meta:
        verbose_name = _("site settings")


class CentreDetails(PlainTextFieldsMixin, TranslatableMixin, ClusterableModel):
    name = models.CharField(_("centre name"), max_length=120)
    address = models.CharField(_("address"), max_length=255, blank=True)
    opening_hours = models.CharField(_("opening hours"), max_length=255, blank=True)
    organiser = models.CharField(_("organiser"), max_length=120, blank=True)
    host = models.CharField(_("host organisation"), max_length=120, blank=True)
    site_map_url = models.CharField(
        _("site map link"), max_length=255, blank=True, help_text=_("A full URL or a path such as /zh-hans/guides/")
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("address"),
        FieldPanel("opening_hours"),
        FieldPanel("organiser"),
        FieldPanel("host"),
        FieldPanel("site_map_url"),
        InlinePanel("footer_links", label=_("footer links")),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("centre details")
        verbose_name_plural = _("centre details")

    def __str__(self):
        return self.name

    @classmethod
    def for_locale(cls, locale=None):
        """The details in the given (default: active) locale, else the default locale's."""
        locale = locale or Locale.get_active()
        candidates = cls.objects.filter(locale__in=[locale, Locale.get_default()]).prefetch_related("footer_links")
        by_locale = {details.locale_id: details for details in candidates}
        return by_locale.get(locale.pk) or next(iter(by_locale.values()), None)


class FooterLink(Orderable):
    details = ParentalKey(CentreDetails, on_delete=models.CASCADE, related_name="footer_links")
    label = models.CharField(_("label"), max_length=80)
    url = models.CharField(_("URL"), max_length=255, help_text=_("A full URL or a path such as /zh-hans/guides/"))

    panels = [FieldPanel("label"), FieldPanel("url")]

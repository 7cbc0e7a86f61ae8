from .images import LeadImagePlacement, LogoPlacement
from .mail import EmailDelivery
from .pages import BasePage
from .site_settings import CentreDetails, FooterLink, SiteSettings

__all__ = [
    "BasePage",
    "CentreDetails",
    "EmailDelivery",
    "FooterLink",
    "LeadImagePlacement",
    "LogoPlacement",
    "SiteSettings",
]

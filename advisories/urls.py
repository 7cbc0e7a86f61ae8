"""Included under i18n_patterns at advisories/: /<lang>/advisories/subscribe/ …
(advisories.models.pages.RESERVED_SLUGS keeps advisory slugs off these paths)."""

from django.urls import path

from advisories import views

app_name = "advisories"
urlpatterns = [
    path("subscribe/", views.subscribe, name="subscribe"),
    path("subscribe/sent/", views.subscribe_sent, name="subscribe-sent"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("manage/<str:token>/", views.manage, name="manage"),
    path("banners/dismiss/", views.dismiss_banner, name="dismiss-banner"),
]

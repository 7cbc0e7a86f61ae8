"""Admin URLs (mounted under /admin/events/ by wagtail_hooks.register_admin_urls)."""

from django.urls import path

from . import admin_views

app_name = "events_registrations"

urlpatterns = [
    path("registrations/", admin_views.event_list, name="events"),
    path("registrations/<int:event_id>/", admin_views.registration_list, name="list"),
    path("registrations/<int:event_id>/export.csv", admin_views.export, {"file_format": "csv"}, name="export_csv"),
    path("registrations/<int:event_id>/export.xlsx", admin_views.export, {"file_format": "xlsx"}, name="export_xlsx"),
    path("registrations/<int:event_id>/<int:registration_id>/check-in/", admin_views.check_in, name="check_in"),
]

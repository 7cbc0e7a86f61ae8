"""The subscriber list in the admin: personal data, so only for staff with
`advisories.view_subscriber` (see it, export it as CSV/XLSX) and
`advisories.delete_subscriber` (delete on request). Nobody adds or edits a
subscriber by hand: subscribers choose for themselves through double opt-in."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.generic import models as generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from advisories.models import Subscriber
from core.spreadsheets import FormulaSafeExportMixin


class SubscriberPermissionPolicy(ModelPermissionPolicy):
    READ_ONLY_REFUSED = frozenset({"add", "change"})

    def user_has_permission(self, user, action):
        if action in self.READ_ONLY_REFUSED:
            return False
        return super().user_has_permission(user, action)


class SubscriberIndexView(FormulaSafeExportMixin, generic.IndexView):
    # Deleting alone is not enough to list everyone's address.
    any_permission_required = ["view"]


class SubscriberInspectView(generic.InspectView):
    any_permission_required = ["view"]


class SubscriberViewSet(ModelViewSet):
    model = Subscriber
    icon = "mail"
    menu_label = _("Subscribers")
    menu_order = 800
    add_to_admin_menu = True
    index_view_class = SubscriberIndexView
    inspect_view_class = SubscriberInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields = ["language"]  # required by ModelViewSet; its add/edit views are refused by the policy
    list_display = ["email", "language", "confirmed_at", "created_at"]
    list_filter = ["language"]
    search_fields = ["email"]
    search_backend_name = None  # the database, not the search index: subscribers are never indexed
    list_export = ["email", "language", "countries", "kinds", "created_at", "confirmation_sent_at", "confirmed_at"]
    export_filename = "subscribers"
    inspect_view_fields = [
        "email",
        "language",
        "countries",
        "kinds",
        "created_at",
        "confirmation_sent_at",
        "confirmed_at",
    ]

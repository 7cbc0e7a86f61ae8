"""Admin views for spreadsheets: import (upload → preview → confirm) and export.

The uploaded rows wait in the editor's session between the preview and the
confirmation; the confirmation checks them again against the database, so a
change made meanwhile cannot slip through unchecked.
"""

import uuid

from django import forms
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.auth import permission_denied
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.permission_policies import ModelPermissionPolicy

from core.roles import is_translator_only
from core.vocabularies import ProviderKind, Service
from directory import spreadsheet
from directory.models import DirectoryEntry, EntryStatus

SESSION_KEY = "directory_import"
permission_policy = ModelPermissionPolicy(DirectoryEntry)


def index_url():
    return reverse("wagtailsnippets_directory_directoryentry:list")


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Spreadsheet"),
        help_text=_("A .csv (UTF-8) or .xlsx file of at most 5 MB, with the columns listed below."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )


class ImportView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "directory/admin/import.html"
    page_title = _("Import directory entries")
    header_icon = "upload"

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        may_write = permission_policy.user_has_permission(user, "add") and permission_policy.user_has_permission(
            user, "change"
        )
        if not may_write or is_translator_only(user):
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": index_url(), "label": DirectoryEntry._meta.verbose_name_plural},
            {"url": "", "label": self.page_title},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", UploadForm())
        context.update(
            columns=spreadsheet.columns(),
            kinds=ProviderKind.choices,
            statuses=EntryStatus.choices,
            services=Service.choices,
            export_csv_url=reverse("directory_export", args=["csv"]),
        )
        return context

    def post(self, request, *args, **kwargs):
        if "token" in request.POST:
            return self.confirm(request)
        form = UploadForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        try:
            table = spreadsheet.read_table(form.cleaned_data["file"])
        except spreadsheet.SpreadsheetError as error:
            form.add_error("file", str(error))
            return self.render_to_response(self.get_context_data(form=form))
        plan = spreadsheet.plan_import(table)
        token = ""
        if plan.is_valid:
            token = uuid.uuid4().hex
            request.session[SESSION_KEY] = {"token": token, "table": table, "filename": form.cleaned_data["file"].name}
        return self.render_to_response(
            self.get_context_data(plan=plan, token=token, filename=form.cleaned_data["file"].name)
        )

    def confirm(self, request):
        stored = request.session.get(SESSION_KEY)
        if not stored or stored.get("token") != request.POST["token"]:
            messages.error(request, _("That import has expired or was already done: upload the file again."))
            return redirect("directory_import")
        plan = spreadsheet.plan_import(stored["table"])
        if not plan.is_valid:
            del request.session[SESSION_KEY]
            return self.render_to_response(self.get_context_data(plan=plan, token="", filename=stored["filename"]))
        counts = spreadsheet.apply_import(plan, user=request.user)
        del request.session[SESSION_KEY]
        messages.success(
            request,
            _("Imported %(filename)s: %(created)d new, %(updated)d updated, %(unchanged)d unchanged.")
            % {
                "filename": stored["filename"],
                "created": counts[spreadsheet.CREATE],
                "updated": counts[spreadsheet.UPDATE],
                "unchanged": counts[spreadsheet.UNCHANGED],
            },
        )
        return redirect(index_url())


EXPORT_FORMATS = {
    "csv": ("text/csv; charset=utf-8", spreadsheet.to_csv),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", spreadsheet.to_xlsx),
}


def export_view(request, file_format):
    if file_format not in EXPORT_FORMATS:
        raise Http404
    if not permission_policy.user_has_any_permission(request.user, ["add", "change", "view"]):
        return permission_denied(request)
    content_type, write = EXPORT_FORMATS[file_format]
    response = HttpResponse(write(spreadsheet.export_table()), content_type=content_type)
    filename = f"directory-entries-{timezone.localdate().isoformat()}.{file_format}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response

"""The admin form every page type uses (core.models.BasePage.base_form_class)."""

from wagtail.admin.forms import WagtailAdminPageForm


class BasePageForm(WagtailAdminPageForm):
    """The slug may be left empty: it is then made from the title in pinyin
    (BasePage.slug_from_title), unique among the page's siblings. Wagtail
    would otherwise require it on the Promote tab, where an editor writing a
    Chinese title does not look (its own title-to-slug script drops Chinese)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "slug" in self.fields:
            self.fields["slug"].required = False

    def clean(self):
        if "slug" in self.fields and not self.cleaned_data.get("slug") and self.cleaned_data.get("title"):
            self.instance.title = self.cleaned_data["title"]
            self.cleaned_data["slug"] = self.instance.slug_from_title(self.parent_page)
        return super().clean()

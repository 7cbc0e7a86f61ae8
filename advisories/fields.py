"""The list of advisory kinds a subscriber chose (country lists are core.fields')."""

from core.fields import CodeListField
from core.vocabularies import AdvisoryKind


class KindListField(CodeListField):
    """Advisory kinds (core.vocabularies.AdvisoryKind)."""

    def is_known(self, code):
        return code in AdvisoryKind.values

    def form_choices(self):
        return AdvisoryKind.choices

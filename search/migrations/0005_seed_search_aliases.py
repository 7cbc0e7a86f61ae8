"""The alias dictionary's first groups (formerly search/synonyms.txt, now
bilingual), and Editors' and Reviewers' right to maintain it. Country names in
both languages need no group: search.aliases adds them from CLDR."""

from django.db import migrations

from core.roles import EDITORS, REVIEWERS, grant

DEFAULT_ALIASES = [
    ("西港\n西哈努克港\n西哈努克\nSihanoukville\nSihanouk", "Sihanoukville, Cambodia"),
    ("阿联酋\n阿拉伯联合酋长国\nUAE", "United Arab Emirates"),
    ("东盟\n东南亚国家联盟\nASEAN\nAssociation of Southeast Asian Nations", ""),
    ("知识产权\nIP\nintellectual property", ""),
    ("ODI\noutbound direct investment\n对外直接投资\n境外直接投资", "Outbound direct investment"),
    ("SEZ\nspecial economic zone\n经济特区", ""),
    ("RMB\nrenminbi\n人民币", ""),
    ("FX\nforeign exchange\n外汇", ""),
    ("BRI\nBelt and Road\n一带一路\nBelt and Road Initiative", ""),
    ("RCEP\nRegional Comprehensive Economic Partnership\n区域全面经济伙伴关系协定", ""),
    ("HK\nHong Kong\n香港\n中国香港", "CLDR's names (中国香港特别行政区, Hong Kong SAR, China) are added automatically"),
    ("Macao\nMacau\n澳门\n中国澳门", "CLDR's names are added automatically"),
    ("港澳\nHong Kong and Macao\nHK/Macao", ""),
]


def seed(apps, schema_editor):
    SearchAlias = apps.get_model("search", "SearchAlias")
    for terms, note in DEFAULT_ALIASES:
        SearchAlias.objects.get_or_create(terms=terms, defaults={"note": note})
    for group in (EDITORS, REVIEWERS):
        grant(
            apps,
            group,
            "search",
            "searchalias",
            "add_searchalias",
            "change_searchalias",
            "delete_searchalias",
            "view_searchalias",
        )


class Migration(migrations.Migration):
    dependencies = [("search", "0004_search_alias"), ("core", "0002_editorial_roles")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]

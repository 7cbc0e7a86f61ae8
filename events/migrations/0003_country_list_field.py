"""Countries stored the one way every area stores them (core.fields): the
JSON list as a CountryListField and its "|KH|VN|" tokens, instead of the
events' own " KH VN " column. Existing events get their tokens from their
list (uppercased, sorted, unique, as the field now keeps it)."""

from django.db import migrations

import core.fields


def fill_country_tokens(apps, schema_editor):
    EventPage = apps.get_model("events", "EventPage")
    for event in EventPage.objects.only("pk", "countries").iterator():
        countries = core.fields.normalise_codes(event.countries, upper=True)
        EventPage.objects.filter(pk=event.pk).update(
            countries=countries, country_tokens=core.fields.token_string(countries)
        )


def fill_countries_token(apps, schema_editor):
    EventPage = apps.get_model("events", "EventPage")
    for event in EventPage.objects.only("pk", "countries").iterator():
        codes = event.countries or []
        EventPage.objects.filter(pk=event.pk).update(countries_token=f" {' '.join(codes)} " if codes else "")


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0002_event_manager_permissions"),
    ]

    operations = [
        migrations.AddField(
            model_name="eventpage",
            name="country_tokens",
            field=core.fields.CountryTokensField("countries"),
        ),
        migrations.AlterField(
            model_name="eventpage",
            name="countries",
            field=core.fields.CountryListField(blank=True, default=list, verbose_name="countries concerned"),
        ),
        migrations.RunPython(fill_country_tokens, fill_countries_token),
        migrations.RemoveField(
            model_name="eventpage",
            name="countries_token",
        ),
    ]

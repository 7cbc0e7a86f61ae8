from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(
            name="ImportKey",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "list_name",
                    models.CharField(
                        choices=[
                            ("guides", "guides"),
                            ("advisories", "advisories"),
                            ("events", "events"),
                            ("directory", "directory"),
                        ],
                        max_length=20,
                        verbose_name="list",
                    ),
                ),
                ("key", models.CharField(max_length=100, verbose_name="key")),
                ("translation_key", models.UUIDField(verbose_name="translation key")),
            ],
            options={
                "verbose_name": "import key",
                "verbose_name_plural": "import keys",
                "constraints": [
                    models.UniqueConstraint(fields=("list_name", "key"), name="interchange_unique_key_per_list"),
                    models.UniqueConstraint(
                        fields=("list_name", "translation_key"), name="interchange_one_key_per_item_per_list"
                    ),
                ],
            },
        ),
    ]

"""Every model change has its migration: branches merged side by side (a
vocabulary's choices, a field's validators) once left one behind, which
`migrate` on a fresh machine would not notice and production would lack."""

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_no_model_change_is_without_its_migration():
    # --check exits non-zero (SystemExit) when makemigrations would write a migration.
    call_command("makemigrations", check=True, dry_run=True, verbosity=0)

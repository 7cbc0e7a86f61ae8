"""The navigator's vocabularies: who invests, how, how sensitive, which kind of
procedure at which level. Apart from the models so that the content bundle's
validator (interchange/validation.py) can check them without the models."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class InvestorType(models.TextChoices):
    CENTRAL = "central-soe", _("Central state-owned enterprise")
    LOCAL = "local", _("Local enterprise (state-owned or private)")
    OTHER = "other", _("Other investor")


class Mode(models.TextChoices):
    NEW = "new", _("New project")
    ACQUISITION = "acquisition", _("Acquisition")
    CAPITAL_INCREASE = "capital-increase", _("Capital increase")
    HOLDING_COMPANY = "holding-company", _("Through an overseas holding company")


class Financing(models.TextChoices):
    OWN_FUNDS = "own-funds", _("Own funds")
    DOMESTIC_LOAN = "domestic-loan", _("Loan from a bank in China")
    DOMESTIC_GUARANTEE = "domestic-guarantee", _("Loan abroad guaranteed from China")
    RAISED_ABROAD = "raised-abroad", _("Raised abroad only")


class Sensitivity(models.TextChoices):
    ANY = "any", _("Sensitive or not")
    SENSITIVE = "sensitive", _("Sensitive projects only")
    NOT_SENSITIVE = "not-sensitive", _("Non-sensitive projects only")


class AmountCondition(models.TextChoices):
    ANY = "any", _("Any amount")
    AT_OR_ABOVE = "at-or-above", _("At or above the threshold")
    BELOW = "below", _("Below the threshold")


class ProcedureKind(models.TextChoices):
    DEVELOPMENT_REFORM = "development-reform", _("Development and reform: project filing or approval")
    COMMERCE = "commerce", _("Commerce: filing or approval")
    FOREIGN_EXCHANGE = "foreign-exchange", _("Foreign exchange registration")
    REPORT = "report", _("Reports")


class Level(models.TextChoices):
    NATIONAL = "national", _("National")
    PROVINCIAL = "provincial", _("Provincial")
    CITY = "city", _("City")
    BANK = "bank", _("At a bank")

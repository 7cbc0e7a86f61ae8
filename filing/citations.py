"""A rule's citation: the policy document (policies.PolicyPage) it comes from.

A rule whose policy is marked repealed is not applied (models.RuleQuerySet.in_force)
and editors see it on their dashboard (wagtail_hooks.RepealedCitationsPanel)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from core.vocabularies import PolicyStatus

REPEALED = PolicyStatus.REPEALED


class Citation(models.Model):
    policy = models.ForeignKey(
        "policies.PolicyPage",
        verbose_name=_("policy document"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="cited_by_%(class)s",
        help_text=_("The document this rule comes from. When it is marked repealed, the rule is no longer applied."),
    )

    class Meta:
        abstract = True


CITATION_PANELS = [FieldPanel("policy")]

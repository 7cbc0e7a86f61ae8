"""Deleting a source-language entry deletes its translations: they only
mirror it (their structure is copied from it), and a translation left behind
would stay public with nothing to withdraw it. Saving a listed entry with a
logo makes the logo's renditions in the background (an entry has no publish
step: listed is public)."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Locale

from core.tasks import renditions_after_publishing
from directory.models import DirectoryEntry, EntryStatus


@receiver(post_save, sender=DirectoryEntry)
def logo_renditions_when_listed(sender, instance, raw=False, **kwargs):
    if not raw and instance.logo_id and instance.status == EntryStatus.LISTED:
        renditions_after_publishing(instance)


@receiver(post_delete, sender=DirectoryEntry)
def delete_translations_with_their_source(sender, instance, **kwargs):
    if instance.locale_id == Locale.get_default().pk:
        for translation in DirectoryEntry.objects.filter(translation_key=instance.translation_key).exclude(
            pk=instance.pk
        ):
            translation.delete()

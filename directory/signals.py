"""Deleting a source-language entry deletes its translations: they only
mirror it (their structure is copied from it), and a translation left behind
would stay public with nothing to withdraw it."""

from django.db.models.signals import post_delete
from django.dispatch import receiver
from wagtail.models import Locale

from directory.models import DirectoryEntry


@receiver(post_delete, sender=DirectoryEntry)
def delete_translations_with_their_source(sender, instance, **kwargs):
    if instance.locale_id == Locale.get_default().pk:
        for translation in DirectoryEntry.objects.filter(translation_key=instance.translation_key).exclude(
            pk=instance.pk
        ):
            translation.delete()

from .applications import ListingApplication
from .entries import DirectoryEntry, DirectoryEntryQuerySet, EntryStatus
from .pages import DirectoryPage

__all__ = ["DirectoryEntry", "DirectoryEntryQuerySet", "DirectoryPage", "EntryStatus", "ListingApplication"]

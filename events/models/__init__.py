from .pages import EventIndexPage, EventPage, RegistrationState
from .registrations import MAX_ATTENDEES, Registration

__all__ = ["EventIndexPage", "EventPage", "MAX_ATTENDEES", "Registration", "RegistrationState"]

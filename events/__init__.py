"""Training events and registration for them: see README.md in this folder."""

"""Modal dialogs of the desktop app."""

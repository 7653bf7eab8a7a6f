"""The desktop app (PySide6). Only this package imports Qt; it reaches the store through tcdesk.services."""

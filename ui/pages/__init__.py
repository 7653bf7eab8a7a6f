"""The pages of the main window, one module each, built on first use (see ui.main_window.PAGES)."""

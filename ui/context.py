"""What every page shares: the store, the current country, and the signals that tell pages to refresh.

Pages receive this object instead of reaching for the main window, so a page can be built and tested on
its own, and the main window stays the only place that decides *when* things change.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from tcdesk.paths import DataDir
from tcdesk.services import overview, settings
from tcdesk.store.db import Store


class AppContext(QObject):
    countryChanged = Signal(str)
    """The user picked another country (ISO3, or "" when the store holds none)."""
    dataChanged = Signal()
    """Something in the store changed (an edit, an import, demo data removed): figures are stale."""

    def __init__(self, store: Store, parent: QObject | None = None):
        super().__init__(parent)
        self.store = store
        self._country = ""
        self._names: dict[str, str] = {}

    @property
    def data_dir(self) -> DataDir:
        return self.store.data_dir

    @property
    def country(self) -> str:
        return self._country

    def reload_countries(self) -> list[tuple[str, str]]:
        """(iso3, name) of the countries in the store, read again; names are kept for the pages."""
        available = overview.countries_in_store(self.store)
        self._names = dict(available)
        return available

    def country_name(self, iso3: str) -> str:
        return self._names.get(iso3, iso3)

    def initial_country(self, available: list[tuple[str, str]]) -> str:
        """The country saved last time when it is still in the store, else the first one, else ""."""
        codes = [iso3 for iso3, _name in available]
        saved = settings.get(self.store, settings.CURRENT_COUNTRY)
        if saved in codes:
            return saved
        return codes[0] if codes else ""

    def set_country(self, iso3: str) -> None:
        if iso3 == self._country:
            return
        self._country = iso3
        if iso3:
            settings.put(self.store, settings.CURRENT_COUNTRY, iso3)
        self.countryChanged.emit(iso3)

    def notify_data_changed(self) -> None:
        self.dataChanged.emit()

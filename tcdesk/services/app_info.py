"""What the desktop shell needs to know about this installation beyond the figures: demo data and start-up.

The demo is loaded once, on the very first start of an empty store, so that a new user sees a working
desk. Once the user removes it, the choice is remembered (``demo_declined``) so that the next start of
the now empty store does not bring it back. ``tcdesk.services.demo`` is imported lazily: it is only
needed on a first start or when the user removes the demo.
"""

from __future__ import annotations

from tcdesk.services import overview, settings
from tcdesk.store.db import Store

DEMO_DECLINED = "demo_declined"


def demo_declined(store: Store) -> bool:
    return settings.get(store, DEMO_DECLINED) == "1"


def wants_first_demo(store: Store) -> bool:
    """True on a first start: the store holds no country at all and the user never removed the demo."""
    return not overview.countries_in_store(store) and not demo_declined(store)


def load_first_demo(store: Store) -> bool:
    """Load the demo when :func:`wants_first_demo`; True when it was loaded."""
    if not wants_first_demo(store):
        return False
    from tcdesk.services import demo

    demo.load_demo(store)
    return True


def demo_loaded(store: Store) -> bool:
    from tcdesk.services import demo

    return bool(demo.is_demo_loaded(store))


def demo_country() -> str:
    from tcdesk.services import demo

    return demo.DEMO_ISO3


def remove_demo(store: Store) -> None:
    """Remove the demo data and remember not to load it again on the next start."""
    from tcdesk.services import demo

    demo.remove_demo(store)
    settings.put(store, DEMO_DECLINED, "1")


def load_demo_again(store: Store) -> None:
    """Bring the demo back on request (Settings page) after it was removed."""
    from tcdesk.services import demo

    settings.put(store, DEMO_DECLINED, "")
    demo.load_demo(store)

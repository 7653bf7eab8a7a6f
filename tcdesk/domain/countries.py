"""ISO 3166-1 alpha-3 country codes.

Validation uses pycountry's copy of the ISO list, plus the ranges ISO reserves for user assignment
(AAA-AAZ, QMA-QZZ, XAA-XZZ, ZZA-ZZZ): UN practice uses some of them (``XKX``) and the bundled demo
country lives in one, so no real country is ever confused with demo data.
"""

from __future__ import annotations

import re
from functools import cache

_SHAPE = re.compile(r"^[A-Z]{3}$")


def is_user_assigned(code: str) -> bool:
    return bool(_SHAPE.match(code)) and (
        code.startswith("AA") or "QMA" <= code <= "QZZ" or code[0] == "X" or code.startswith("ZZ")
    )


@cache
def _official() -> dict[str, str]:
    import pycountry  # imported lazily: start-up never needs the full ISO table

    return {c.alpha_3: c.name for c in pycountry.countries}


def is_iso3(code: str) -> bool:
    return bool(_SHAPE.match(code)) and (code in _official() or is_user_assigned(code))


def country_name(code: str) -> str:
    """The ISO short name, or the code itself when ISO has none (user-assigned codes)."""
    return _official().get(code, code)

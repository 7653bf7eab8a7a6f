"""Time as the exchange contract writes it (UTC, whole seconds)."""

from datetime import UTC, date, datetime


def utc_now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def today() -> str:
    return date.today().isoformat()

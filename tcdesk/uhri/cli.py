"""``tcdesk import FILE`` for UHRI exports: called by ``tcdesk.cli`` when ``detect`` says UHRI.

Follows the command line's contract: 0 on success, 1 when the file is refused (the reason and the listed
problems on standard error, nothing changed). Flags read from ``args`` (missing ones take their default,
so the caller's parser may lack them): ``preview``, ``skip_unusable``, ``country`` (a list of ISO3 codes).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from tcdesk.services import uhri_import
from tcdesk.store.db import Store
from tcdesk.sync.errors import Cancelled
from tcdesk.uhri import mapping


def _progress(enabled: bool):  # type: ignore[no-untyped-def]
    def report(fraction: float, message: str) -> None:
        if enabled:
            print(f"[{fraction:4.0%}] {message}", file=sys.stderr, flush=True)

    return report


def country_codes(values: list[str] | None) -> tuple[list[str] | None, list[str]]:
    """``--country`` values as ISO3 codes (names and ISO2 codes are accepted too), and those not recognised."""
    if not values:
        return None, []
    codes: list[str] = []
    unknown: list[str] = []
    for value in values:
        for part in value.split(","):
            if not part.strip():
                continue
            code = mapping.map_country(part.strip().upper() if len(part.strip()) <= 3 else part.strip())
            (codes if code else unknown).append(code or part.strip())
    return codes, unknown


def run_import(store: Store, path: Path, args: argparse.Namespace) -> int:
    """Preview (``--preview``) or import a UHRI export and print the report; returns the exit status."""
    preview = bool(getattr(args, "preview", False))
    skip_unusable = bool(getattr(args, "skip_unusable", False))
    countries, unknown = country_codes(getattr(args, "country", None))
    if unknown:
        print(f"tcdesk: --country: not a country: {', '.join(unknown)}", file=sys.stderr)
        return 2
    progress = _progress(os.environ.get("TCDESK_PROGRESS") == "1")
    try:
        if preview:
            outcome = uhri_import.preview_uhri(store, Path(path), countries=countries, progress=progress)
        else:
            outcome = uhri_import.import_uhri(
                store, Path(path), skip_unusable=skip_unusable, countries=countries, progress=progress
            )
    except Cancelled as exc:
        print(f"tcdesk: {exc}", file=sys.stderr)
        return 1
    if outcome.refused:
        print(f"tcdesk: {outcome.report()}", file=sys.stderr)
        return 1
    print(outcome.report())
    return 0

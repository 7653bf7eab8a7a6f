"""``tcdesk clusters suggest ISO3 [--json] [-k N]``: the suggestions of the GUI's "Suggest clusters", in a terminal.

Only argparse is imported here: ``tcdesk --version`` and ``--help`` build every parser, and must not pay
for numpy. The store and the clustering are imported when the command runs. Exit status follows the
command-line contract: 0 done, 1 input refused (reason on standard error), 2 usage error (argparse).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tcdesk.store.db import Store


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected at least 1, got {value}")
    return value


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Add ``clusters`` (with its ``suggest`` action) to the ``tcdesk`` command's subparsers."""
    clusters = subparsers.add_parser("clusters", help="thematic clusters of a country's recommendations")
    actions = clusters.add_subparsers(dest="clusters_command", metavar="ACTION", required=True)
    suggest = actions.add_parser(
        "suggest",
        help="suggest clusters for the recommendations of ISO3 that are in no cluster yet (changes nothing)",
        description="Groups built from the texts, themes, affected persons and SDG targets, each with a "
        "proposed title and the words and themes that explain it. Nothing is written to the store.",
    )
    suggest.add_argument("iso3", metavar="ISO3", help="the country, e.g. KEN")
    suggest.add_argument("--json", action="store_true", help="print a JSON list instead of text")
    suggest.add_argument("-k", type=_positive, metavar="N", help="how many clusters (default: about √(n/2))")
    return clusters


def run(store: Store, args: argparse.Namespace) -> int:
    from tcdesk.services.clustering import suggest_clusters

    iso3 = args.iso3.strip().upper()
    if len(iso3) != 3 or not iso3.isalpha() or not iso3.isascii():
        print(f"tcdesk: {args.iso3!r} is not an ISO 3166-1 alpha-3 country code (e.g. KEN)", file=sys.stderr)
        return 1
    show_progress = os.environ.get("TCDESK_PROGRESS") == "1"

    def progress(fraction: float, message: str) -> None:
        if show_progress:
            print(f"[{fraction:4.0%}] {message}", file=sys.stderr, flush=True)

    suggestions = suggest_clusters(store, iso3, progress=progress, k=args.k)
    if args.json:
        json.dump([s.as_json() for s in suggestions], sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    if not suggestions:
        print(f"{iso3}: no unclustered recommendations")
        return 0
    total = sum(s.size for s in suggestions)
    print(f"{iso3}: {total} unclustered recommendations, {len(suggestions)} suggested clusters")
    width = len(str(len(suggestions)))
    for number, suggestion in enumerate(suggestions, start=1):
        print(f"{number:>{width}}. {suggestion.title} ({suggestion.size})")
        print(f"{'':>{width}}  {suggestion.explanation}")
    return 0

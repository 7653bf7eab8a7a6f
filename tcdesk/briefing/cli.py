"""``tcdesk briefing ISO3 OUT.pdf``: the briefing from the command line.

    tcdesk [--data-dir DIR] briefing ISO3 OUT.pdf [--sections cover,figures,clusters,checklist,projects,annex]
        [--marking "UN internal"] [--all-clusters] [--not-implemented-only]

Exit status 0 with the file written; 1 with the reason on standard error for an unknown country or a
missing font (nothing written); 2 for a usage error such as an unknown section (argparse). This module
imports nothing heavy: reportlab is loaded only when a briefing is built.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from tcdesk.briefing import DEFAULT_MARKING, SECTIONS, BriefingOptions, MissingFont

if TYPE_CHECKING:
    from tcdesk.store.db import Store


def sections_argument(value: str) -> tuple[str, ...]:
    chosen = tuple(s.strip().lower() for s in value.split(",") if s.strip())
    unknown = [s for s in chosen if s not in SECTIONS]
    if unknown or not chosen:
        problem = f"unknown section {', '.join(unknown)}" if unknown else "no section given"
        raise argparse.ArgumentTypeError(f"{problem} (sections: {','.join(SECTIONS)})")
    return chosen


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "briefing",
        help="write a PDF briefing on one country",
        description="Write a PDF briefing on one country from the store: cover and contents, key figures, "
        "the clusters and their key recommendations, the CCA checklist, the project portfolio and an annex "
        "listing the recommendations by cluster.",
    )
    parser.add_argument("iso3", metavar="ISO3", help="the country, e.g. KEN")
    parser.add_argument("file", metavar="OUT.pdf")
    parser.add_argument(
        "--sections",
        type=sections_argument,
        default=SECTIONS,
        metavar="LIST",
        help=f"comma-separated, in any order (default: all): {','.join(SECTIONS)}",
    )
    parser.add_argument(
        "--marking",
        default=DEFAULT_MARKING,
        help=f'classification marking on every page (default: "{DEFAULT_MARKING}")',
    )
    parser.add_argument("--all-clusters", action="store_true", help="every cluster, not only the high-priority ones")
    parser.add_argument(
        "--not-implemented-only", action="store_true", help="leave out recommendations already implemented"
    )
    return parser


def run(store: Store, args: argparse.Namespace) -> int:
    from tcdesk.briefing import build_briefing
    from tcdesk.services.briefing_data import UnknownCountry

    options = BriefingOptions(
        sections=tuple(args.sections),
        marking=args.marking,
        all_clusters=args.all_clusters,
        not_implemented_only=args.not_implemented_only,
    )
    iso3 = args.iso3.strip().upper()
    try:
        result = build_briefing(store, iso3, Path(args.file), options)
    except UnknownCountry as exc:
        print(f"tcdesk: {exc}", file=sys.stderr)
        return 1
    except MissingFont as exc:
        print(f"tcdesk: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"tcdesk: cannot write {args.file}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    print(f"{result.path}: {result.pages} pages ({', '.join(options.sections)})")
    return 0

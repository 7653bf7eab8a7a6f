"""The ``tcdesk`` command line (ARCHITECTURE.md): a contract that scripts and HQ tooling rely on.

Exit status: 0 on success; 1 when the input is refused (the reason on standard error, nothing changed);
2 for a usage error. Commands run against the store in ``--data-dir`` / ``TCDESK_DATA_DIR`` / the user
data directory. Without a command the desktop app starts: the GUI launcher passes itself in as ``gui`` so
that this core module never imports Qt.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

from tcdesk import __version__, paths
from tcdesk.domain.validation import InvalidValue
from tcdesk.services import records, settings
from tcdesk.store.db import Store, StoreError, open_store

Gui = Callable[[paths.DataDir], int]


class Refused(Exception):
    """Input refused: reported on stderr with exit status 1."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tcdesk",
        description="tcdesk: the Human Rights Adviser's offline desk. Without a command, starts the desktop app.",
    )
    parser.add_argument("--version", action="version", version=f"tcdesk {__version__}")
    parser.add_argument("--data-dir", metavar="DIR", help=f"data folder (default: ${paths.ENV_VAR} or the user data folder)")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    office = commands.add_parser("office", help="show or set this installation's office code (e.g. KEN-HRA, HQ)")
    office.add_argument("code", nargs="?", help="2-32 characters of A-Z, 0-9 and -")

    edit = commands.add_parser(
        "edit",
        help="edit a record exactly as the app would (validated, new revision, marked to send)",
        description="Lists take one item per line: pass them with a line feed between items.",
    )
    edit.add_argument("table", help="a record sheet of the package format, e.g. recommendations")
    edit.add_argument("uid")
    edit.add_argument("assignments", nargs="+", metavar="COLUMN=VALUE")
    return parser


def _office(store: Store, code: str | None) -> int:
    if code is None:
        current = settings.office_code(store)
        print(current or "(no office code set: tcdesk office CODE)")
        return 0
    try:
        print(f"office code set to {settings.set_office_code(store, code)}")
    except InvalidValue as exc:
        raise Refused(str(exc)) from None
    return 0


def _parse_assignments(parser: argparse.ArgumentParser, items: Sequence[str]) -> dict[str, str]:
    changes: dict[str, str] = {}
    for item in items:
        name, sep, value = item.partition("=")
        if not sep or not name:
            parser.error(f"expected COLUMN=VALUE, got {item!r}")
        changes[name.strip()] = value
    return changes


def _edit(store: Store, table: str, uid: str, changes: dict[str, str]) -> int:
    try:
        before = records.get(store, table, uid)
        after = records.update(store, table, uid, changes)
    except (ValueError, LookupError) as exc:
        # EditRefused and an unknown table are ValueErrors, an unknown uid a LookupError.
        raise Refused(f"{table} {uid}: {exc}") from None
    if after["rev"] == before["rev"]:
        print(f"{table} {uid}: nothing changed (rev {after['rev']})")
    else:
        print(f"{table} {uid}: rev {before['rev']} -> {after['rev']} ({', '.join(sorted(changes))})")
    return 0


def main(argv: Sequence[str] | None = None, gui: Gui | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    data_dir = paths.resolve(args.data_dir)
    if args.command is None:
        if gui is None:
            parser.error("the desktop app is started by the 'tcdesk' launcher; give a COMMAND here")
        return gui(data_dir)
    changes = _parse_assignments(parser, args.assignments) if args.command == "edit" else {}
    try:
        store = open_store(data_dir)
    except StoreError as exc:
        print(f"tcdesk: {exc}", file=sys.stderr)
        return 1
    try:
        if args.command == "office":
            return _office(store, args.code)
        if args.command == "edit":
            return _edit(store, args.table, args.uid, changes)
        parser.error(f"unknown command {args.command}")  # pragma: no cover - argparse catches it
    except Refused as exc:
        print(f"tcdesk: {exc}", file=sys.stderr)
        return 1
    finally:
        store.close()
    return 0  # pragma: no cover


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

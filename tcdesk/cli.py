"""The ``tcdesk`` command line (ARCHITECTURE.md): a contract that scripts and HQ tooling rely on.

Exit status: 0 on success; 1 when the input is refused (the reason on standard error, nothing changed);
2 for a usage error. Commands run against the store in ``--data-dir`` / ``TCDESK_DATA_DIR`` / the user
data directory. Without a command the desktop app starts: the GUI launcher passes itself in as ``gui`` so
that this core module never imports Qt.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from tcdesk import __version__, paths
from tcdesk.briefing import cli as briefing_cli
from tcdesk.clustering import cli as clustering_cli

if TYPE_CHECKING:  # the data layer is imported only once a command runs: --version and --help stay instant
    from tcdesk.store.db import Store

Gui = Callable[[paths.DataDir], int]


class Refused(Exception):
    """Input refused: reported on stderr with exit status 1."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tcdesk",
        description="tcdesk: the Human Rights Adviser's offline desk. Without a command, starts the desktop app.",
    )
    parser.add_argument("--version", action="version", version=f"tcdesk {__version__}")
    parser.add_argument(
        "--data-dir", metavar="DIR", help=f"data folder (default: ${paths.ENV_VAR} or the user data folder)"
    )
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

    imp = commands.add_parser("import", help="import a tcdesk package (.xlsx) or a UHRI export (Excel or JSON)")
    imp.add_argument("file")
    imp.add_argument(
        "--allow-untrusted",
        action="store_true",
        help="accept an unsigned package or one signed by a key not in the trusted list, this once",
    )
    imp.add_argument("--preview", action="store_true", help="show what the import would do, change nothing")
    imp.add_argument(
        "--skip-unusable",
        action="store_true",
        help="UHRI exports: import the usable rows and leave out those listed as unusable (otherwise refused)",
    )
    imp.add_argument(
        "--country",
        action="append",
        metavar="ISO3",
        help="UHRI exports: import only recommendations concerning this country (repeatable; KEN,UGA works)",
    )

    exp = commands.add_parser("export", help="write a package for HQ (or, at HQ, for the field)")
    exp.add_argument("file")
    exp.add_argument("--full", action="store_true", help="every record, not only the changes HQ has not acknowledged")

    key = commands.add_parser("keys", help="this office's signing key and the trusted keys")
    key_commands = key.add_subparsers(dest="keys_command", metavar="ACTION", required=True)
    key_commands.add_parser("new", help="create this office's signing key")
    trust_cmd = key_commands.add_parser("trust", help="trust a public key file (tcdesk-ed25519 …)")
    trust_cmd.add_argument("pubfile")
    key_commands.add_parser("list", help="list trusted keys with their ids and labels")
    export_cmd = key_commands.add_parser("export", help="write this office's public key to a file")
    export_cmd.add_argument("pubfile")

    conflicts = commands.add_parser("conflicts", help="list open conflicts, or resolve one")
    conflicts.add_argument("--resolve", metavar="UID")
    conflicts.add_argument("--keep", choices=("mine", "theirs"))
    clustering_cli.add_parser(commands)
    briefing_cli.add_parser(commands)
    return parser


def _office(store: Store, code: str | None) -> int:
    from tcdesk.domain.validation import InvalidValue
    from tcdesk.services import settings

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
    from tcdesk.services import records

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


def _progress_printer(enabled: bool):  # type: ignore[no-untyped-def]
    def report(fraction: float, message: str) -> None:
        if enabled:
            print(f"[{fraction:4.0%}] {message}", file=sys.stderr, flush=True)

    return report


def _import(store: Store, args: argparse.Namespace) -> int:
    """A tcdesk package or a UHRI export, recognised by content (an unsafe file is refused either way)."""
    from pathlib import Path

    from tcdesk.services import exchange
    from tcdesk.uhri.detect import UHRI_KINDS, detect

    if detect(Path(args.file)) in UHRI_KINDS:
        from tcdesk.uhri.cli import run_import

        return run_import(store, Path(args.file), args)

    outcome = exchange.run_import(
        store,
        Path(args.file),
        apply=not args.preview,
        allow_untrusted=args.allow_untrusted,
        progress=_progress_printer(os.environ.get("TCDESK_PROGRESS") == "1"),
    )
    if outcome.refused:
        raise Refused(outcome.report())
    print(outcome.report())
    if outcome.allowed_untrusted:
        print("  (the package was not signed by a trusted key; you allowed it for this import, and the log says so)")
    return 0


def _export(store: Store, args: argparse.Namespace) -> int:
    from pathlib import Path

    from tcdesk.services import exchange

    summary = exchange.export_package(store, Path(args.file), full=args.full)
    rows = ", ".join(f"{n} {sheet}" for sheet, n in summary.rows.items()) or "no records (nothing changed)"
    print(
        f"{summary.path}: {summary.kind} {summary.package_id}, sequence {summary.sequence}, "
        f"{'signed' if summary.signed else 'unsigned (no office key: tcdesk keys new)'}"
    )
    print(f"  carries: {rows}")
    if summary.acknowledges:
        print(f"  acknowledges {len(summary.acknowledges)} field returns")
    return 0


def _keys(store: Store, args: argparse.Namespace) -> int:
    from pathlib import Path

    from tcdesk.services import trust

    if args.keys_command == "new":
        public = trust.create_office_key(store)
        print(f"created signing key {public.key_id} ({public.label}); send HQ its public key: tcdesk keys export FILE")
    elif args.keys_command == "trust":
        public, added = trust.trust_key_file(store, Path(args.pubfile))
        print(f"{'trusted' if added else 'already trusted'}: {public.key_id} {public.label}")
    elif args.keys_command == "export":
        public = trust.export_office_key(store, Path(args.pubfile))
        print(f"wrote public key {public.key_id} to {args.pubfile}")
    else:
        listed = trust.trusted_keys(store)
        for info in listed:
            print(f"{info.key_id}  {info.label}{'  (this office)' if info.is_own else ''}")
        if not listed:
            print("no trusted keys")
    return 0


def _conflicts(store: Store, args: argparse.Namespace) -> int:
    from tcdesk.services import conflicts

    if args.resolve:
        if not args.keep:
            raise Refused("--resolve needs --keep mine or --keep theirs")
        try:
            conflicts.resolve(store, args.resolve, args.keep)
        except LookupError as exc:
            raise Refused(str(exc)) from None
        print(f"conflict on {args.resolve} resolved: kept {args.keep}")
        return 0
    listed = conflicts.open_conflicts(store)
    for view in listed:
        fields = ", ".join(view.differing) + (", members/links" if view.children_differ else "")
        print(
            f"{view.table} {view.uid}  mine rev {view.mine.get('rev', '?')}, theirs rev {view.their_rev}"
            f"  differs in: {fields or 'metadata only'}"
        )
    if not listed:
        print("no open conflicts")
    return 0


COMMANDS = {
    "import": _import,
    "export": _export,
    "keys": _keys,
    "conflicts": _conflicts,
    "clusters": clustering_cli.run,
    "briefing": briefing_cli.run,
}


def main(argv: Sequence[str] | None = None, gui: Gui | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    data_dir = paths.resolve(args.data_dir)
    if args.command is None:
        if gui is None:
            parser.error("the desktop app is started by the 'tcdesk' launcher; give a COMMAND here")
        return gui(data_dir)
    changes = _parse_assignments(parser, args.assignments) if args.command == "edit" else {}
    from tcdesk.services.startup import open_app_store
    from tcdesk.store.db import StoreError
    from tcdesk.sync.errors import PackageRefused
    from tcdesk.sync.keys import KeyProblem

    try:
        store = open_app_store(data_dir)
    except StoreError as exc:
        print(f"tcdesk: {exc}", file=sys.stderr)
        return 1
    try:
        if args.command == "office":
            return _office(store, args.code)
        if args.command == "edit":
            return _edit(store, args.table, args.uid, changes)
        return COMMANDS[args.command](store, args)
    except (Refused, PackageRefused, KeyProblem) as exc:
        print(f"tcdesk: {exc}", file=sys.stderr)
        return 1
    finally:
        store.close()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

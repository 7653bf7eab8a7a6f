"""Entry point of the ``tcdesk`` command: the core's command line, with the desktop app as its default.

Qt is imported only when the desktop app actually starts, so ``tcdesk --version`` and every scripted
command stay fast and work on a machine without a display.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from tcdesk import cli
from tcdesk.paths import DataDir


def _start_gui(data_dir: DataDir) -> int:
    from ui.app import run

    return run(data_dir)


def main(argv: Sequence[str] | None = None) -> int:
    return cli.main(argv, gui=_start_gui)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

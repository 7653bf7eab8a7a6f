"""PyInstaller entry point of the frozen ``tcdesk``: the same ``main`` as the installed console script."""

import sys

from ui.launcher import main

if __name__ == "__main__":
    sys.exit(main())

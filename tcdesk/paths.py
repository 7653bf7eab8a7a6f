"""Where this installation keeps its data.

Order of precedence: an explicit ``--data-dir``, then ``TCDESK_DATA_DIR``, then a ``tcdesk-data`` folder
beside a frozen executable (portable mode, for a USB stick), then the user data directory that
platformdirs gives for the operating system.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

ENV_VAR = "TCDESK_DATA_DIR"
PORTABLE_FOLDER = "tcdesk-data"
DATABASE_NAME = "tcdesk.sqlite3"


@dataclass(frozen=True)
class DataDir:
    root: Path

    @property
    def database(self) -> Path:
        return self.root / DATABASE_NAME

    @property
    def backups(self) -> Path:
        return self.root / "backups"

    @property
    def keys(self) -> Path:
        return self.root / "keys"

    @property
    def logs(self) -> Path:
        return self.root / "logs"

    def ensure(self) -> DataDir:
        for folder in (self.root, self.backups, self.keys, self.logs):
            folder.mkdir(parents=True, exist_ok=True)
        return self


def portable_root() -> Path | None:
    """The portable data folder beside the frozen executable, when there is one."""
    if not getattr(sys, "frozen", False):
        return None
    candidate = Path(sys.executable).resolve().parent / PORTABLE_FOLDER
    return candidate if candidate.is_dir() else None


def resolve(explicit: str | os.PathLike[str] | None = None) -> DataDir:
    if explicit:
        return DataDir(Path(explicit).expanduser().resolve())
    if os.environ.get(ENV_VAR):
        return DataDir(Path(os.environ[ENV_VAR]).expanduser().resolve())
    portable = portable_root()
    if portable is not None:
        return DataDir(portable)
    import platformdirs

    return DataDir(Path(platformdirs.user_data_dir("tcdesk", "OHCHR", roaming=False)))

"""The canonical content of a package and its digest, exactly as PACKAGE-FORMAT.md defines them.

Computed from the cells as read (strings, header width, all-empty rows skipped), never from the store,
so that a package written by any tool verifies here and a package written here verifies anywhere.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence

UNSIGNED_KEYS = frozenset({"digest", "signer", "signature"})


_ENCODE = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode  # one encoder for every row
_BATCH = 5000


def _json_row(values: Sequence[str]) -> str:
    return _ENCODE(values if isinstance(values, list) else list(values))


def digest(
    manifest: Mapping[str, str],
    sheets: Mapping[str, tuple[Sequence[str], Iterable[Sequence[str]]]],
) -> str:
    """SHA-256 hex of the canonical content; ``sheets`` maps data sheet name → (header, rows).

    ``rows`` must already exclude the rows whose cells are all empty: only the reader sees cells beyond
    the header's last column, which decide whether a row is empty.
    """
    sha = hashlib.sha256()
    for key in sorted(k for k in manifest if k not in UNSIGNED_KEYS):
        sha.update(f"{key}={manifest[key]}\n".encode())
    for name in sorted(sheets):
        header, rows = sheets[name]
        width = len(header)
        lines = [f"#{name}", _json_row(header)]
        for values in rows:
            if len(values) != width:
                values = list(values[:width]) + [""] * (width - len(values))
            lines.append(_json_row(values))
            if len(lines) >= _BATCH:
                sha.update(("\n".join(lines) + "\n").encode("utf-8"))
                lines = []
        if lines:
            sha.update(("\n".join(lines) + "\n").encode("utf-8"))
    return sha.hexdigest()

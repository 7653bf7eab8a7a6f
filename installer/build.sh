#!/usr/bin/env bash
# Build the frozen tcdesk (PyInstaller, one folder) and its tarball:
#   dist/tcdesk/tcdesk                          the executable (run it in place; the folder is the app)
#   dist/tcdesk-<version>-linux-x86_64.tar.gz   what is distributed
# Usage: installer/build.sh        (from anywhere; needs .venv, made by `python3 bootstrap.py setup`)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
PY="$ROOT/.venv/bin/python"
if [ ! -x "$PY" ]; then
    echo "installer/build.sh: no .venv here: run python3 bootstrap.py setup first" >&2
    exit 1
fi
started=$(date +%s)

echo "== pip install -e .[build] (PyInstaller)"
"$PY" -m pip install --disable-pip-version-check -q -e ".[build]"

VERSION="$("$PY" -c 'from importlib.metadata import version; print(version("tcdesk"))')"
ARCH="$(uname -m)"
echo "== PyInstaller: tcdesk $VERSION -> dist/tcdesk/"
"$PY" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath "$ROOT/dist" --workpath "$ROOT/build/pyinstaller" "$ROOT/installer/tcdesk.spec"

# Desktop entry and icon beside the executable, for a Linux installation (see docs/install.md).
cp "$ROOT/resources/tcdesk.desktop" "$ROOT/resources/icons/tcdesk.svg" "$ROOT/dist/tcdesk/"

echo "== check: dist/tcdesk/tcdesk --version"
"$ROOT/dist/tcdesk/tcdesk" --version

TARBALL="$ROOT/dist/tcdesk-$VERSION-linux-$ARCH.tar.gz"
echo "== tarball: $TARBALL"
rm -f "$TARBALL"
tar -C "$ROOT/dist" -czf "$TARBALL" tcdesk

echo "== sizes"
du -sh "$ROOT/dist/tcdesk"
du -h "$TARBALL"
echo "== built in $(( $(date +%s) - started )) s"

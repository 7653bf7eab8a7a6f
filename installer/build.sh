#!/usr/bin/env bash
# Build the frozen tcdesk (PyInstaller, one folder) and its tarball:
#   dist/tcdesk/tcdesk                          the executable (run it in place; the folder is the app)
#   dist/tcdesk-<version>-linux-x86_64.tar.gz   what is distributed
# Usage: installer/build.sh        (from anywhere; needs .venv, made by `python3 bootstrap.py setup`)
#
# The build runs in its own virtual environment, build/frozen-venv, holding only what the app needs (no
# pytest, no scikit-learn...), at the versions the tests ran with in .venv (pip freeze as constraints).
# Its numpy is compiled without BLAS (numpy's own fallback routines): the PyPI wheel carries 26 MB of
# OpenBLAS and gfortran for the few small matrix products of "Suggest clusters" (5,000 recommendations:
# 1.9 s without BLAS, 1.1 s with; docs/performance.md). The compiled wheel is kept in build/wheels, so
# only the first build pays for it (about 4 minutes on 2 cores; needs gcc and the Python headers).
# TCDESK_NUMPY=pypi takes PyPI's wheel instead (no compiler needed; the folder is ~26 MB larger).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
PY="$ROOT/.venv/bin/python"
if [ ! -x "$PY" ]; then
    echo "installer/build.sh: no .venv here: run python3 bootstrap.py setup first" >&2
    exit 1
fi
started=$(date +%s)
VENV="$ROOT/build/frozen-venv"
FPY="$VENV/bin/python"
WHEELS="$ROOT/build/wheels"
CONSTRAINTS="$ROOT/build/constraints.txt"
PIP=(-m pip --disable-pip-version-check -q)

echo "== build/frozen-venv: the app's dependencies, at the versions of .venv"
[ -x "$FPY" ] || "$PY" -m venv "$VENV"
mkdir -p "$WHEELS"
"$PY" "${PIP[@]}" freeze --exclude-editable > "$CONSTRAINTS"
NUMPY_VERSION="$("$PY" -c 'from importlib.metadata import version; print(version("numpy"))')"

NUMPY_SOURCE="${TCDESK_NUMPY:-source}"
if [ "$NUMPY_SOURCE" != "pypi" ]; then
    WHEEL="$(ls "$WHEELS"/numpy-"$NUMPY_VERSION"-*.whl 2>/dev/null | head -n 1 || true)"
    if [ -z "$WHEEL" ]; then
        echo "== numpy $NUMPY_VERSION without BLAS: compiling it once into build/wheels (a few minutes)"
        # --no-cache-dir: pip's wheel cache does not tell wheels apart by build settings
        if "$FPY" "${PIP[@]}" wheel --no-cache-dir --no-deps --no-binary numpy -w "$WHEELS" \
            "numpy==$NUMPY_VERSION" -Csetup-args=-Dblas=none -Csetup-args=-Dlapack=none; then
            WHEEL="$(ls "$WHEELS"/numpy-"$NUMPY_VERSION"-*.whl | head -n 1)"
        else
            echo "installer/build.sh: WARNING: numpy could not be compiled (a C compiler and the Python headers" \
                "are needed; see above). Taking PyPI's numpy instead: the folder will be about 26 MB larger." >&2
            NUMPY_SOURCE="pypi"
        fi
    fi
fi
if [ "$NUMPY_SOURCE" = "pypi" ]; then
    echo "== numpy $NUMPY_VERSION from PyPI (with OpenBLAS)"
    "$FPY" "${PIP[@]}" install --force-reinstall --no-deps "numpy==$NUMPY_VERSION"
else
    echo "== numpy: $(basename "$WHEEL")"
    "$FPY" "${PIP[@]}" install --force-reinstall --no-deps "$WHEEL"
fi
"$FPY" "${PIP[@]}" install -c "$CONSTRAINTS" -e ".[build]"
TCDESK_NUMPY="$NUMPY_SOURCE" "$FPY" -c 'import os, sys, numpy
blas = numpy.show_config(mode="dicts")["Build Dependencies"]["blas"]["name"]
print(f"   numpy {numpy.__version__}, BLAS: {blas}")
if os.environ["TCDESK_NUMPY"] != "pypi" and blas != "none":
    sys.exit("installer/build.sh: the numpy in build/frozen-venv has BLAS; delete build/wheels and build again")'

VERSION="$("$FPY" -c 'from importlib.metadata import version; print(version("tcdesk"))')"
ARCH="$(uname -m)"
echo "== PyInstaller: tcdesk $VERSION -> dist/tcdesk/"
"$FPY" -m PyInstaller --noconfirm --clean --log-level WARN \
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

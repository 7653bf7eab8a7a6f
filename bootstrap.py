#!/usr/bin/env python3
"""Set up tcdesk from a fresh clone and start it or test it: the two commands of the README.

    python3 bootstrap.py start [TCDESK ARGS...]   set up, then start the desktop app (e.g. --data-dir D)
    python3 bootstrap.py test [PYTEST ARGS...]    set up, then ruff, lint-imports and pytest (offscreen Qt);
                                                  in CI also the frozen build and its smoke test

Set-up, each step skipped when already done so that repeated runs take well under a second:
1. the system libraries Qt needs (Debian/Ubuntu: checked with dpkg-query, installed with apt-get when run
   as root; otherwise the exact ``sudo apt-get install`` command is printed and nothing else happens);
2. ``.venv`` in the repository, created with the Python running this script;
3. the project installed into it in editable mode (``pip install -e .`` for start, ``-e ".[test]"`` for
   test), redone only when pyproject.toml changes: ``.venv/.setup-stamp`` records its sha256 and the extras.

Standard library only, so that it runs before anything is installed.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
STAMP = VENV / ".setup-stamp"
PYPROJECT = ROOT / "pyproject.toml"
WINDOWS = os.name == "nt"
MIN_PYTHON = (3, 11)

# Debian/Ubuntu package names. A tuple lists alternatives: Ubuntu 24.04 renamed some libraries (t64).
QT_OFFSCREEN = (
    "libegl1",
    "libgl1",
    "libxkbcommon0",
    "libfontconfig1",
    "libdbus-1-3",
    ("libglib2.0-0", "libglib2.0-0t64"),
    "fonts-dejavu-core",  # Latin, Cyrillic, Arabic
    "fonts-noto-cjk",  # Chinese in Qt
    "fonts-droid-fallback",  # CJK TrueType outlines for the PDF briefings (reportlab)
)
QT_X11 = (
    "libxcb-cursor0",
    "libxcb-icccm4",
    "libxcb-keysyms1",
    "libxcb-image0",
    "libxcb-randr0",
    "libxcb-render-util0",
    "libxcb-shape0",
    "libxcb-xkb1",
    "libxkbcommon-x11-0",
)
TEST_ONLY = ("poppler-utils",)  # pdftoppm, for the tests that render briefings

HELP = """\
usage: python3 bootstrap.py [--skip-system-packages] {start,test,setup} [ARGS...]

Set up tcdesk in this repository (.venv, system libraries for Qt, the project itself), then:

  start [ARGS...]   start the desktop app: .venv/bin/tcdesk ARGS (e.g. --data-dir DIR, --version)
  test [ARGS...]    run the whole suite: ruff check ., lint-imports, pytest ARGS (QT_QPA_PLATFORM=offscreen);
                    then, when those pass and CI is set (or TCDESK_BUILD_FROZEN=1), the frozen build
                    (installer/build.sh) and its smoke test (pytest tests/frozen -m frozen);
                    TCDESK_SKIP_FROZEN=1 skips that phase. The exit status is 1 when any step fails
  setup             only the set-up (with the test tools)

Set-up steps, each skipped when already done:
  - Debian/Ubuntu: the libraries and fonts Qt needs, checked with dpkg-query; when some are missing they are
    installed with apt-get if you are root, otherwise the sudo apt-get command to run is printed (exit 1).
    --skip-system-packages skips this check (other Linux systems skip it with a note).
  - .venv created with the Python running this script (3.11 or newer).
  - pip install -e . (start) or -e ".[test]" (test, setup); redone when pyproject.toml changes
    (.venv/.setup-stamp records its sha256 and the extras installed).
"""


def say(message: str) -> None:
    print(f"tcdesk setup: {message}", flush=True)


def took(started: float) -> str:
    return f"{time.monotonic() - started:.0f} s"


def fail(message: str, status: int = 1) -> int:
    print(f"tcdesk setup: {message}", file=sys.stderr, flush=True)
    return status


# --- system packages ---------------------------------------------------------------------------------


def wanted_packages(command: str) -> list[str | tuple[str, ...]]:
    packages: list[str | tuple[str, ...]] = [*QT_OFFSCREEN, *QT_X11]
    if command != "start":
        packages.extend(TEST_ONLY)
    if not _has_ensurepip():
        packages.append(f"python{sys.version_info[0]}.{sys.version_info[1]}-venv")
    return packages


def _has_ensurepip() -> bool:
    import importlib.util

    return VENV.joinpath("pyvenv.cfg").exists() or importlib.util.find_spec("ensurepip") is not None


def installed_packages(names: list[str]) -> set[str]:
    """The names among ``names`` that dpkg reports as installed (one dpkg-query call)."""
    result = subprocess.run(
        ["dpkg-query", "-W", "-f=${Package} ${Status}\n", *names],
        capture_output=True,
        text=True,
        check=False,
    )
    installed = set()
    for line in result.stdout.splitlines():
        name, _, status = line.partition(" ")
        if status.strip() == "install ok installed":
            installed.add(name.split(":")[0])
    return installed


def missing_packages(command: str) -> list[str]:
    wanted = wanted_packages(command)
    names = [n for item in wanted for n in (item if isinstance(item, tuple) else (item,))]
    installed = installed_packages(names)
    missing = []
    for item in wanted:
        choices = item if isinstance(item, tuple) else (item,)
        if not any(name in installed for name in choices):
            missing.append(_installable(choices))
    return missing


def _installable(choices: tuple[str, ...]) -> str:
    """The first alternative that apt knows (Debian: libglib2.0-0; Ubuntu 24.04: libglib2.0-0t64)."""
    if len(choices) == 1 or not shutil.which("apt-cache"):
        return choices[0]
    for name in choices:
        shown = subprocess.run(["apt-cache", "show", name], capture_output=True, check=False)
        if shown.returncode == 0 and shown.stdout.strip():
            return name
    return choices[0]


def ensure_system_packages(command: str) -> int:
    if WINDOWS or sys.platform == "darwin":
        return 0  # the PySide6 wheels carry everything Qt needs there
    if not shutil.which("dpkg-query"):
        say(
            "not a Debian/Ubuntu system: skipping the system-package check; Qt needs libGL, libEGL, "
            "xkbcommon, fontconfig, dbus, glib (and the xcb libraries for a real display) and a CJK font"
        )
        return 0
    missing = missing_packages(command)
    if not missing:
        return 0
    install = ["apt-get", "install", "-y", "--no-install-recommends", *missing]
    if os.geteuid() != 0:
        return fail(
            "these system packages are missing: "
            + " ".join(missing)
            + "\nInstall them, then run this command again:\n\n    sudo apt-get update && sudo "
            + " ".join(install)
            + "\n\n(or run it as root, or pass --skip-system-packages to go on without them)"
        )
    say(f"installing system packages with apt-get: {' '.join(missing)}")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    started = time.monotonic()
    for step in (["apt-get", "update", "-q"], install):
        done = subprocess.run(step, env=env, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            tail = "\n".join((done.stdout + done.stderr).splitlines()[-30:])
            return fail(f"{' '.join(step[:2])} failed (exit {done.returncode}):\n{tail}")
    say(f"system packages installed ({took(started)})")
    return 0


# --- virtual environment and project -----------------------------------------------------------------


def venv_bin() -> Path:
    return VENV / ("Scripts" if WINDOWS else "bin")


def venv_tool(name: str) -> Path:
    return venv_bin() / (f"{name}.exe" if WINDOWS else name)


def venv_python() -> Path:
    return venv_tool("python")


def ensure_venv() -> tuple[int, bool]:
    """(status, created): creates .venv when it is missing or has no working Python."""
    if venv_python().exists():
        return 0, False
    if VENV.exists():
        say(".venv has no working Python: creating it again")
        command = [sys.executable, "-m", "venv", "--clear", str(VENV)]
    else:
        say(f"creating .venv (Python {sys.version.split()[0]})")
        command = [sys.executable, "-m", "venv", str(VENV)]
    started = time.monotonic()
    if subprocess.run(command, cwd=ROOT, check=False).returncode != 0 or not venv_python().exists():
        return fail("could not create .venv (on Debian/Ubuntu: install python3-venv), then run this again"), False
    say(f".venv created ({took(started)})")
    return 0, True


def read_stamp() -> dict[str, str]:
    try:
        lines = STAMP.read_text(encoding="utf-8").splitlines()
    except OSError:
        return {}
    return dict(line.split(" ", 1) for line in lines if " " in line)


def pyproject_sha256() -> str:
    return hashlib.sha256(PYPROJECT.read_bytes()).hexdigest()


def ensure_project(extra: str, created: bool) -> int:
    """pip install -e .[extras] unless the stamp says that this pyproject.toml is installed already.

    Extras installed before are kept on a reinstall, so that ``start`` after a change to pyproject.toml
    does not leave stale test tools behind.
    """
    digest = pyproject_sha256()
    stamp = read_stamp()
    installed = [e for e in stamp.get("extras", "").split(",") if e]
    if not created and stamp.get("pyproject-sha256") == digest and (not extra or extra in installed):
        return 0
    extras = ",".join(sorted({*installed, extra} - {""}))
    target = f".[{extras}]" if extras else "."
    say(f'installing the project into .venv: pip install -e "{target}" (a few minutes the first time)')
    STAMP.unlink(missing_ok=True)
    pip = [str(venv_python()), "-m", "pip", "install", "--disable-pip-version-check", "-q", "-e", target]
    started = time.monotonic()
    if subprocess.run(pip, cwd=ROOT, check=False).returncode != 0:
        return fail(f'pip install -e "{target}" failed (see above); fix it and run this command again')
    STAMP.write_text(f"pyproject-sha256 {digest}\nextras {extras}\n", encoding="utf-8")
    say(f"project installed ({took(started)})")
    return 0


def set_up(command: str, skip_system: bool) -> int:
    if not skip_system:
        status = ensure_system_packages(command)
        if status:
            return status
    status, created = ensure_venv()
    if status:
        return status
    return ensure_project("" if command == "start" else "test", created)


# --- the two commands ----------------------------------------------------------------------------------


def tool_env() -> dict[str, str]:
    env = dict(os.environ)
    env["VIRTUAL_ENV"] = str(VENV)
    env["PATH"] = os.pathsep.join([str(venv_bin()), env.get("PATH", "")])
    env.pop("PYTHONHOME", None)
    return env


def start(args: list[str]) -> int:
    tcdesk = venv_tool("tcdesk")
    command = [str(tcdesk), *args]
    if WINDOWS:
        return subprocess.run(command, env=tool_env(), check=False).returncode
    os.execve(tcdesk, command, tool_env())
    return 0  # pragma: no cover - execve does not return


def test(args: list[str]) -> int:
    env = tool_env()
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    steps = [
        ("ruff check .", [str(venv_tool("ruff")), "check", "."]),
        ("lint-imports", [str(venv_tool("lint-imports"))]),
        ("pytest", [str(venv_python()), "-m", "pytest", *args]),
    ]
    results = []
    for name, command in steps:
        print(f"\n=== {name} ===", flush=True)
        results.append((name, subprocess.run(command, cwd=ROOT, env=env, check=False).returncode))
    if not any(code for _, code in results) and wants_frozen_phase():
        results.extend(frozen_phase(env))
    print("\n=== summary ===")
    for name, code in results:
        print(f"{name:<14} {'ok' if code == 0 else f'FAILED (exit {code})'}")
    return 1 if any(code for _, code in results) else 0


FROZEN_EXE = ROOT / "dist" / "tcdesk" / ("tcdesk.exe" if WINDOWS else "tcdesk")


def wants_frozen_phase() -> bool:
    """The frozen build and its smoke test: in CI (CI is set) or with TCDESK_BUILD_FROZEN=1; never with
    TCDESK_SKIP_FROZEN=1 (several minutes on a small machine). Linux only: installer/build.sh is a shell script."""
    if os.environ.get("TCDESK_SKIP_FROZEN") == "1" or WINDOWS:
        return False
    return bool(os.environ.get("CI")) or os.environ.get("TCDESK_BUILD_FROZEN") == "1"


def frozen_phase(env: dict[str, str]) -> list[tuple[str, int]]:
    """installer/build.sh, then pytest tests/frozen -m frozen against the built executable."""
    print("\n=== frozen build (installer/build.sh; TCDESK_SKIP_FROZEN=1 skips it) ===", flush=True)
    built = subprocess.run(["bash", str(ROOT / "installer" / "build.sh")], cwd=ROOT, env=env, check=False)
    if built.returncode != 0:
        return [("frozen build", built.returncode)]
    print("\n=== frozen smoke test ===", flush=True)
    frozen_env = {**env, "TCDESK_FROZEN": str(FROZEN_EXE)}
    command = [str(venv_python()), "-m", "pytest", "tests/frozen", "-m", "frozen"]
    smoke = subprocess.run(command, cwd=ROOT, env=frozen_env, check=False)
    return [("frozen build", 0), ("frozen smoke", smoke.returncode)]


def main(argv: list[str]) -> int:
    skip_system = False
    while argv and argv[0].startswith("-"):
        option = argv.pop(0)
        if option in ("-h", "--help"):
            print(HELP, end="")
            return 0
        if option == "--skip-system-packages":
            skip_system = True
        else:
            return fail(f"unknown option {option} (python3 bootstrap.py --help)", 2)
    if not argv or argv[0] not in ("start", "test", "setup"):
        print(HELP.splitlines()[0], file=sys.stderr)
        return fail("give a command: start, test or setup (python3 bootstrap.py --help)", 2)
    if sys.version_info < MIN_PYTHON:
        wanted = ".".join(map(str, MIN_PYTHON))
        return fail(f"tcdesk needs Python {wanted} or newer; this is {sys.version.split()[0]}")
    command, args = argv[0], argv[1:]
    status = set_up(command, skip_system)
    if status:
        return status
    if command == "start":
        return start(args)
    if command == "test":
        return test(args)
    say("ready (.venv holds the project and the test tools)")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except KeyboardInterrupt:
        sys.exit(130)

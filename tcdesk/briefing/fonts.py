"""Fonts for every UN script: found on the system, embedded as TrueType, or a message naming what is missing.

reportlab embeds TrueType fonts only (glyf outlines; it refuses the PostScript outlines of OpenType/CFF
files such as the Noto CJK ``.ttc``), so each script has a list of candidate files, tried in order:

- **Latin and Cyrillic** (and Greek): DejaVu Sans on Linux (Debian ``fonts-dejavu-core``), Segoe UI or
  Arial on Windows, Arial on macOS.
- **Arabic**: the same files. What the PDF draws are the *presentation forms* that arabic-reshaper
  produces (U+FB50-FDFF, U+FE70-FEFF), so a candidate must map those, not only the base letters: fonts
  that shape through OpenType tables alone (Noto Sans Arabic) would print boxes.
- **Chinese** (CJK): Droid Sans Fallback on Linux (``fonts-droid-fallback``; WenQuanYi Micro Hei and AR
  PL UMing are TrueType too), Microsoft YaHei (``msyh.ttc``), SimSun (``simsun.ttc``, face 0) or SimHei
  on Windows.

Only the fonts a briefing needs are loaded: an English briefing on a machine without a CJK font works,
and a briefing with Chinese text there stops with :class:`MissingFont`, whose message names the script,
the files looked for, where, and the Debian package to install, instead of printing boxes.

``TCDESK_FONT_DIRS`` (folders separated by the system's path separator) replaces the folders searched,
for a portable installation that carries its fonts, and for tests.
"""

from __future__ import annotations

import os
import sys
import threading
import zlib
from dataclasses import dataclass, field
from pathlib import Path

ENV_VAR = "TCDESK_FONT_DIRS"

LATIN, ARABIC, CJK = "latin", "arabic", "cjk"
SCRIPTS = (LATIN, ARABIC, CJK)
SCRIPT_NAMES = {LATIN: "Latin and Cyrillic", ARABIC: "Arabic", CJK: "Chinese (CJK)"}
REGULAR, BOLD, ITALIC = "regular", "bold", "italic"
EMBOLDENED: set[str] = set()
"""Fonts without a bold face: bold text in them is drawn filled and outlined, which reads as bold."""

# Characters a candidate must map to be used for its script (presentation forms for Arabic: see above).
_PROBES = {
    LATIN: "Aaé€–“”Жжя",
    ARABIC: "ابت\ufe8d\ufe91\ufedf\ufefb\u060c",
    CJK: "国际法人权，。",
}
DEBIAN_PACKAGES = {LATIN: "fonts-dejavu-core", ARABIC: "fonts-dejavu-core", CJK: "fonts-droid-fallback"}
WINDOWS_HINT = {
    LATIN: "Arial or Segoe UI (arial.ttf, segoeui.ttf)",
    ARABIC: "Arial or Segoe UI (arial.ttf, segoeui.ttf)",
    CJK: "SimSun or Microsoft YaHei (simsun.ttc, msyh.ttc; Settings > Time & language > Language: "
    "add the Chinese supplemental fonts)",
}


@dataclass(frozen=True)
class Candidate:
    """A family of font files: (file name, face index in a .ttc) for each weight; bold/italic optional."""

    regular: tuple[str, int]
    bold: tuple[str, int] | None = None
    italic: tuple[str, int] | None = None


def _c(regular: str, bold: str | None = None, italic: str | None = None, index: int = 0) -> Candidate:
    return Candidate((regular, index), (bold, index) if bold else None, (italic, index) if italic else None)


_DEJAVU = _c("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf")
_SEGOE = _c("segoeui.ttf", "segoeuib.ttf", "segoeuii.ttf")
_ARIAL = _c("arial.ttf", "arialbd.ttf", "ariali.ttf")
_ARIAL_MAC = _c("Arial.ttf", "Arial Bold.ttf", "Arial Italic.ttf")
_ARIAL_UNICODE = _c("Arial Unicode.ttf")

CANDIDATES: dict[str, tuple[Candidate, ...]] = {
    LATIN: (
        _DEJAVU,
        _SEGOE,
        _ARIAL,
        _ARIAL_MAC,
        _c("NotoSans-Regular.ttf", "NotoSans-Bold.ttf", "NotoSans-Italic.ttf"),
        _c("LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf", "LiberationSans-Italic.ttf"),
        _ARIAL_UNICODE,
    ),
    ARABIC: (_DEJAVU, _ARIAL, _SEGOE, _c("tahoma.ttf", "tahomabd.ttf"), _ARIAL_MAC, _ARIAL_UNICODE),
    CJK: (
        _c("DroidSansFallbackFull.ttf"),
        _c("DroidSansFallback.ttf"),
        _c("wqy-microhei.ttc"),
        _c("wqy-zenhei.ttc"),
        _c("uming.ttc"),
        _c("msyh.ttc", "msyhbd.ttc"),  # Microsoft YaHei (sans serif, TrueType outlines), face 0
        _c("msyh.ttf", "msyhbd.ttf"),
        _c("simsun.ttc"),  # SimSun, face 0 of the collection
        _c("simhei.ttf"),
        _c("Deng.ttf", "Dengb.ttf"),
        _c("STHeiti Light.ttc"),
        _ARIAL_UNICODE,
    ),
}


class MissingFont(RuntimeError):
    """No usable font for a script that the briefing needs; the message says what to install.

    Built with :meth:`for_script`; the constructor takes the message alone, as reportlab expects of an
    exception it re-raises with more context.
    """

    script = ""
    looked_for: tuple[str, ...] = ()
    folders: tuple[str, ...] = ()
    rejected: tuple[str, ...] = ()

    @classmethod
    def for_script(cls, script: str, looked_for: list[str], folders: list[str], rejected: list[str]) -> MissingFont:
        where = ", ".join(folders) if folders else "(no font folder exists)"
        package = DEBIAN_PACKAGES[script]
        lines = [
            f"No font for {SCRIPT_NAMES[script]} text: looked for {', '.join(looked_for)} in {where}.",
            f"On Debian or Ubuntu install the package {package} (sudo apt-get install {package}); "
            f"on Windows the fonts {WINDOWS_HINT[script]}.",
        ]
        if rejected:
            lines.append("Found but not usable: " + "; ".join(rejected) + ".")
        lines.append(f"Folders other than the system's can be named in {ENV_VAR}.")
        error = cls(" ".join(lines))
        error.script, error.looked_for = script, tuple(looked_for)
        error.folders, error.rejected = tuple(folders), tuple(rejected)
        return error


def default_folders() -> list[Path]:
    if os.environ.get(ENV_VAR):
        return [Path(p).expanduser() for p in os.environ[ENV_VAR].split(os.pathsep) if p]
    home = Path.home()
    if sys.platform == "win32":
        windir = Path(os.environ.get("WINDIR", r"C:\Windows"))
        local = Path(os.environ.get("LOCALAPPDATA", home / "AppData" / "Local"))
        return [windir / "Fonts", local / "Microsoft" / "Windows" / "Fonts"]
    if sys.platform == "darwin":
        return [
            Path("/System/Library/Fonts"),
            Path("/System/Library/Fonts/Supplemental"),
            Path("/Library/Fonts"),
            home / "Library" / "Fonts",
        ]
    data_home = Path(os.environ.get("XDG_DATA_HOME") or home / ".local" / "share")
    return [Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), data_home / "fonts", home / ".fonts"]


def _index(folders: tuple[Path, ...]) -> dict[str, Path]:
    """Font file name (lower case) → first path found, walking each folder in order."""
    found: dict[str, Path] = {}
    for folder in folders:
        if not folder.is_dir():
            continue
        for root, _dirs, files in os.walk(folder):
            for name in files:
                if name.lower().endswith((".ttf", ".ttc", ".otf")):
                    found.setdefault(name.lower(), Path(root) / name)
    return found


@dataclass
class Face:
    """A registered reportlab font: its name in reportlab's registry and its character map."""

    name: str
    path: Path
    index: int
    cmap: dict[int, int]

    def covers(self, char: str) -> bool:
        return ord(char) in self.cmap


_registry_lock = threading.Lock()


def _register(path: Path, index: int) -> Face:
    """Load a TrueType file once per process (reportlab's registry is global); TTFError if unusable."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    name = f"tc-{path.stem}-{index}-{zlib.crc32(str(path).encode()):08x}".replace(" ", "")
    with _registry_lock:
        try:
            font = pdfmetrics.getFont(name)
        except KeyError:
            font = TTFont(name, str(path), subfontIndex=index)
            pdfmetrics.registerFont(font)
    return Face(name, path, index, font.face.charToGlyph)


@dataclass
class FontSet:
    """The fonts of one briefing: a face per script and weight, loaded on first use."""

    folders: list[Path] = field(default_factory=default_folders)
    _faces: dict[tuple[str, str], Face] = field(default_factory=dict, repr=False)
    _chosen: dict[str, Candidate] = field(default_factory=dict, repr=False)
    _files: dict[str, Path] | None = field(default=None, repr=False)

    @property
    def files(self) -> dict[str, Path]:
        """Font file name (lower case) → path, listed once per font set (fonts installed while the app
        runs are seen by the next briefing)."""
        if self._files is None:
            self._files = _index(tuple(self.folders))
        return self._files

    def face(self, script: str, weight: str = REGULAR) -> Face:
        key = (script, weight)
        if key not in self._faces:
            candidate = self._choose(script)
            spec = getattr(candidate, weight) or candidate.regular
            face = self._load(spec) if spec != candidate.regular else self.face(script, REGULAR)
            self._faces[key] = face or self.face(script, REGULAR)
            if weight == BOLD and self._faces[key] is self.face(script, REGULAR):
                EMBOLDENED.add(self._faces[key].name)  # no bold file (Droid Sans Fallback): drawn thicker
        return self._faces[key]

    def available(self, script: str) -> bool:
        try:
            self.face(script)
        except MissingFont:
            return False
        return True

    def _load(self, spec: tuple[str, int]) -> Face | None:
        path = self.files.get(spec[0].lower())
        if path is None:
            return None
        try:
            return _register(path, spec[1])
        except Exception:  # a bold face that reportlab refuses: the regular face stands in
            return None

    def _choose(self, script: str) -> Candidate:
        if script in self._chosen:
            return self._chosen[script]
        index = self.files
        rejected: list[str] = []
        for candidate in CANDIDATES[script]:
            file_name, face_index = candidate.regular
            path = index.get(file_name.lower())
            if path is None:
                continue
            try:
                face = _register(path, face_index)
            except Exception as exc:  # reportlab's TTFError: PostScript outlines, a damaged file...
                rejected.append(f"{path} ({str(exc).rsplit(': ', 1)[-1]})")
                continue
            missing = [ch for ch in _PROBES[script] if not face.covers(ch)]
            if missing:
                rejected.append(f"{path} (no glyphs for {''.join(missing)})")
                continue
            self._faces[(script, REGULAR)] = face
            self._chosen[script] = candidate
            return candidate
        # A CJK .ttc with PostScript outlines is worth naming even when no candidate matched its name.
        if script == CJK:
            named = " ".join(rejected)
            rejected += [
                f"{p} (PostScript outlines, which reportlab cannot embed)"
                for n, p in index.items()
                if "cjk" in n and str(p) not in named
            ]
        raise MissingFont.for_script(
            script,
            list(dict.fromkeys(c.regular[0] for c in CANDIDATES[script])),
            [str(f) for f in self.folders if f.is_dir()],
            rejected,
        )

    def describe(self) -> dict[str, str]:
        """Script → file used, for the scripts loaded so far (shown by the bench and the sample script)."""
        return {s: f"{f.path}#{f.index}" for (s, w), f in self._faces.items() if w == REGULAR}

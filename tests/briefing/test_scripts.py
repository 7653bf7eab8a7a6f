"""Every UN script in a briefing: Arabic shaped and right to left, Chinese wrapped, fonts embedded, and a
clear message when a font is missing."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from arabic_reshaper import reshape as _reshape
from arabic_reshaper.letters import ISOLATED, LETTERS_ARABIC
from bidi.algorithm import get_display
from pypdf import PdfReader

from tcdesk.briefing import BriefingOptions, FontSet, MissingFont, build_briefing
from tcdesk.briefing.text import TextStyle, Typesetter, is_rtl_text
from tests.briefing.pdf import normal, squeezed

ARABIC_LETTERS = set("ابتثجحخدذرزسشصضطظعغفقكلمنهوي")


def dejavu() -> Path:
    found = FontSet().files.get("dejavusans.ttf")
    if found is None:
        pytest.skip("DejaVu Sans is not installed (Debian: fonts-dejavu-core)")
    return found


def needs_cjk_font() -> None:
    if not FontSet().available("cjk"):
        pytest.skip("no CJK TrueType font here (Debian: fonts-droid-fallback)")


# Isolated forms back to their letters: a letter standing alone may be drawn with its own code (the
# briefing does so when the font lacks some isolated forms); initial, medial and final forms stay.
_UNISOLATE = str.maketrans({forms[ISOLATED]: letter for letter, forms in LETTERS_ARABIC.items() if forms[ISOLATED]})


def reshape(text: str) -> str:
    return _reshape(text).translate(_UNISOLATE)


def visual(text: str) -> str:
    return get_display(reshape(text), base_dir="R")


def arabic_words(text: str) -> list[str]:
    return [w.strip("،.()") for w in text.split() if ARABIC_LETTERS & set(w)]


def text_operations(path: Path, page: int) -> list[tuple[float, str]]:
    """(x in its cell, text) of each text-showing operation of a page, as pypdf decodes them."""
    found: list[tuple[float, str]] = []

    def visit(text, _cm, tm, _font, _size):  # type: ignore[no-untyped-def]
        if text.strip():
            found.append((tm[4], text))

    PdfReader(str(path)).pages[page - 1].extract_text(visitor_text=visit)
    return found


def test_arabic_and_chinese_texts_come_back_from_the_pdf(multilingual, build):
    needs_cjk_font()
    store, country = multilingual
    briefing = build(store, country.iso3, key_recommendations=0)
    assert {"latin", "arabic", "cjk"} <= set(briefing.result.fonts)
    raw = " ".join(briefing.text.split()).translate(_UNISOLATE)  # as extracted: contextual forms kept
    # Every Arabic word of every Arabic recommendation, *shaped*: the PDF draws the contextual forms
    # (initial, medial, final; U+FE70-U+FEFF), which text extraction returns as they are. pypdf gives
    # right-to-left runs back in reading order; the visual order (as drawn) is accepted for single words.
    arabic = country.texts["ar"]
    assert arabic
    for text in arabic:
        for word in arabic_words(text):
            assert reshape(word) in raw or visual(word) in raw, word
    # Whole phrases, shaped and in reading order: the word order is what reportlab alone gets wrong
    # (drawn in stored order, pypdf would hand the words back reversed).
    for text in arabic:
        phrase = " ".join(text.split()[:3])
        assert reshape(phrase) in raw, phrase
    flat = briefing.flat
    # Chinese: every character, in order, whatever the line breaks
    squeezed_all = squeezed(briefing.text)
    for text in country.texts["zh"]:
        assert squeezed(text) in squeezed_all, text
    assert squeezed(country.cluster_titles["zh"]) in squeezed_all
    for language in ("ru", "fr", "es", "en"):
        for text in country.texts[language]:
            assert briefing.contains(text), text
    assert briefing.contains(country.cluster_titles["ru"])
    assert normal(country.name) in flat or normal(visual(country.name)) in flat


def test_arabic_is_laid_out_right_to_left(multilingual, build):
    """On the line that names the project (Arabic, then Chinese, then an English word), the Arabic that
    comes first in the text is drawn to the right of the Chinese that follows it."""
    needs_cjk_font()
    store, country = multilingual
    briefing = build(store, country.iso3, sections=("clusters",))
    page = next(n for n, text in enumerate(briefing.pages, start=1) if "国家人权委员会" in text)
    operations = text_operations(briefing.path, page)
    chinese = next(x for x, text in operations if "国家人权委员会" in text)
    arabic = next(x for x, text in operations if "ﻟﺤﻘﻮق" in text or "لحقوق" in normal(text))
    assert arabic > chinese


def test_arabic_lines_are_reordered_after_breaking(multilingual):
    """A long Arabic text broken into lines: the first line holds the first words (logical order), each
    line reversed on its own."""
    _store, country = multilingual
    text = max(country.texts["ar"], key=len)
    typesetter = Typesetter(FontSet())
    lines = typesetter.layout(text, TextStyle(size=9, leading=12), 160)
    assert len(lines) >= 2 and all(line.rtl for line in lines)
    first_line = normal("".join(piece for _f, piece, _w in lines[0].pieces))
    words = arabic_words(text)
    assert normal(visual(words[0])) in first_line  # the first word is on the first line…
    assert first_line.endswith(normal(visual(words[0])))  # …at its right end
    last_line = normal("".join(piece for _f, piece, _w in lines[-1].pieces))
    assert normal(visual(words[-1])) in last_line


def test_chinese_breaks_between_characters(multilingual):
    needs_cjk_font()
    _store, country = multilingual
    text = max(country.texts["zh"], key=len)
    typesetter = Typesetter(FontSet())
    lines = typesetter.layout(text, TextStyle(size=9, leading=12), 90)
    assert len(lines) >= 3
    assert all(line.width <= 90.01 for line in lines)
    assert "".join("".join(p for _f, p, _w in line.pieces) for line in lines).replace(" ", "") == text.replace(" ", "")
    for line in lines[1:]:  # no line starts with a closing mark
        assert line.pieces[0][1][0] not in "，。、；：？！）」"


def test_direction_follows_the_first_strong_letter():
    assert is_rtl_text("  «ضمان» UPR")
    assert not is_rtl_text("UPR: ضمان")
    assert not is_rtl_text("2030")


def test_mixed_paragraph_uses_one_font_per_script(multilingual):
    needs_cjk_font()
    typesetter = Typesetter(FontSet())
    line = typesetter.line("Access 司法 and العدالة", "regular", 9)
    fonts = [font for font, _text, _w in line.pieces]
    assert len(set(fonts)) == 2  # DejaVu for Latin and Arabic, the CJK font for Chinese
    cjk = [text for font, text, _w in line.pieces if "Droid" in font or "司" in text]
    assert any("司法" in t for t in cjk)


def test_missing_latin_font_is_named_with_the_package_to_install(demo_store, tmp_path):
    empty = tmp_path / "no-fonts"
    empty.mkdir()
    out = tmp_path / "out.pdf"
    with pytest.raises(MissingFont) as caught:
        build_briefing(demo_store, "XVL", out, fonts=FontSet([empty]))
    message = str(caught.value)
    assert "No font for Latin and Cyrillic text" in message
    assert "DejaVuSans.ttf" in message and "arial.ttf" in message
    assert "fonts-dejavu-core" in message
    assert str(empty) in message
    assert not out.exists() and not list(tmp_path.glob("*.part"))


def test_missing_chinese_font_is_named_only_when_chinese_is_printed(multilingual, demo_store, tmp_path):
    folder = tmp_path / "only-dejavu"
    folder.mkdir()
    for name in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"):
        source = dejavu().with_name(name)
        shutil.copy(source, folder / name)
    store, country = multilingual
    # the demo country is all Latin: fine without a CJK font
    build_briefing(store, "XVL", tmp_path / "latin.pdf", BriefingOptions(), fonts=FontSet([folder]))
    with pytest.raises(MissingFont) as caught:
        build_briefing(store, country.iso3, tmp_path / "zh.pdf", fonts=FontSet([folder]))
    message = str(caught.value)
    assert "No font for Chinese (CJK) text" in message
    assert "DroidSansFallbackFull.ttf" in message and "simsun.ttc" in message
    assert "sudo apt-get install fonts-droid-fallback" in message
    assert not (tmp_path / "zh.pdf").exists()


def test_postscript_cjk_fonts_are_refused_with_the_reason(tmp_path):
    """The Noto CJK .ttc (PostScript outlines) is found but cannot be embedded: the message says why."""
    noto = next(iter(sorted(Path("/usr/share/fonts").rglob("NotoSansCJK*.ttc"))), None)
    if noto is None:
        pytest.skip("no Noto CJK .ttc here")
    folder = tmp_path / "noto"
    folder.mkdir()
    (folder / noto.name).symlink_to(noto)
    with pytest.raises(MissingFont, match=r"(?i)postscript outlines"):
        FontSet([folder]).face("cjk")


def test_font_folders_can_be_named_in_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("TCDESK_FONT_DIRS", str(tmp_path))
    assert FontSet().folders == [tmp_path]

"""Text as the full-text index sees it, in every UN language.

SQLite's ``unicode61`` tokenizer (with ``remove_diacritics 2``) already splits Latin, Cyrillic and Arabic
text into words and folds Latin accents, so "Défenseurs" finds "defenseurs". Chinese has no spaces: a
whole sentence would be one token, and only that exact sentence would match. So every Han (and kana,
hangul) character is indexed as a word of its own, and a Chinese query becomes a phrase of its characters:
"人权" matches wherever those two characters stand side by side, which is substring search at any length.

These functions are registered on every SQLite connection tcdesk opens (tcdesk.store.db), because the
triggers that keep the index current call them.
"""

from __future__ import annotations

import json
import re

_CJK = re.compile(r"([\u2e80-\u2fdf\u3040-\u30ff\u3100-\u31bf\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff])")


# Arabic tatweel (elongation) and harakat (short-vowel marks): typography, not spelling. UN texts use
# tatweel for justification ("ســيادة"); a search for "سيادة" must find it.
_ARABIC_MARKS = re.compile(r"[\u0640\u064b-\u065f\u0670]")


def spaced(text: str | None) -> str:
    """``text`` as indexed: Arabic marks dropped, a space around each CJK character (one token each)."""
    if not text:
        return ""
    if text.isascii():  # most UN texts in the store: no Arabic marks, no CJK, nothing to do
        return text
    return _CJK.sub(r" \1 ", _ARABIC_MARKS.sub("", text))


def document(text: str | None, themes: str | None, affected: str | None, notes: str | None) -> str:
    """What a recommendation is searchable by: its text, themes, affected persons and the HRA's notes."""
    return spaced("\n".join(part for part in (text, themes, affected, notes) if part))


def list_json(value: str | None) -> str:
    """A line-separated list cell as a JSON array, for json_each() in the facet triggers."""
    if not value:
        return "[]"
    return json.dumps([item for item in value.split("\n") if item], ensure_ascii=False)


def register(connection) -> None:  # type: ignore[no-untyped-def]
    connection.create_function("tc_search_doc", 4, document, deterministic=True)
    connection.create_function("tc_list_json", 1, list_json, deterministic=True)


_WORD = re.compile(r"\w+", re.UNICODE)


def match_expression(query: str) -> str | None:
    """An FTS5 MATCH expression for what a user typed: every word must occur (as a word prefix).

    Words are quoted, so operators and punctuation typed by the user are never FTS syntax. A run of CJK
    characters becomes a phrase of single characters; anything else is a prefix term ("tortur" finds
    "torture" and "torturés").
    """
    terms: list[str] = []
    for word in _WORD.findall(_ARABIC_MARKS.sub("", query)):
        pieces = [p for p in _CJK.split(word) if p]
        cjk = [p for p in pieces if _CJK.fullmatch(p)]
        if cjk and len(cjk) == len(pieces):
            terms.append('"' + " ".join(cjk) + '"')
        else:
            for piece in pieces:
                if _CJK.fullmatch(piece):
                    terms.append(f'"{piece}"')
                else:
                    terms.append(f'"{piece}"*')
    return " AND ".join(terms) if terms else None


def fold(text: str) -> tuple[str, list[int]]:
    """Lower case without Latin accents or Arabic marks, and where each folded character came from."""
    import unicodedata

    out: list[str] = []
    origin: list[int] = []
    for i, char in enumerate(text):
        if _ARABIC_MARKS.match(char):
            continue
        lower = unicodedata.normalize("NFD", char)[0].lower()
        out.append(lower if len(lower) == 1 else char)
        origin.append(i)
    return "".join(out), origin


def highlight_spans(text: str, query: str) -> list[tuple[int, int]]:
    """Where the query's words occur in ``text`` (as the search matched them), for highlighting."""
    folded, origin = fold(text)
    origin.append(len(text))
    spans: list[tuple[int, int]] = []
    for word in _WORD.findall(query):
        needle = fold(word)[0]
        if not needle:
            continue
        cjk = bool(_CJK.search(needle))
        pattern = re.escape(needle) if cjk else r"(?<!\w)" + re.escape(needle) + r"\w*"
        spans += [(origin[m.start()], origin[m.end() - 1] + 1) for m in re.finditer(pattern, folded)]
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged

"""UHRI values to the contract's vocabularies, and the uid rule.

**The uid rule.** A recommendation imported from UHRI gets the uid

    uuid5(NAMESPACE_TCDESK_UHRI, annotation_id)            when the annotation concerns one country,
    uuid5(NAMESPACE_TCDESK_UHRI, annotation_id + "/" + ISO3)  for each country of an annotation concerning several,

with ``NAMESPACE_TCDESK_UHRI = 0d198fd8-9187-4779-98cf-5fab1846f547`` and ``annotation_id`` the OHCHR
Annotation Id in its canonical form (lower-case, hyphenated: ``str(uuid.UUID(raw))``, which is
``raw.lower()`` for the ids UHRI writes). Every installation, and HQ's own tooling, therefore gives the same
annotation the same uid, so re-importing a newer export, or receiving the same recommendation from HQ in a
package, updates one record and never duplicates it. When looking for the stored record the importer tries
both forms for the country (see ``candidate_uids``), so an annotation whose list of countries grows or
shrinks in a later export still finds the record it created before.

**Never fuzzy.** Country names are looked up exactly (case, accents, curly apostrophes, ``&``/``and`` and
``St``/``Saint`` do not matter) in an alias table of UN and common names and in pycountry's names; pycountry's
fuzzy search is never used (it turns "Republic of Korea" into PRK and "Niger" into NGA).
"""

from __future__ import annotations

import datetime as dt
import html
import re
import unicodedata
import uuid
from dataclasses import dataclass
from functools import cache

from tcdesk.domain import countries, sdg
from tcdesk.domain.vocabulary import TREATY_BODIES

NAMESPACE_TCDESK_UHRI = uuid.UUID("0d198fd8-9187-4779-98cf-5fab1846f547")


# --- cells -----------------------------------------------------------------------------------------------

_BULLET = re.compile(r"^\s*[-–—•·*]+\s*")


def clean_item(value: str) -> str:
    """One value without UHRI's leading ``- `` bullet and surrounding spaces."""
    return _BULLET.sub("", value).strip()


def split_values(value: object) -> list[str]:
    """A multi-value cell (one value per line, often ``- `` prefixed) or a JSON list, as clean items.

    Empty items are dropped and repeated ones kept once, in their first position.
    """
    items: list[str] = []
    for raw in _flatten(value):
        for line in raw.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
            item = " ".join(clean_item(line).split())
            if item and item not in items:
                items.append(item)
    return items


def single_value(value: object) -> str:
    """A single-valued cell (``- UPR``), or the first value of a list, clean."""
    values = split_values(value)
    return values[0] if values else ""


def _flatten(value: object) -> list[str]:
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return [text for item in value for text in _flatten(item)]
    if isinstance(value, dict):
        for key in ("Name", "name", "Value", "value", "Label", "label", "Iso3", "ISO3", "iso3", "Code", "code"):
            if isinstance(value.get(key), (str, int, float)):
                return _flatten(value[key])
        return []
    if isinstance(value, bool):
        return []
    if isinstance(value, float):
        return [str(int(value)) if value.is_integer() else repr(value)]
    return [str(value)]


_TAG = re.compile(
    r"</?(?:p|br|div|span|b|i|u|em|strong|ul|ol|li|sup|sub|a|font|table|tr|td|th|h[1-6])\b[^>]*>", re.IGNORECASE
)
_BLOCK_END = re.compile(r"<br\s*/?>|</(?:p|div|li|tr|h[1-6])\s*>", re.IGNORECASE)


def has_markup(value: object) -> bool:
    return isinstance(value, str) and bool(_TAG.search(value))


def clean_text(value: object) -> str:
    """A recommendation text as UHRI gives it, with any HTML markup turned into plain text.

    Texts are kept verbatim otherwise (paragraph numbers included): only line endings are unified and
    spaces around the whole text removed. Markup is removed only when the text holds HTML tags.
    """
    if isinstance(value, (list, tuple)):
        value = "\n".join(str(v) for v in value if v is not None)
    text = "" if value is None else str(value)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _TAG.search(text):
        text = _BLOCK_END.sub("\n", text)
        text = _TAG.sub("", text)
        text = html.unescape(text).replace("\xa0", " ")
        text = "\n".join(" ".join(line.split()) for line in text.split("\n"))
        text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip()


_PARAGRAPH = re.compile(r"^\s*(\d{1,3}\.\d{1,3}|\d{1,3}(?=\.))[.\s]")


def paragraph_of(text: str) -> str:
    """The paragraph number a UHRI text starts with (``118.1 Ratify…`` → ``118.1``; ``4.The…`` → ``4``)."""
    match = _PARAGRAPH.match(text)
    return match.group(1) if match else ""


# --- bodies ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Body:
    mechanism: str  # UPR, TB or SP
    body: str  # UPR, a treaty body acronym, or the special procedure mandate's name


_TB_NAMES = {
    "committee on the elimination of discrimination against women": "CEDAW",
    "human rights committee": "CCPR",
    "committee against torture": "CAT",
    "committee on the rights of the child": "CRC",
    "committee on the rights of persons with disabilities": "CRPD",
    "committee on the elimination of racial discrimination": "CERD",
    "committee on economic, social and cultural rights": "CESCR",
    "committee on migrant workers": "CMW",
    "committee on the protection of the rights of all migrant workers and members of their families": "CMW",
    "committee on enforced disappearances": "CED",
    "subcommittee on prevention of torture": "SPT",
    "subcommittee on prevention of torture and other cruel, inhuman or degrading treatment or punishment": "SPT",
    "subcommittee on the prevention of torture": "SPT",
}
# Acronyms and the forms UHRI uses for optional protocols, reviewed by the committee of the treaty.
_TB_ACRONYMS = {acronym: acronym for acronym in TREATY_BODIES} | {
    "CRC-OP-AC": "CRC",
    "CRC-OP-SC": "CRC",
    "CRC-OPAC": "CRC",
    "CRC-OPSC": "CRC",
    "HRCTEE": "CCPR",
    "HR COMMITTEE": "CCPR",
    "CPED": "CED",
    "OPCAT": "SPT",
}
_UPR_NAMES = ("upr", "universal periodic review", "working group on the universal periodic review")
_SP_ABBREVIATIONS = {"SR": "Special Rapporteur", "IE": "Independent Expert", "WG": "Working Group"}
_SP_WORDS = ("special rapporteur", "independent expert", "working group on", "working group of experts")
_SP_SHORT = re.compile(r"^(SR|IE|WG)\b\.?\s*(.*)$")
_ACRONYM_IN_PARENTHESES = re.compile(r"\(([A-Z][A-Z-]{1,9})\)\s*$")


def _key(text: str) -> str:
    return " ".join(text.replace("’", "'").casefold().split())


def map_body(raw: str) -> Body | None:
    """UHRI's recommending body as mechanism and body; None when it is none of UPR, a treaty body or an SP."""
    name = " ".join(clean_item(raw).split())
    if not name:
        return None
    key = _key(name)
    if key in _UPR_NAMES or "universal periodic review" in key:
        return Body("UPR", "UPR")
    acronym = _TB_ACRONYMS.get(name.upper())
    if acronym is None:
        found = _ACRONYM_IN_PARENTHESES.search(name)
        acronym = _TB_ACRONYMS.get(found.group(1)) if found else None
    if acronym is None:
        bare = _ACRONYM_IN_PARENTHESES.sub("", name).strip()
        acronym = _TB_NAMES.get(_key(bare).removeprefix("the "))
    if acronym is not None:
        return Body("TB", acronym)
    short = _SP_SHORT.match(name)
    if short:
        rest = short.group(2)
        mandate = _SP_ABBREVIATIONS[short.group(1)]
        return Body("SP", f"{mandate} {rest}".strip() if rest else mandate)
    if any(word in key for word in _SP_WORDS) or key in ("special procedures", "special procedure"):
        return Body("SP", name)
    return None


# --- countries -------------------------------------------------------------------------------------------

# UN names and common forms that pycountry's exact names do not cover, keyed as ``_country_key`` makes them.
_COUNTRY_ALIASES = {
    "bolivia (plurinational state of)": "BOL",
    "iran (islamic republic of)": "IRN",
    "venezuela (bolivarian republic of)": "VEN",
    "micronesia (federated states of)": "FSM",
    "micronesia": "FSM",
    "netherlands (kingdom of the)": "NLD",
    "republic of korea": "KOR",
    "korea (republic of)": "KOR",
    "democratic people's republic of korea": "PRK",
    "korea (democratic people's republic of)": "PRK",
    "dpr korea": "PRK",
    "democratic republic of the congo": "COD",
    "democratic republic of congo": "COD",
    "congo (democratic republic of the)": "COD",
    "dr congo": "COD",
    "republic of congo": "COG",
    "congo (republic of the)": "COG",
    "state of palestine": "PSE",
    "palestine": "PSE",
    "occupied palestinian territory": "PSE",
    "occupied palestinian territories": "PSE",
    "holy see": "VAT",
    "kosovo": "XKX",
    "turkey": "TUR",
    "ivory coast": "CIV",
    "swaziland": "SWZ",
    "cape verde": "CPV",
    "the former yugoslav republic of macedonia": "MKD",
    "macedonia": "MKD",
    "macedonia fyr": "MKD",
    "guinea bissau": "GNB",
    "timor leste": "TLS",
    "east timor": "TLS",
    "lao pdr": "LAO",
    "russia": "RUS",
    "brunei": "BRN",
    "united kingdom of great britain and northern ireland": "GBR",
    "uk": "GBR",
    "usa": "USA",
    "uae": "ARE",
    "hong kong, china": "HKG",
    "macao, china": "MAC",
    "macau": "MAC",
}
_KOSOVO = re.compile(r"^kosovo\b")


def _country_key(name: str) -> str:
    text = unicodedata.normalize("NFKD", name.replace("’", "'").replace("‘", "'").replace("`", "'"))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = " ".join(text.replace("&", " and ").replace("*", " ").casefold().split())
    text = re.sub(r"^st\.? ", "saint ", text)
    return text.removeprefix("the ")


@cache
def _country_index() -> dict[str, str]:
    import pycountry  # lazily, as tcdesk.domain.countries does

    index: dict[str, str] = {}
    for country in pycountry.countries:
        for attribute in ("name", "official_name", "common_name"):
            value = getattr(country, attribute, None)
            if value:
                index.setdefault(_country_key(value), country.alpha_3)
    index.update(_COUNTRY_ALIASES)
    return index


@cache
def map_country(raw: str) -> str:
    """A country name (UN, ISO or common form) or an ISO 3166-1 code as ISO3, or "" when not recognised."""
    name = " ".join(clean_item(raw).split())
    if not name:
        return ""
    # ISO's own codes and Kosovo's; not the other user-assigned ones (tcdesk's demo country among them)
    if (
        len(name) == 3
        and name.isupper()
        and countries.is_iso3(name)
        and (not countries.is_user_assigned(name) or name == "XKX")
    ):
        return name
    if len(name) == 2 and name.isalpha() and name.isupper():
        import pycountry

        found = pycountry.countries.get(alpha_2=name)
        if found is not None:
            return found.alpha_3
    key = _country_key(name)
    iso3 = _country_index().get(key)
    if iso3 is None and _KOSOVO.match(key):
        iso3 = "XKX"
    return iso3 or ""


# --- SDGs ------------------------------------------------------------------------------------------------

_SDG_CODE = re.compile(
    r"^\s*(?:sdg|goal|target)?\s*(\d{1,2}(?:\.(?:\d{1,2}|[a-z]))?)(?=$|[\s\-–—:,;.)])", re.IGNORECASE
)


@dataclass(frozen=True)
class SdgLabel:
    code: str  # "16.3", "16", or "" when the label holds no SDG code
    level: str  # "target", "goal" or "unknown"


def map_sdg(label: str) -> SdgLabel:
    """``16.3 - Promote the rule of law`` → target 16.3; ``16 - PEACE, JUSTICE…`` → goal 16 (the code before " - ")."""
    match = _SDG_CODE.match(clean_item(label))
    if not match:
        return SdgLabel("", "unknown")
    code = match.group(1).lower()
    if sdg.is_target(code):
        return SdgLabel(code, "target")
    if sdg.is_goal(code):
        return SdgLabel(code, "goal")
    return SdgLabel(code, "unknown")


# --- UPR positions, sessions, cycles ---------------------------------------------------------------------

_SUPPORTED = frozenset({"supported", "accepted", "support", "accept"})
_NOTED = frozenset({"noted", "rejected", "not supported", "not accepted", "reject", "note"})


def map_position(raw: str) -> str:
    """``Supported``/``Accepted`` → supported, ``Noted``/``Rejected`` → noted; anything else (partially
    supported, pending, mixed) → "": tcdesk never guesses a State's response."""
    key = _key(clean_item(raw)).rstrip(".")
    if key in _SUPPORTED:
        return "supported"
    if key in _NOTED:
        return "noted"
    return ""


_NUMBER = re.compile(r"\d+")
# UPR Working Group sessions of each cycle: 1st 2008-2011, 2nd 2012-2016, 3rd 2017-2022, 4th from
# November 2022 (session 41; DOMAIN.md). Each cycle has had 14 sessions since the 2nd (HRC res. 16/21),
# so the 4th runs to session 54; later sessions are not mapped until the 5th cycle is scheduled.
CYCLE_SESSIONS = ((1, 12, "1"), (13, 26, "2"), (27, 40, "3"), (41, 54, "4"))
LAST_KNOWN_SESSION = CYCLE_SESSIONS[-1][1]


def session_number(raw: object) -> str:
    """The first whole number of a session cell (``- 41st session`` → ``41``), or ""."""
    match = _NUMBER.search(single_value(raw))
    return str(int(match.group())) if match else ""


def cycle_of_session(session: str) -> str:
    if not session.isdigit():
        return ""
    number = int(session)
    for first, last, cycle in CYCLE_SESSIONS:
        if first <= number <= last:
            return cycle
    return ""


def cycle_number(raw: object) -> str:
    """An explicit UPR cycle (``4``, ``4th cycle``, ``Cycle 4``), or ""."""
    match = _NUMBER.search(single_value(raw))
    if not match:
        return ""
    number = int(match.group())
    return str(number) if 1 <= number <= 9 else ""


# --- dates -----------------------------------------------------------------------------------------------

_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:$|[T ])")
_SERIAL = re.compile(r"^\d+(?:\.\d+)?$")
_EXCEL_EPOCH = dt.date(1899, 12, 30)  # serial 61 and later; Excel counts 1900 as a leap year
_EXCEL_MAX_SERIAL = 2958465  # 9999-12-31


def map_date(raw: object) -> str | None:
    """``YYYY-MM-DD`` from an ISO date or timestamp (JSON) or an Excel date serial (1900 date system),
    "" for an empty cell, None when the value is not a date."""
    text = single_value(raw)
    if not text:
        return ""
    iso = _ISO_DATE.match(text)
    if iso:
        try:
            return dt.date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3))).isoformat()
        except ValueError:
            return None
    if _SERIAL.match(text):
        return excel_serial_date(float(text))
    return None


def excel_serial_date(serial: float) -> str | None:
    """An Excel serial of the 1900 date system as ``YYYY-MM-DD`` (the time of day is dropped).

    Excel believes 1900-02-29 existed: serial 60 is that day, which is refused; serials 1-59 are
    1900-01-01 to 1900-02-28, and from 61 on each serial is one day later than a plain count would give.
    """
    day = int(serial)
    if day < 1 or day == 60 or day > _EXCEL_MAX_SERIAL:
        return None
    if day < 60:
        return (dt.date(1899, 12, 31) + dt.timedelta(days=day)).isoformat()
    return (_EXCEL_EPOCH + dt.timedelta(days=day)).isoformat()


# --- annotation ids and uids -----------------------------------------------------------------------------


def annotation_id(raw: object) -> str | None:
    """The OHCHR Annotation Id in canonical form (lower-case, hyphenated), or None when it is not a UUID."""
    text = single_value(raw).strip("{}")
    if not text:
        return None
    try:
        return str(uuid.UUID(text))
    except ValueError:
        return None


def recommendation_uid(annotation: str, iso3: str | None = None) -> str:
    """The uid rule (module docstring): one country → from the annotation id; several → per country."""
    name = annotation if iso3 is None else f"{annotation}/{iso3}"
    return str(uuid.uuid5(NAMESPACE_TCDESK_UHRI, name))


def candidate_uids(annotation: str, iso3: str) -> tuple[str, str]:
    """Both uids the recommendation of ``annotation`` for ``iso3`` may have been given."""
    return recommendation_uid(annotation), recommendation_uid(annotation, iso3)

"""Writers of UHRI exports for tests, built from the column and field lists of the UHRI export itself.

Deliberately independent of tcdesk's reader: openpyxl for the Excel export (with UHRI's own spellings,
"Reccomending Body" and "UPR Reccomending States"), ``json`` for the JSON export. Multi-value cells hold one
value per line prefixed with "- ", single values carry the same "- " bullet, dates are Excel serial
numbers (Excel) or ISO timestamps (JSON), as UHRI writes them.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import uuid
from dataclasses import dataclass, field, replace
from pathlib import Path

import pytest

XLSX_COLUMNS = [
    "Text",
    "Countries Concerned",
    "Reccomending Body",
    "Document Symbol",
    "Themes",
    "Affected Persons",
    "Sdgs",
    "Document Publication Date",
    "UPR Reccomending States",
    "UPR Position",
    "Type",
    "OHCHR Annotation Id",
    "UPR Session",
    "Regions Concerned",
    "Recommending Regions",
    "Date of publication on UHRI",
]
JSON_FIELDS = [
    "AnnotationId",
    "AnnotationType",
    "Body",
    "Countries",
    "Symbol",
    "PublicationDate",
    "Text",
    "Themes",
    "AffectedPersons",
    "Sdgs",
    "UprCycle",
    "UprSession",
    "UprPositions",
    "UprRecommendingCountry",
]
UPR_INFO = Path(__file__).resolve().parents[3] / "shared/data/upr-info/upr_info_recommendations_sessions01-20.csv"
EXCEL_EPOCH = dt.date(1899, 12, 30)


@dataclass(frozen=True)
class Annotation:
    """One UHRI annotation, as a test describes it."""

    id: str
    text: str
    countries: tuple[str, ...] = ("Kenya",)
    body: str = "UPR"
    symbol: str = ""
    themes: tuple[str, ...] = ()
    affected: tuple[str, ...] = ()
    sdgs: tuple[str, ...] = ()
    published: dt.date | None = None
    states: tuple[str, ...] = ()
    position: str = ""
    type: str = "Recommendation"
    session: int | None = None
    regions: tuple[str, ...] = ("Africa",)
    extra: dict = field(default_factory=dict, compare=False)

    def but(self, **changes) -> Annotation:
        return replace(self, **changes)


def new_id() -> str:
    return str(uuid.uuid4())


def serial(day: dt.date) -> int:
    return (day - EXCEL_EPOCH).days


def _lines(values) -> str:
    return "\n".join(f"- {v}" for v in values)


def _bullet(value: str) -> str:
    return f"- {value}" if value else ""


def xlsx_row(a: Annotation) -> list:
    return [
        a.text,
        _lines(a.countries),
        _bullet(a.body),
        a.symbol,
        _lines(a.themes),
        _lines(a.affected),
        _lines(a.sdgs),
        serial(a.published) if a.published else None,
        _lines(a.states),
        _bullet(a.position),
        _bullet(a.type),
        a.id,
        a.session if a.session is not None else None,
        _lines(a.regions),
        _lines(["Western European and other States"]) if a.states else "",
        serial(dt.date(2025, 3, 3)) + 0.45,
    ]


def write_xlsx(path: Path, annotations, *, columns=None, rows=None, sheet_title: str = "Export") -> Path:
    """An Excel export; ``rows`` (lists of cells) are appended as they are, after the annotations."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = sheet_title
    sheet.append(columns or XLSX_COLUMNS)
    for a in annotations:
        sheet.append(xlsx_row(a))
    for row in rows or []:
        sheet.append(row)
    workbook.save(path)
    return path


def json_item(a: Annotation) -> dict:
    return {
        "AnnotationId": a.id,
        "AnnotationType": _bullet(a.type),
        "Body": _bullet(a.body),
        "Countries": list(a.countries),
        "Symbol": a.symbol,
        "PublicationDate": f"{a.published.isoformat()}T00:00:00" if a.published else None,
        "Text": a.text,
        "Themes": list(a.themes),
        "AffectedPersons": list(a.affected),
        "Sdgs": list(a.sdgs),
        "UprCycle": None,
        "UprSession": [str(a.session)] if a.session is not None else [],
        "UprPositions": [a.position] if a.position else [],
        "UprRecommendingCountry": list(a.states),
        "Regions": list(a.regions),
        **a.extra,
    }


def write_json(path: Path, annotations, *, items=None) -> Path:
    data = [json_item(a) for a in annotations] + list(items or [])
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


# --- a hand-written export of Kenya --------------------------------------------------------------------

UPR_DOC = "A/HRC/44/9"
KENYA = [
    Annotation(
        id="5f0c5b7e-2a51-4d8a-9a41-0b6f6f1c2d01",
        text="142.35 Ratify the Optional Protocol to the Convention against Torture and establish a national "
        "preventive mechanism.",
        body="UPR",
        symbol=UPR_DOC,
        themes=("Acceptance of international norms", "Torture and other cruel, inhuman or degrading treatment"),
        affected=("Persons deprived of their liberty",),
        sdgs=(
            "16.3 - Promote the rule of law and ensure equal access to justice",
            "16 - PEACE, JUSTICE AND STRONG INSTITUTIONS",
        ),
        published=dt.date(2020, 3, 27),
        states=("Denmark",),
        position="Supported",
        session=35,
    ),
    Annotation(
        id="5f0c5b7e-2a51-4d8a-9a41-0b6f6f1c2d02",
        text="142.80 Abolish the death penalty and commute all death sentences to life imprisonment.",
        body="UPR",
        symbol=UPR_DOC,
        themes=("Death penalty",),
        published=dt.date(2020, 3, 27),
        states=("Portugal", "Bolivia (Plurinational State of)"),
        position="Noted",
        session=35,
    ),
    Annotation(
        id="5f0c5b7e-2a51-4d8a-9a41-0b6f6f1c2d03",
        text="142.110 Continue its efforts to eliminate female genital mutilation.",
        body="UPR",
        symbol=UPR_DOC,
        themes=("Harmful practices", "Violence against women"),
        affected=("Women & girls", "Children"),
        sdgs=("5.3 - Eliminate harmful practices", "5.2 - End all violence against and exploitation of women"),
        published=dt.date(2020, 3, 27),
        states=("Iran (Islamic Republic of)",),
        position="Partially supported",
        session=35,
    ),
    Annotation(
        id="5f0c5b7e-2a51-4d8a-9a41-0b6f6f1c2d04",
        text="23. The Committee recommends that the State party adopt a comprehensive law on gender equality.",
        body="Committee on the Elimination of Discrimination against Women",
        symbol="CEDAW/C/KEN/CO/8",
        themes=("Women's rights", "Equality & non-discrimination"),
        affected=("Women & girls",),
        sdgs=(
            "5.1 - End discrimination against women and girls",
            "5.c - Adopt and strengthen policies for gender equality",
        ),
        published=dt.date(2017, 11, 22),
        type="Recommendation",
    ),
    Annotation(
        id="5f0c5b7e-2a51-4d8a-9a41-0b6f6f1c2d05",
        text="Le Comité recommande à l’État partie de garantir l’enregistrement gratuit de toutes les naissances.",
        body="CRC",
        symbol="CRC/C/KEN/CO/3-5",
        themes=("Rights related to name, identity & nationality",),
        affected=("Children",),
        sdgs=("16.9 - Universal legal identity and birth registration",),
        published=dt.date(2016, 3, 21),
    ),
    Annotation(
        id="5f0c5b7e-2a51-4d8a-9a41-0b6f6f1c2d06",
        text="توصي المقررة الخاصة بأن تعتمد الدولة خطة وطنية للأمن الغذائي.",
        body="SR on the right to food",
        symbol="A/HRC/52/40/Add.1",
        themes=("Right to food",),
        sdgs=("2.1 - End hunger and ensure access to food", "2 - ZERO HUNGER"),
        published=dt.date(2023, 1, 10),
    ),
    Annotation(
        id="5f0c5b7e-2a51-4d8a-9a41-0b6f6f1c2d07",
        text="Strengthen cross-border cooperation to prevent trafficking in persons in the Great Lakes region.",
        countries=("Kenya", "United Republic of Tanzania"),
        body="Special Rapporteur on trafficking in persons, especially women and children",
        symbol="A/HRC/53/28/Add.2",
        themes=("Trafficking in persons",),
        sdgs=("8.7 - Eradicate forced labour, modern slavery and human trafficking",),
        published=dt.date(2023, 6, 1),
    ),
    Annotation(
        id="5f0c5b7e-2a51-4d8a-9a41-0b6f6f1c2d08",
        text="12. The Committee is concerned about reports of excessive use of force by the police.",
        body="CCPR",
        symbol="CCPR/C/KEN/CO/4",
        type="Concerns/Observations",
        published=dt.date(2021, 5, 11),
    ),
]
# Rows that cannot be used, each for one reason, appended after KENYA (Excel rows 10, 11, 12).
UNUSABLE = [
    Annotation(id="5f0c5b7e-2a51-4d8a-9a41-0b6f6f1c2d09", text="   ", body="UPR", session=35),
    Annotation(
        id="5f0c5b7e-2a51-4d8a-9a41-0b6f6f1c2d10",
        text="Protect human rights defenders.",
        countries=("Atlantis",),
        body="UPR",
        session=35,
        position="Supported",
    ),
    Annotation(id="not-an-annotation-id", text="Guarantee freedom of assembly.", body="UPR", session=35),
]


def uid_of(annotation_id: str, iso3: str | None = None) -> str:
    """The uid rule, written out independently of tcdesk (docs/uhri-import.md)."""
    namespace = uuid.UUID("0d198fd8-9187-4779-98cf-5fab1846f547")
    return str(uuid.uuid5(namespace, annotation_id.lower() if iso3 is None else f"{annotation_id.lower()}/{iso3}"))


# --- real texts from ../shared/data/upr-info ------------------------------------------------------------

# UPR Info short forms → UN names, as UHRI writes them.
UN_NAMES = {
    "Democratic Republic of Congo": "Democratic Republic of the Congo",
    "Bolivia": "Bolivia (Plurinational State of)",
    "Iran": "Iran (Islamic Republic of)",
    "Venezuela": "Venezuela (Bolivarian Republic of)",
    "Tanzania": "United Republic of Tanzania",
    "Republic of Korea": "Republic of Korea",
    "DPR Korea": "Democratic People's Republic of Korea",
    "Cote d'Ivoire": "Côte d'Ivoire",
    "Turkey": "Türkiye",
    "Palestine": "State of Palestine",
    "Bosnia & Herzegovina": "Bosnia and Herzegovina",
}


def upr_info_annotations(states_under_review: set[str], limit: int | None = None) -> list[Annotation]:
    """UPR recommendations to the given States (UPR Info names) from the shared data, as UHRI annotations."""
    if not UPR_INFO.exists():
        pytest.skip("needs ../shared/data/upr-info (absent from a lone clone of the project)")
    out: list[Annotation] = []
    with open(UPR_INFO, encoding="utf-8", newline="") as handle:
        for line in csv.DictReader(handle):
            if line["To"].strip() not in states_under_review:
                continue
            session = int(line["Session"])
            out.append(
                Annotation(
                    id=str(uuid.uuid5(uuid.NAMESPACE_URL, f"upr-info:{line['row_id']}")),
                    text=line["Text"].strip(),
                    countries=(UN_NAMES.get(line["To"].strip(), line["To"].strip()),),
                    body="UPR",
                    symbol=f"A/HRC/WG.6/{session}/L.{int(line['row_id']) % 17 + 1}",
                    themes=tuple(t.strip() for t in line["Issue"].split(",") if t.strip()),
                    states=(UN_NAMES.get(line["From"].strip(), line["From"].strip()),),
                    position={"Accepted": "Supported", "Noted": "Noted"}[line["Response"]],
                    session=session,
                    published=dt.date(2008, 4, 7) + dt.timedelta(days=120 * (session - 1)),
                )
            )
            if limit and len(out) >= limit:
                break
    return out

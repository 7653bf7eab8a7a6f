"""Reading a whole UHRI export into mapped recommendation rows and a report of what could not be used.

Nothing here touches the store: ``read_uhri`` returns a ``UhriBatch`` that the service
(``tcdesk.services.uhri_import``) previews or applies. Every mapped value is already checked with the
contract's validators, so a row listed as usable here is one the edit path accepts.

Where things are reported:
- **problems** make a source row *unusable* (no text, no recognised country, a bad or missing annotation id,
  a body that is not UPR, a treaty body or a special procedure, a value the contract refuses, the same
  annotation id twice with different content). Each reads ``row N column: reason`` with the Excel row
  number (the header is row 1), or ``item N field: reason`` for the JSON export, items numbered from 1 in
  file order.
- **skipped** rows are not errors: annotations that are not recommendations (``Concerns/Observations``),
  annotations of other countries when the import is restricted to some, repeated identical rows.
- **notes** report values that could not be mapped but did not make the row unusable: unknown country
  names next to a known one, goal-level SDG labels (tcdesk stores target codes only), unknown SDG labels,
  UPR positions other than supported/noted (the response is left empty), unreadable dates, sessions
  beyond the known cycles.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from tcdesk.domain import sdg
from tcdesk.domain.schema import RECOMMENDATIONS
from tcdesk.domain.validation import InvalidValue, join_list, normalize
from tcdesk.sync.errors import PackageRefused
from tcdesk.sync.reader import RawWorkbook, open_workbook
from tcdesk.sync.safety import inspect
from tcdesk.uhri import mapping
from tcdesk.uhri.detect import MAX_JSON_BYTES, UHRI_JSON, UHRI_XLSX, Sniffed, header_key, load_json_records

# The columns UHRI owns: a re-import updates these and nothing else.
UHRI_COLUMNS: tuple[str, ...] = (
    "mechanism",
    "body",
    "cycle",
    "session",
    "document",
    "recommending_state",
    "text",
    "response",
    "issued_on",
    "themes",
    "affected_persons",
    "sdg_targets",
)
# Of those, the ones an empty UHRI value never erases (UHRI has no session for a treaty body, no response
# for a pending UPR position…): a value the office or HQ entered stays. Text and the tag lists are UHRI's.
KEEP_WHEN_EMPTY = frozenset(
    {"mechanism", "body", "cycle", "session", "document", "recommending_state", "response", "issued_on"}
)
STATE_SEPARATOR = "; "  # joint UPR recommendations: the recommending States in one cell
MAX_EXAMPLES = 8

# Logical fields → (Excel header keys, the header as UHRI spells it, JSON key).
_FIELDS: dict[str, tuple[tuple[str, ...], str, str]] = {
    "text": (("text",), "Text", "Text"),
    "countries": (("countriesconcerned",), "Countries Concerned", "Countries"),
    "body": (("reccomendingbody", "recommendingbody"), "Reccomending Body", "Body"),
    "symbol": (("documentsymbol",), "Document Symbol", "Symbol"),
    "themes": (("themes",), "Themes", "Themes"),
    "affected": (("affectedpersons",), "Affected Persons", "AffectedPersons"),
    "sdgs": (("sdgs",), "Sdgs", "Sdgs"),
    "date": (("documentpublicationdate",), "Document Publication Date", "PublicationDate"),
    "states": (("uprreccomendingstates", "uprrecommendingstates"), "UPR Reccomending States", "UprRecommendingCountry"),
    "position": (("uprposition", "uprpositions"), "UPR Position", "UprPositions"),
    "type": (("type",), "Type", "AnnotationType"),
    "annotation": (("ohchrannotationid",), "OHCHR Annotation Id", "AnnotationId"),
    "session": (("uprsession",), "UPR Session", "UprSession"),
    "cycle": (("uprcycle",), "UPR Cycle", "UprCycle"),
}
_REQUIRED_XLSX = ("text", "annotation", "body", "countries")
_KNOWN_UNUSED = frozenset({"regionsconcerned", "recommendingregions", "reccomendingregions", "dateofpublicationonuhri"})


@dataclass(frozen=True)
class Problem:
    where: str  # "row 17" (Excel) or "item 17" (JSON)
    column: str
    reason: str

    def __str__(self) -> str:
        return f"{self.where} {self.column}: {self.reason}"


@dataclass
class MappedRow:
    """One recommendation to store: an annotation for one country."""

    where: str
    annotation_id: str
    country: str
    uid: str  # by the uid rule (mapping.recommendation_uid)
    values: dict[str, str]  # canonical text of UHRI_COLUMNS
    paragraph: str = ""  # taken from the text's leading number, set on new records only
    shared: bool = False  # the annotation concerns several countries
    candidates: tuple[str, str] = ("", "")  # the rule's uid first, then the annotation's other uid form


@dataclass
class UhriBatch:
    path: Path
    kind: str
    source_rows: int = 0  # data rows (Excel) or items (JSON) in the file
    rows: list[MappedRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    unusable: int = 0  # source rows with at least one problem
    skipped: Counter[str] = field(default_factory=Counter)
    notes: list[str] = field(default_factory=list)

    @property
    def countries(self) -> Counter[str]:
        return Counter(row.country for row in self.rows)


class _Tally:
    """Values that could not be mapped, counted for the notes."""

    def __init__(self) -> None:
        self.countries: Counter[str] = Counter()
        self.goal_labels: Counter[str] = Counter()
        self.sdg_unknown: Counter[str] = Counter()
        self.positions: Counter[str] = Counter()
        self.mixed_positions = 0
        self.bodies: Counter[str] = Counter()
        self.dates: Counter[str] = Counter()
        self.late_sessions: Counter[str] = Counter()
        self.html = 0
        self.shared = 0


def _examples(counter: Counter[str]) -> str:
    shown = ", ".join(f"{value!r} ({n})" for value, n in counter.most_common(MAX_EXAMPLES))
    return shown + (", …" if len(counter) > MAX_EXAMPLES else "")


def _plural(n: int, word: str, many: str | None = None) -> str:
    return f"{n} {word if n == 1 else (many or word + 's')}"


class _Mapper:
    def __init__(self, batch: UhriBatch, columns: dict[str, str], only: frozenset[str] | None):
        self.batch = batch
        self.columns = columns  # logical field → the column or key name used in problems
        self.only = only
        self.tally = _Tally()
        self.seen: dict[str, tuple[str, object]] = {}  # annotation id → (where, content)

    def map(self, where: str, get: Callable[[str], object]) -> None:
        problems: list[Problem] = []

        def problem(name: str, reason: str) -> None:
            problems.append(Problem(where, self.columns[name], reason))

        kind = mapping.single_value(get("type"))
        if kind and "recommend" not in kind.casefold():
            self.batch.skipped[f"annotations of type {kind!r} (not recommendations)"] += 1
            return
        raw_id = get("annotation")
        annotation = mapping.annotation_id(raw_id)
        if annotation is None:
            shown = mapping.single_value(raw_id)
            problem("annotation", f"{shown!r} is not an annotation id (a UUID)" if shown else "is empty")
        text = mapping.clean_text(get("text"))
        if not text:
            problem("text", "is empty")
        elif mapping.has_markup(get("text")):
            self.tally.html += 1
        raw_body = mapping.single_value(get("body"))
        body = mapping.map_body(raw_body)
        session = mapping.session_number(get("session"))
        positions = mapping.split_values(get("position"))
        if body is None and not raw_body and (session or positions):
            body = mapping.Body("UPR", "UPR")  # a UPR session or position says which mechanism it is
        if body is None:
            if raw_body:
                self.tally.bodies[raw_body] += 1
                problem("body", f"{raw_body!r} is not the UPR, a treaty body or a special procedure")
            else:
                problem("body", "is empty")
        names = mapping.split_values(get("countries"))
        iso3s: list[str] = []
        unknown: list[str] = []
        for name in names:
            code = mapping.map_country(name)
            if code and code not in iso3s:
                iso3s.append(code)
            elif not code:
                unknown.append(name)
                self.tally.countries[name] += 1
        if not iso3s:
            if unknown:
                problem("countries", "no country recognised in " + ", ".join(repr(n) for n in unknown))
            else:
                problem("countries", "is empty")
        values = self._values(body, session, positions, get, text)
        for name, value in values.items():
            try:
                values[name] = normalize(RECOMMENDATIONS.columns_by_name[name], value)
            except InvalidValue as exc:
                problem(_SOURCE_OF.get(name, "text"), str(exc))
        if problems:
            self.batch.problems.extend(problems)
            self.batch.unusable += 1
            return
        assert annotation is not None and body is not None
        self._emit(where, annotation, iso3s, values, text)

    def _values(
        self,
        body: mapping.Body | None,
        session: str,
        positions: list[str],
        get: Callable[[str], object],
        text: str,
    ) -> dict[str, str]:
        upr = body is not None and body.mechanism == "UPR"
        cycle = ""
        if upr:
            cycle = mapping.cycle_number(get("cycle")) or mapping.cycle_of_session(session)
            if session and not cycle:
                self.tally.late_sessions[session] += 1
        else:
            session = ""
        response = self._response(positions) if upr else ""
        issued_on = mapping.map_date(get("date"))
        if issued_on is None:
            self.tally.dates[mapping.single_value(get("date"))] += 1
            issued_on = ""
        targets: list[str] = []
        for label in mapping.split_values(get("sdgs")):
            found = mapping.map_sdg(label)
            if found.level == "target":
                if found.code not in targets:
                    targets.append(found.code)
            elif found.level == "goal":
                self.tally.goal_labels[f"goal {found.code}"] += 1
            else:
                self.tally.sdg_unknown[label] += 1
        return {
            "mechanism": body.mechanism if body else "",
            "body": body.body if body else "",
            "cycle": cycle,
            "session": session,
            "document": mapping.single_value(get("symbol")),
            "recommending_state": STATE_SEPARATOR.join(mapping.split_values(get("states"))) if upr else "",
            "text": text,
            "response": response,
            "issued_on": issued_on,
            "themes": join_list(mapping.split_values(get("themes"))),
            "affected_persons": join_list(mapping.split_values(get("affected"))),
            "sdg_targets": join_list(sorted(targets, key=sdg.sort_key)),
        }

    def _response(self, positions: list[str]) -> str:
        mapped = {mapping.map_position(p) for p in positions}
        for position in positions:
            if not mapping.map_position(position):
                self.tally.positions[position] += 1
        if mapped == {"supported"} or mapped == {"noted"}:
            return mapped.pop()
        if {"supported", "noted"} <= mapped:
            self.tally.mixed_positions += 1
        return ""

    def _emit(self, where: str, annotation: str, iso3s: list[str], values: dict[str, str], text: str) -> None:
        signature = (",".join(iso3s), tuple(sorted(values.items())))
        earlier = self.seen.get(annotation)
        if earlier is not None:
            if earlier[1] == signature:
                self.batch.skipped["repeated rows (same annotation, same content)"] += 1
            else:
                self.batch.problems.append(
                    Problem(
                        where,
                        self.columns["annotation"],
                        f"{annotation} is also on {earlier[0]} with different content",
                    )
                )
                self.batch.unusable += 1
            return
        self.seen[annotation] = (where, signature)
        shared = len(iso3s) > 1
        if shared:
            self.tally.shared += 1
        wanted = [c for c in iso3s if self.only is None or c in self.only]
        if not wanted:
            self.batch.skipped["annotations about other countries"] += 1
            return
        paragraph = mapping.paragraph_of(text)
        for iso3 in wanted:
            single, per_country = mapping.candidate_uids(annotation, iso3)
            uid, other = (per_country, single) if shared else (single, per_country)
            self.batch.rows.append(
                MappedRow(where, annotation, iso3, uid, dict(values), paragraph, shared, (uid, other))
            )

    def finish(self) -> None:
        t, notes = self.tally, self.batch.notes
        if t.shared:
            notes.append(
                f"{_plural(t.shared, 'annotation')} {'concerns' if t.shared == 1 else 'concern'} several countries: "
                "one recommendation per country"
            )
        if t.countries:
            notes.append(f"{_plural(len(t.countries), 'country name')} not recognised: {_examples(t.countries)}")
        if t.bodies:
            notes.append(
                f"{_plural(len(t.bodies), 'recommending body', 'recommending bodies')} not recognised: "
                f"{_examples(t.bodies)}"
            )
        if t.goal_labels:
            total = sum(t.goal_labels.values())
            notes.append(
                f"{_plural(total, 'SDG label')} at goal level only, not stored as targets (recommendations "
                f"hold SDG target codes): {', '.join(f'{g} ({n})' for g, n in t.goal_labels.most_common())}"
            )
        if t.sdg_unknown:
            notes.append(
                f"{_plural(sum(t.sdg_unknown.values()), 'SDG label')} not recognised: {_examples(t.sdg_unknown)}"
            )
        if t.positions:
            notes.append(
                f"{_plural(sum(t.positions.values()), 'UPR position')} not mapped to supported or noted, "
                f"response left empty: {_examples(t.positions)}"
            )
        if t.mixed_positions:
            notes.append(
                f"{_plural(t.mixed_positions, 'recommendation')} both supported and noted, response left empty"
            )
        if t.dates:
            notes.append(
                f"{_plural(sum(t.dates.values()), 'publication date')} not understood, left empty: {_examples(t.dates)}"
            )
        if t.late_sessions:
            notes.append(
                f"UPR sessions after session {mapping.LAST_KNOWN_SESSION} (end of the 4th cycle) have no cycle yet: "
                f"{_examples(t.late_sessions)}"
            )
        if t.html:
            notes.append(f"{_plural(t.html, 'text')} had HTML markup, stored as plain text")


# A value refused by the contract's validator is reported against the source column it came from.
_SOURCE_OF = {
    "mechanism": "body",
    "body": "body",
    "cycle": "cycle",
    "session": "session",
    "document": "symbol",
    "recommending_state": "states",
    "text": "text",
    "response": "position",
    "issued_on": "date",
    "themes": "themes",
    "affected_persons": "affected",
    "sdg_targets": "sdgs",
}


def read_uhri(
    path: Path, kind: str, countries: Iterable[str] | None = None, *, sniffed: Sniffed | None = None
) -> UhriBatch:
    """Read a UHRI export of ``kind`` (``uhri-xlsx`` or ``uhri-json``, from ``detect``).

    ``countries`` (ISO3 codes) keeps only the recommendations concerning them; ``sniffed`` is what
    ``detect.sniff`` already read of this file, so that it is not read twice. Raises PackageRefused when
    the file as a whole cannot be used (unsafe, unreadable, a required column missing); row-level problems
    are in the batch.
    """
    only = frozenset(c.strip().upper() for c in countries) if countries is not None else None
    batch = UhriBatch(path=path, kind=kind)
    known = sniffed if sniffed is not None and sniffed.kind == kind else None
    if kind == UHRI_XLSX:
        _read_xlsx(path, batch, only, known.workbook if known else None)
    elif kind == UHRI_JSON:
        _read_json(path, batch, only, known.records if known else None)
    else:
        raise PackageRefused(f"{path.name} was refused: it is not a UHRI export")
    return batch


def _read_xlsx(path: Path, batch: UhriBatch, only: frozenset[str] | None, workbook: RawWorkbook | None) -> None:
    if workbook is None:
        # The shared safety checks first (size, zip bomb, entities, macros); then the first sheet only.
        names = list(inspect(path).sheet_parts)
        workbook = open_workbook(path, only=set(names[:1]))
    if not workbook.sheet_names:
        raise PackageRefused(f"{path.name} was refused: the workbook has no sheet")
    sheet = workbook.sheets[workbook.sheet_names[0]]
    positions: dict[str, int] = {}
    columns: dict[str, str] = {}
    ignored: list[str] = []
    for index, header in enumerate(sheet.header):
        key = header_key(header)
        name = next((n for n, (keys, _, _) in _FIELDS.items() if key in keys), None)
        if name is not None and name not in positions:
            positions[name], columns[name] = index, header
        elif header and key not in _KNOWN_UNUSED:
            ignored.append(header)
    missing = [_FIELDS[n][1] for n in _REQUIRED_XLSX if n not in positions]
    if missing:
        raise PackageRefused(
            f"{path.name} was refused: it is not a complete UHRI export; missing column"
            f"{'s' if len(missing) > 1 else ''}: {', '.join(missing)}"
        )
    for name, (_, spelled, _) in _FIELDS.items():
        columns.setdefault(name, spelled)
    absent = [_FIELDS[n][1] for n in _FIELDS if n not in positions and n != "cycle"]
    mapper = _Mapper(batch, columns, only)
    for number, cells in sheet.rows:
        batch.source_rows += 1
        mapper.map(f"row {number}", lambda name, cells=cells: cells[positions[name]] if name in positions else "")
    mapper.finish()
    if absent:
        batch.notes.append(f"columns not in this export (left empty): {', '.join(absent)}")
    if ignored:
        batch.notes.append(f"columns ignored: {', '.join(ignored)}")
    if len(workbook.sheet_names) > 1:
        batch.notes.append(f"only the first sheet ({workbook.sheet_names[0]!r}) was read")


def _read_json(path: Path, batch: UhriBatch, only: frozenset[str] | None, records: list | None) -> None:
    if records is None:
        records = load_json_records(path)
    if records is None:
        raise PackageRefused(
            f"{path.name} was refused: it is not a UHRI JSON export (a list of records with AnnotationId and Text, "
            f"at most {MAX_JSON_BYTES // (1024 * 1024)} MB)"
        )
    columns = {name: key for name, (_, _, key) in _FIELDS.items()}
    mapper = _Mapper(batch, columns, only)
    for index, item in enumerate(records, start=1):
        batch.source_rows += 1
        if not isinstance(item, dict):
            batch.problems.append(Problem(f"item {index}", "(record)", "is not a JSON object"))
            batch.unusable += 1
            continue
        mapper.map(f"item {index}", lambda name, item=item: item.get(columns[name]))
    mapper.finish()

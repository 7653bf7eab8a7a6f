"""Words for the exchange screens: sheet, outcome, kind and column names, progress steps, times.

The core speaks the contract's vocabulary ("inserted", "field-return", "implementation_status") in
English; these functions give the words users read, through Qt's translation machinery (context
``Exchange``; the literal lists are what ``lupdate`` extracts). Unknown values are shown as they come, so
a newer package never makes a screen fail.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDateTime, Qt

CONTEXT = "Exchange"

SHEET_NAMES = {
    "countries": QT_TRANSLATE_NOOP("Exchange", "Countries"),
    "recommendations": QT_TRANSLATE_NOOP("Exchange", "Recommendations"),
    "clusters": QT_TRANSLATE_NOOP("Exchange", "Clusters"),
    "cluster_members": QT_TRANSLATE_NOOP("Exchange", "Cluster members"),
    "projects": QT_TRANSLATE_NOOP("Exchange", "Projects"),
    "project_links": QT_TRANSLATE_NOOP("Exchange", "Project links"),
    "assessments": QT_TRANSLATE_NOOP("Exchange", "Checklist assessments"),
    "checklist_items": QT_TRANSLATE_NOOP("Exchange", "Checklist items"),
    "sdg_reference": QT_TRANSLATE_NOOP("Exchange", "SDG reference"),
}
RECORD_SHEETS = ("countries", "recommendations", "clusters", "projects", "assessments")

OUTCOME_NAMES = {
    "inserted": QT_TRANSLATE_NOOP("Exchange", "New"),  # "inserted" is the store's word, not the user's
    "updated": QT_TRANSLATE_NOOP("Exchange", "Updated"),
    "unchanged": QT_TRANSLATE_NOOP("Exchange", "Unchanged"),
    "stale": QT_TRANSLATE_NOOP("Exchange", "Older"),
    "conflicting": QT_TRANSLATE_NOOP("Exchange", "Conflicting"),
    "deleted": QT_TRANSLATE_NOOP("Exchange", "Deleted"),
    "exported": QT_TRANSLATE_NOOP("Exchange", "Exported"),
}
OUTCOME_ORDER = tuple(OUTCOME_NAMES)
OUTCOME_HELP = {
    "inserted": QT_TRANSLATE_NOOP("Exchange", "Records this desk does not have yet"),
    "updated": QT_TRANSLATE_NOOP("Exchange", "Newer versions of records that were not changed here"),
    "unchanged": QT_TRANSLATE_NOOP("Exchange", "Records this desk already has in the same version"),
    "stale": QT_TRANSLATE_NOOP("Exchange", "Versions older than the ones here: skipped, never applied"),
    "conflicting": QT_TRANSLATE_NOOP(
        "Exchange", "Records changed here and by the sender: both versions are kept until you resolve them"
    ),
    "deleted": QT_TRANSLATE_NOOP("Exchange", "Records the sender deleted"),
    "exported": QT_TRANSLATE_NOOP("Exchange", "Rows written to the package"),
}

KIND_NAMES = {
    "hq-update": QT_TRANSLATE_NOOP("Exchange", "HQ update"),
    "field-return": QT_TRANSLATE_NOOP("Exchange", "Field return"),
}

PROGRESS_STEPS = {
    "checking the file": QT_TRANSLATE_NOOP("Exchange", "Checking the file…"),
    "checking the manifest": QT_TRANSLATE_NOOP("Exchange", "Reading what the package says about itself…"),
    "verifying the digest": QT_TRANSLATE_NOOP("Exchange", "Checking that nothing was altered…"),
    "validating every row": QT_TRANSLATE_NOOP("Exchange", "Checking every row…"),
    "applying": QT_TRANSLATE_NOOP("Exchange", "Applying the changes…"),
    "recording the import": QT_TRANSLATE_NOOP("Exchange", "Recording the import…"),
    "collecting records": QT_TRANSLATE_NOOP("Exchange", "Collecting the records to send…"),
    "writing the workbook": QT_TRANSLATE_NOOP("Exchange", "Writing the package…"),
    "done": QT_TRANSLATE_NOOP("Exchange", "Done"),
}

COLUMN_NAMES = {
    "iso3": QT_TRANSLATE_NOOP("Exchange", "ISO code"),
    "name": QT_TRANSLATE_NOOP("Exchange", "Name"),
    "region": QT_TRANSLATE_NOOP("Exchange", "Region"),
    "presence": QT_TRANSLATE_NOOP("Exchange", "OHCHR presence"),
    "country": QT_TRANSLATE_NOOP("Exchange", "Country"),
    "mechanism": QT_TRANSLATE_NOOP("Exchange", "Mechanism"),
    "body": QT_TRANSLATE_NOOP("Exchange", "Body"),
    "cycle": QT_TRANSLATE_NOOP("Exchange", "Cycle"),
    "session": QT_TRANSLATE_NOOP("Exchange", "Session"),
    "document": QT_TRANSLATE_NOOP("Exchange", "Document"),
    "paragraph": QT_TRANSLATE_NOOP("Exchange", "Paragraph"),
    "recommending_state": QT_TRANSLATE_NOOP("Exchange", "Recommending State"),
    "text": QT_TRANSLATE_NOOP("Exchange", "Text"),
    "response": QT_TRANSLATE_NOOP("Exchange", "Response"),
    "issued_on": QT_TRANSLATE_NOOP("Exchange", "Issued on"),
    "themes": QT_TRANSLATE_NOOP("Exchange", "Themes"),
    "affected_persons": QT_TRANSLATE_NOOP("Exchange", "Affected persons"),
    "sdg_targets": QT_TRANSLATE_NOOP("Exchange", "SDG targets"),
    "implementation_status": QT_TRANSLATE_NOOP("Exchange", "Implementation status"),
    "notes": QT_TRANSLATE_NOOP("Exchange", "Notes"),
    "title": QT_TRANSLATE_NOOP("Exchange", "Title"),
    "summary": QT_TRANSLATE_NOOP("Exchange", "Summary"),
    "sdg_goals": QT_TRANSLATE_NOOP("Exchange", "SDG goals"),
    "priority": QT_TRANSLATE_NOOP("Exchange", "Priority"),
    "code": QT_TRANSLATE_NOOP("Exchange", "Code"),
    "status": QT_TRANSLATE_NOOP("Exchange", "Status"),
    "start_date": QT_TRANSLATE_NOOP("Exchange", "Start date"),
    "end_date": QT_TRANSLATE_NOOP("Exchange", "End date"),
    "budget_usd": QT_TRANSLATE_NOOP("Exchange", "Budget (USD)"),
    "funding_source": QT_TRANSLATE_NOOP("Exchange", "Funding source"),
    "implementing_entity": QT_TRANSLATE_NOOP("Exchange", "Implementing entity"),
    "partners": QT_TRANSLATE_NOOP("Exchange", "Partners"),
    "modality": QT_TRANSLATE_NOOP("Exchange", "Modality"),
    "results": QT_TRANSLATE_NOOP("Exchange", "Results"),
    "template": QT_TRANSLATE_NOOP("Exchange", "Checklist"),
    "version": QT_TRANSLATE_NOOP("Exchange", "Checklist version"),
    "evidence": QT_TRANSLATE_NOOP("Exchange", "Evidence"),
    "links": QT_TRANSLATE_NOOP("Exchange", "Linked recommendations and clusters"),
    "assessed_on": QT_TRANSLATE_NOOP("Exchange", "Assessed on"),
    "deleted": QT_TRANSLATE_NOOP("Exchange", "Deleted"),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def sheet_name(sheet: str) -> str:
    return _tr(SHEET_NAMES[sheet]) if sheet in SHEET_NAMES else sheet


def outcome_name(outcome: str) -> str:
    return _tr(OUTCOME_NAMES[outcome]) if outcome in OUTCOME_NAMES else outcome


def outcome_help(outcome: str) -> str:
    return _tr(OUTCOME_HELP[outcome]) if outcome in OUTCOME_HELP else ""


def kind_name(kind: str) -> str:
    return _tr(KIND_NAMES[kind]) if kind in KIND_NAMES else kind


def column_name(column: str) -> str:
    return _tr(COLUMN_NAMES[column]) if column in COLUMN_NAMES else column.replace("_", " ").capitalize()


def progress_text(message: str) -> str:
    """A progress step of the core in the user's words ("writing recommendations" included)."""
    if message in PROGRESS_STEPS:
        return _tr(PROGRESS_STEPS[message])
    if message.startswith("writing "):
        sheet = message.removeprefix("writing ")
        return QCoreApplication.translate(CONTEXT, "Writing %1…").replace("%1", sheet_name(sheet).lower())
    return message


def local_time(stamp: str) -> str:
    """A contract timestamp (UTC, ``…Z``) as local date and time to the minute; "" stays ""."""
    if not stamp:
        return ""
    moment = QDateTime.fromString(stamp, Qt.DateFormat.ISODate)
    if not moment.isValid():
        return stamp
    return moment.toLocalTime().toString("yyyy-MM-dd HH:mm")


def local_date(stamp: str) -> str:
    return local_time(stamp)[:10]

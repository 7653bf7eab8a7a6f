"""User-visible names of the core's vocabulary terms, through Qt's translation machinery.

The core keeps its terms in English (they are also the values of the exchange contract); the GUI shows
them translated under the context ``Vocabulary``. The literal list below is what ``lupdate`` extracts.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from tcdesk.domain import vocabulary as v

_TERMS = (
    QT_TRANSLATE_NOOP("Vocabulary", "Universal Periodic Review"),
    QT_TRANSLATE_NOOP("Vocabulary", "Treaty bodies"),
    QT_TRANSLATE_NOOP("Vocabulary", "Special procedures"),
    QT_TRANSLATE_NOOP("Vocabulary", "supported"),
    QT_TRANSLATE_NOOP("Vocabulary", "noted"),
    QT_TRANSLATE_NOOP("Vocabulary", "not started"),
    QT_TRANSLATE_NOOP("Vocabulary", "in progress"),
    QT_TRANSLATE_NOOP("Vocabulary", "partially implemented"),
    QT_TRANSLATE_NOOP("Vocabulary", "implemented"),
)


def arg(text: str, *values: object) -> str:
    """Qt's ``%1``, ``%2``… placeholders filled in (translators may reorder them; Python strings lack
    QString.arg)."""
    for position in range(len(values), 0, -1):  # %10 before %1
        text = text.replace(f"%{position}", str(values[position - 1]))
    return text


def term(text: str) -> str:
    """A vocabulary term in the user's language (the term itself when there is no translation)."""
    return QCoreApplication.translate("Vocabulary", text)


def capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def mechanism_name(code: str) -> str:
    """'Universal Periodic Review (UPR)' for 'UPR'; unknown codes are shown as they are."""
    name = v.MECHANISM_NAMES.get(code)
    return f"{term(name)} ({code})" if name else code


def response_name(response: str) -> str:
    if not response:
        return QCoreApplication.translate("Vocabulary", "No response recorded")
    return capitalised(term(response))


def status_name(status: str) -> str:
    if not status:
        return QCoreApplication.translate("Vocabulary", "Not recorded")
    return capitalised(term(status))

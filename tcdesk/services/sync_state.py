"""What this installation knows about its exchanges with HQ: the acknowledged change mark.

A field return records the highest change mark it carries; when HQ acknowledges that package, every
change up to that mark is known to HQ and leaves the "changes to send".
"""

from __future__ import annotations

from sqlalchemy import func
from sqlmodel import Session, col, select

from tcdesk.store.models import ExchangeLogEntry


def acknowledged_mark(session: Session) -> int:
    mark = session.exec(
        select(func.max(ExchangeLogEntry.change_mark)).where(
            ExchangeLogEntry.direction == "export", col(ExchangeLogEntry.acknowledged).is_(True)
        )
    ).one()
    return mark or 0

"""A store of many synthetic recommendations for the table tests, inserted with SQLAlchemy Core.

``records.create`` stamps every row one by one (about 1 ms each); Core inserts are what an import does
in bulk, and the store's triggers keep the search index and the facet tags current either way.
"""

from __future__ import annotations

import uuid

WORDS = ("torture", "education", "women", "justice", "water", "prisons", "elections", "media")
STATUSES = ("not started", "in progress", "partially implemented", "implemented", "")
THEMES = ("Right to education", "Women's rights", "Torture", "Administration of justice", "Right to water")


def synthetic_rows(count: int, country: str = "KEN") -> list[dict[str, object]]:
    rows = []
    for i in range(count):
        word = WORDS[i % len(WORDS)]
        rows.append(
            {
                "uid": str(uuid.UUID(int=i + 1)),
                "rev": 1,
                "base_rev": 0,
                "updated_at": "2026-01-01T00:00:00Z",
                "updated_by": "HQ",
                "deleted": False,
                "local_change": None,
                "country": country,
                "mechanism": ("UPR", "TB", "SP")[i % 3],
                "body": ("UPR", "CEDAW", "Special Rapporteur on torture")[i % 3],
                "cycle": str(1 + i % 4) if i % 3 == 0 else "",
                "session": str(10 + i % 30),
                "document": f"A/HRC/{30 + i % 20}/{i % 7 + 1}",
                "paragraph": f"{100 + i // 100}.{i % 100}",
                "recommending_state": f"State {i % 97:02d}",
                "text": f"Recommendation {i:05d} on {word}: take measures on {word} in every region.",
                "response": ("supported", "noted", "")[i % 3] if i % 3 == 0 else "",
                "issued_on": "2024-05-10",
                "themes": "\n".join({THEMES[i % len(THEMES)], THEMES[(i // 5) % len(THEMES)]}),
                "affected_persons": "Women & girls" if word == "women" else "",
                "sdg_targets": ("16.3", "4.5", "5.2", "6.1", "16.10")[i % 5],
                "implementation_status": STATUSES[i % len(STATUSES)],
                "notes": "",
            }
        )
    return rows


def insert_recommendations(store, rows: list[dict[str, object]]) -> None:
    from sqlalchemy import insert

    from tcdesk.store.models import Recommendation

    with store.engine.begin() as connection:
        connection.execute(insert(Recommendation.__table__), rows)

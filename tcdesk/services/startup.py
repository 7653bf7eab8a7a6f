"""Opening the store the way the app and the command line do: schema migrated, bundled template present.

The bundled CCA checklist is part of every installation, like the schema, so that assessments made
against it can travel between any two tcdesk stores, including one that was just created.
"""

from __future__ import annotations

from tcdesk.paths import DataDir
from tcdesk.services.checklist_templates import ensure_bundled_template
from tcdesk.store.db import Store, open_store


def open_app_store(data_dir: DataDir) -> Store:
    store = open_store(data_dir)
    with store.transaction() as session:
        ensure_bundled_template(session)
    return store

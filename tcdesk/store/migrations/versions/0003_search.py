"""Full-text search over recommendations and a tag table for facets, both kept current by triggers.

- ``recommendations_fts``: a contentless FTS5 index (the text lives in ``recommendations`` already) over
  text, themes, affected persons and notes, tokenised by unicode61 with Latin accents folded and each CJK
  character indexed as its own token (tcdesk.store.search_text).
- ``recommendation_tags``: one row per theme, affected person and SDG target of each recommendation, so
  that facets count and filter with an index instead of splitting line lists for 100,000 rows.
Triggers on ``recommendations`` maintain both, whatever writes the row (an edit, an import, a migration).

Revision ID: 0003_search
Revises: 0002_figure_indexes
"""

from alembic import op

revision = "0003_search"
down_revision = "0002_figure_indexes"
branch_labels = None
depends_on = None

_DOC_NEW = "tc_search_doc(new.text, new.themes, new.affected_persons, new.notes)"
_DOC_OLD = "tc_search_doc(old.text, old.themes, old.affected_persons, old.notes)"
_TAGS_NEW = """
    INSERT INTO recommendation_tags (rec_rowid, kind, value)
        SELECT new.rowid, 'theme', value FROM json_each(tc_list_json(new.themes))
        UNION ALL SELECT new.rowid, 'affected', value FROM json_each(tc_list_json(new.affected_persons))
        UNION ALL SELECT new.rowid, 'sdg', value FROM json_each(tc_list_json(new.sdg_targets));
"""


def upgrade() -> None:
    op.execute(
        "CREATE VIRTUAL TABLE recommendations_fts USING fts5(doc, content='', tokenize='unicode61 remove_diacritics 2')"
    )
    op.execute("CREATE TABLE recommendation_tags (rec_rowid INTEGER NOT NULL, kind TEXT NOT NULL, value TEXT NOT NULL)")
    op.execute("CREATE INDEX ix_recommendation_tags_kind_value ON recommendation_tags (kind, value, rec_rowid)")
    op.execute("CREATE INDEX ix_recommendation_tags_rowid ON recommendation_tags (rec_rowid)")
    op.execute(f"""
        CREATE TRIGGER recommendations_search_insert AFTER INSERT ON recommendations BEGIN
            INSERT INTO recommendations_fts (rowid, doc) VALUES (new.rowid, {_DOC_NEW});
            {_TAGS_NEW}
        END""")
    op.execute(f"""
        CREATE TRIGGER recommendations_search_delete AFTER DELETE ON recommendations BEGIN
            INSERT INTO recommendations_fts (recommendations_fts, rowid, doc) VALUES ('delete', old.rowid, {_DOC_OLD});
            DELETE FROM recommendation_tags WHERE rec_rowid = old.rowid;
        END""")
    op.execute(f"""
        CREATE TRIGGER recommendations_search_update AFTER UPDATE OF text, themes, affected_persons, notes,
            sdg_targets ON recommendations BEGIN
            INSERT INTO recommendations_fts (recommendations_fts, rowid, doc) VALUES ('delete', old.rowid, {_DOC_OLD});
            INSERT INTO recommendations_fts (rowid, doc) VALUES (new.rowid, {_DOC_NEW});
            DELETE FROM recommendation_tags WHERE rec_rowid = old.rowid;
            {_TAGS_NEW}
        END""")
    # Index what is already there (a store upgraded from 0002).
    op.execute(
        "INSERT INTO recommendations_fts (rowid, doc) "
        "SELECT rowid, tc_search_doc(text, themes, affected_persons, notes) FROM recommendations"
    )
    for kind, column in (("theme", "themes"), ("affected", "affected_persons"), ("sdg", "sdg_targets")):
        op.execute(
            "INSERT INTO recommendation_tags (rec_rowid, kind, value) "
            f"SELECT r.rowid, '{kind}', j.value FROM recommendations AS r, json_each(tc_list_json(r.{column})) AS j"
        )


def downgrade() -> None:
    for trigger in ("insert", "delete", "update"):
        op.execute(f"DROP TRIGGER recommendations_search_{trigger}")
    op.execute("DROP TABLE recommendation_tags")
    op.execute("DROP TABLE recommendations_fts")

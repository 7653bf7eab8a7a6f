"""Full-text search in the six UN languages, facets and paging, on a real store kept current by triggers."""

from __future__ import annotations

import csv

import pytest

from tcdesk.services import recommendation_query as q
from tcdesk.services import records
from tcdesk.store.search_text import highlight_spans, match_expression
from tests.conftest import shared_data

TEXTS = {
    "en": "Strengthen the independence of the judiciary and ensure fair trial guarantees",
    "fr": "Renforcer la protection des défenseurs des droits de l'homme et des journalistes",
    "es": "Garantizar el acceso a la educación de las niñas indígenas",
    "ar": "تعزيز استقلال القضاء وضمان المحاكمة العادلة",
    "ru": "Обеспечить независимость национального правозащитного учреждения",
    "zh": "加强国家人权机构的独立性并确保公正审判",
}


@pytest.fixture
def searchable(office_store):
    uids = {}
    for lang, text in TEXTS.items():
        uids[lang] = records.create(
            office_store,
            "recommendations",
            {
                "country": "KEN",
                "mechanism": "UPR" if lang in ("en", "fr", "ar") else "TB",
                "body": "UPR" if lang in ("en", "fr", "ar") else "CEDAW",
                "text": text,
                "themes": "Justice" if lang in ("en", "ar", "zh") else "Education",
                "sdg_targets": "16.3" if lang in ("en", "ar", "zh") else "4.5\n5.1",
                "response": "supported" if lang == "en" else "",
            },
        )
    return office_store, uids


def _found(store, text, **chosen):
    return {r["uid"] for r in q.fetch(store, q.RecFilter(text=text, chosen=chosen), limit=100)}


@pytest.mark.parametrize(
    ("query", "lang"),
    [
        ("judiciary", "en"),
        ("JUDICIARY fair", "en"),
        ("independ", "en"),
        ("defenseurs", "fr"),
        ("Défenseurs droits", "fr"),  # accents folded both ways
        ("educacion ninas", "es"),
        ("NIÑAS", "es"),
        ("القضاء", "ar"),
        ("المحاكمة العادلة", "ar"),
        ("правозащитного", "ru"),
        ("Независимость", "ru"),
        ("人权", "zh"),
        ("公正审判", "zh"),
        ("机", "zh"),  # Chinese by substring, any length
    ],
)
def test_search_finds_words_in_every_un_language(searchable, query, lang):
    store, uids = searchable
    assert _found(store, query) == {uids[lang]}


def test_search_does_not_match_across_languages_or_nonsense(searchable):
    store, _ = searchable
    assert _found(store, "rapporteur") == set()
    assert _found(store, "人口") == set()  # both characters exist elsewhere, never side by side


def test_user_syntax_is_never_fts_syntax(searchable):
    store, uids = searchable
    assert _found(store, 'judiciary" * -fair: (') == {uids["en"]}
    assert match_expression("  ") is None


def test_the_index_follows_edits_and_deletions(searchable):
    store, uids = searchable
    records.update(store, "recommendations", uids["en"], {"notes": "Raised with the Chief Justice in March"})
    assert _found(store, "chief justice") == {uids["en"]}
    records.update(store, "recommendations", uids["en"], {"notes": ""})
    assert _found(store, "chief") == set()
    with store.engine.begin() as conn:
        conn.exec_driver_sql("DELETE FROM recommendations WHERE uid = ?", (uids["fr"],))
    assert _found(store, "defenseurs") == set()


def test_facets_count_under_the_other_filters(searchable):
    store, _uids = searchable
    f = q.RecFilter(country="KEN")
    assert dict(q.facet_counts(store, f, "mechanism")) == {"UPR": 3, "TB": 3}
    assert dict(q.facet_counts(store, f, "theme")) == {"Justice": 3, "Education": 3}
    assert dict(q.facet_counts(store, f, "sdg_goal")) == {"16": 3, "4": 3, "5": 3}
    chosen = f.with_facet("theme", ("Justice",))
    assert dict(q.facet_counts(store, chosen, "mechanism")) == {"UPR": 2, "TB": 1}
    assert dict(q.facet_counts(store, chosen, "theme")) == {"Justice": 3, "Education": 3}  # its own: ignored
    assert q.count(store, chosen.with_facet("mechanism", ("TB",))) == 1
    assert q.count(store, f.with_facet("sdg_goal", ("4",)).with_facet("response", ("",))) == 3
    assert dict(q.facet_counts(store, f, "clustered")) == {"yes": 0, "no": 6}


def test_clustered_filter_follows_membership(searchable):
    store, uids = searchable
    cluster = records.create(store, "clusters", {"country": "KEN", "title": "Justice"})
    records.set_cluster_members(store, cluster, [uids["en"], uids["zh"]])
    assert set(q.uids(store, q.RecFilter(clustered=True))) == {uids["en"], uids["zh"]}
    assert len(q.uids(store, q.RecFilter(clustered=False))) == 4


def test_sorting_and_paging_are_stable(searchable):
    store, _ = searchable
    everything = q.fetch(store, q.RecFilter(), order_by="text", limit=100)
    pages = q.fetch(store, q.RecFilter(), order_by="text", limit=4) + q.fetch(
        store, q.RecFilter(), order_by="text", offset=4, limit=4
    )
    assert [r["uid"] for r in pages] == [r["uid"] for r in everything]
    backwards = q.fetch(store, q.RecFilter(), order_by="text", descending=True, limit=100)
    assert [r["uid"] for r in backwards] == [r["uid"] for r in reversed(everything)]
    with pytest.raises(ValueError, match="cannot sort by"):
        q.fetch(store, q.RecFilter(), order_by="rowid; DROP TABLE recommendations")


def test_arabic_elongation_and_vowel_marks_do_not_hide_words(office_store):
    uid = records.create(
        office_store, "recommendations", {"country": "KEN", "mechanism": "UPR", "text": "تعزيز ســيادة القانونِ"}
    )
    assert _found(office_store, "سيادة القانون") == {uid}
    text = records.get(office_store, "recommendations", uid)["text"]
    assert [text[a:b] for a, b in highlight_spans(text, "سيادة")] == ["ســيادة"]


def test_highlight_spans_follow_what_matched():
    text = "Renforcer la protection des Défenseurs des droits"
    assert [text[a:b] for a, b in highlight_spans(text, "defenseur droit")] == ["Défenseurs", "droits"]
    zh = "加强国家人权机构"
    assert [zh[a:b] for a, b in highlight_spans(zh, "人权")] == ["人权"]


def test_sdg_titles_in_six_languages_are_searchable(office_store):
    """Real multilingual text: the official SDG target titles in the six UN languages."""
    path = shared_data("sdg/sdg_goals_targets_6lang.csv")
    with open(path, encoding="utf-8") as handle:
        row = next(r for r in csv.DictReader(handle) if r["code"] == "16.3")
    made = {}
    for lang in ("en", "fr", "es", "ar", "ru", "zh-Hans"):
        made[lang] = records.create(
            office_store, "recommendations", {"country": "KEN", "mechanism": "SP", "text": row[f"title_{lang}"]}
        )
    queries = {
        "en": "rule of law",
        "fr": "état de droit",
        "es": "estado de derecho",
        "ar": "سيادة القانون",
        "ru": "верховенств права",
        "zh-Hans": "法治",
    }
    for lang, query in queries.items():
        assert made[lang] in _found(office_store, query), (lang, query)

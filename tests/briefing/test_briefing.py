"""The briefing on a real store (the demo loaded), read back with pypdf: what it contains and how it is cut."""

from __future__ import annotations

import re

import pytest
from pypdf import PdfReader

from tcdesk.briefing import BriefingOptions, build_briefing
from tcdesk.services import clusters, portfolio, records
from tcdesk.services.briefing_data import UnknownCountry
from tcdesk.sync.errors import Cancelled
from tests.briefing.pdf import normal

SECTION_TITLES = {
    "figures": "1  Key figures",
    "clusters": "2  Priority clusters",
    "checklist": "3  CCA checklist",
    "projects": "4  Technical cooperation portfolio",
    "annex": "Annex  Recommendations by cluster",
}


def member_texts(store, cluster_uid: str) -> list[tuple[str, str]]:
    """(text, status) of a cluster's live members, read through the edit path's reader."""
    return [
        (rec["text"], rec["implementation_status"])
        for rec in (records.get(store, "recommendations", uid) for uid in clusters.member_uids(store, cluster_uid))
        if rec["deleted"] in ("0", "", "False", "false")
    ]


def high_priority(store, iso3: str = "XVL"):  # type: ignore[no-untyped-def]
    return [c for c in clusters.list_clusters(store, iso3) if c.priority == "high"]


def test_full_briefing_has_every_section_bookmarked_and_numbered_pages(demo_store, build):
    briefing = build(demo_store)
    pages = len(briefing.pages)
    assert pages > 15
    top = briefing.titles(level=0)
    assert top == ["Cover", "Contents", *SECTION_TITLES.values()]
    # each cluster is a bookmark under its section, in the clusters section and in the annex
    chosen = high_priority(demo_store)
    children = briefing.titles(level=1)
    for i, cluster in enumerate(sorted(chosen, key=lambda c: c.title.casefold()), start=1):
        assert f"2.{i}  {cluster.title}" in children
        assert f"A.{i}  {cluster.title}" in children
    # bookmarks point at pages in reading order, the cover first
    assert [o.page for o in briefing.outline if o.level == 0] == sorted(
        o.page for o in briefing.outline if o.level == 0
    )
    assert briefing.outline[0].page == 1
    # running footer on every page after the cover; the marking at the top and bottom of every page
    for number, text in enumerate(briefing.pages, start=1):
        assert text.count("UN INTERNAL") >= 2, f"page {number} lacks the marking"
        if number > 1:
            assert f"Page {number} of {pages}" in text
    assert briefing.metadata["/Title"] == "Republic of Veltrana: human rights briefing"
    assert briefing.result.pages == pages


def test_contents_give_the_page_each_section_starts_on(demo_store, build):
    briefing = build(demo_store)
    contents = normal(briefing.pages[1])
    for entry in briefing.outline:
        if entry.title in ("Cover", "Contents") or entry.title.startswith("A."):
            continue
        number, title = entry.title.split("  ", 1)
        found = re.search(re.escape(normal(number)) + r" " + re.escape(normal(title)) + r" (\d+)", contents)
        assert found, f"{entry.title} is not in the contents"
        assert int(found.group(1)) == entry.page


def test_country_clusters_projects_and_recommendations_are_in_the_text(demo_store, build):
    briefing = build(demo_store)
    assert briefing.contains("Republic of Veltrana")
    for cluster in high_priority(demo_store):
        assert briefing.contains(cluster.title)
        for text, _status in member_texts(demo_store, cluster.uid):
            assert briefing.contains(text), text[:60]
    for project in portfolio.projects(demo_store, "XVL"):
        assert briefing.contains(project.title)
    # the other clusters are not listed (only high priority by default) but are counted
    others = [c for c in clusters.list_clusters(demo_store, "XVL") if c.priority != "high"]
    assert others and not any(briefing.contains(f"A.{i}  {c.title}") for i, c in enumerate(others))


def test_all_clusters_lists_every_cluster_and_the_unclustered(demo_store, build):
    briefing = build(demo_store, all_clusters=True)
    assert "2  Clusters" in briefing.titles(level=0)
    every = clusters.list_clusters(demo_store, "XVL")
    annex = [t for t in briefing.titles(level=1) if t.startswith("A.")]
    assert len(annex) >= len(every)
    for cluster in every:
        assert any(t.endswith(cluster.title) for t in annex)


def test_sections_are_respected(demo_store, build):
    briefing = build(demo_store, sections=("cover", "annex"))
    assert briefing.titles(level=0) == ["Cover", "Contents", "Annex  Recommendations by cluster"]
    assert not briefing.contains("Key figures")
    assert not briefing.contains("CCA checklist")

    only = build(demo_store, sections=("figures",))
    assert only.titles(level=0) == ["1  Key figures"]
    assert len(only.pages) <= 2
    assert "Page 1 of" in only.pages[0]


def test_not_implemented_only_leaves_implemented_recommendations_out(demo_store, build):
    texts = [t for c in high_priority(demo_store) for t in member_texts(demo_store, c.uid)]
    all_texts = [t for t, _s in texts]
    implemented = [t for t, s in texts if s == "implemented" and all_texts.count(t) == 1]
    outstanding = [t for t, s in texts if s != "implemented"]
    assert implemented and outstanding
    everything = build(demo_store)
    assert all(everything.contains(t) for t in implemented)
    filtered = build(demo_store, not_implemented_only=True)
    for text in implemented:
        assert not filtered.contains(text), text[:60]
    assert all(filtered.contains(t) for t in outstanding)


def test_annex_tables_repeat_their_header_on_every_page(demo_store, build):
    briefing = build(demo_store)
    start = next(o.page for o in briefing.outline if o.title.startswith("Annex"))
    annex_pages = briefing.pages[start - 1 :]
    assert len(annex_pages) >= 3
    for text in annex_pages:
        assert "MECHANISM DOCUMENT RECOMMENDATION STATUS" in text


def test_marking_is_the_users_choice(demo_store, build):
    briefing = build(demo_store, sections=("cover", "figures"), marking="Strictly confidential")
    assert all(text.count("STRICTLY CONFIDENTIAL") >= 2 for text in briefing.pages)
    assert "Strictly confidential" in briefing.pages[0]  # spelled as given in the cover's details


def test_unknown_country_is_refused_and_writes_nothing(demo_store, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(UnknownCountry, match=r"no country ZZZ in the store.*XVL"):
        build_briefing(demo_store, "ZZZ", out / "briefing.pdf")
    assert not list(out.iterdir())


def test_progress_is_reported_and_cancel_leaves_no_file(demo_store, tmp_path):
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    steps: list[tuple[float, str]] = []
    build_briefing(demo_store, "XVL", tmp_path / "a.pdf", progress=lambda f, m: steps.append((f, m)))
    fractions = [f for f, _m in steps]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0
    assert any(m.startswith("laying out page") for _f, m in steps)

    seen = []

    def cancel_after_a_while() -> bool:
        seen.append(1)
        return len(seen) > 30

    with pytest.raises(Cancelled):
        build_briefing(demo_store, "XVL", tmp_path / "b.pdf", cancelled=cancel_after_a_while)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.pdf"]


def test_options_are_checked():
    with pytest.raises(ValueError, match="unknown section maps"):
        BriefingOptions(sections=("cover", "maps"))
    assert BriefingOptions(sections=("annex", "cover")).sections == ("cover", "annex")


def test_an_empty_country_still_gets_a_briefing(office_store, build):
    records.create(office_store, "countries", {"iso3": "XEM", "name": "Emptyland"})
    briefing = build(office_store, "XEM")
    assert briefing.contains("Emptyland")
    assert briefing.contains("No cluster of recommendations has been made for this country yet.")
    assert briefing.contains("No technical cooperation project is recorded for this country.")


def test_pdf_is_valid_for_other_readers(demo_store, tmp_path):
    """pdfium (the preview's renderer) opens it and finds the same pages."""
    import pypdfium2 as pdfium

    result = build_briefing(demo_store, "XVL", tmp_path / "b.pdf")
    document = pdfium.PdfDocument(str(result.path))
    try:
        assert len(document) == len(PdfReader(str(result.path)).pages) == result.pages
    finally:
        document.close()

"""A country whose records are written in Arabic, Chinese, Russian, French and English.

The texts are the official titles of SDG targets 16.1-16.10 in the six UN languages when
../shared/data/sdg/sdg_goals_targets_6lang.csv is there, else sentences written for these tests. Every
record is created through the one edit path, as the app would. Used by the briefing tests and by
scripts/render_briefing_samples.py.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from tcdesk.services import records
from tcdesk.store.db import Store

ISO3 = "XAR"
NAME = "جمهورية فلترانا"
SDG_CSV = Path(__file__).resolve().parents[3] / "shared" / "data" / "sdg" / "sdg_goals_targets_6lang.csv"
LANGUAGES = ("ar", "zh", "ru", "fr", "es", "en")
TARGETS = ("16.1", "16.2", "16.3", "16.5", "16.6", "16.7", "16.10", "16.b")

FALLBACK = {
    "ar": [
        "ضمان استقلال القضاء وتعزيز وصول الجميع إلى العدالة على قدم المساواة",
        "إنشاء آلية وطنية مستقلة لمنع التعذيب وفقا للبروتوكول الاختياري",
        "حماية المدافعين عن حقوق الإنسان والصحفيين من الترهيب والانتقام",
        "مكافحة الفساد والرشوة بجميع أشكالهما وضمان المساءلة",
    ],
    "zh": [
        "确保司法独立，加强所有人平等诉诸司法的机会",
        "依照任择议定书设立独立的国家防范酷刑机制",
        "保护人权维护者和记者免遭恐吓和报复",
        "打击一切形式的腐败和贿赂行为，确保问责",
    ],
    "ru": ["Обеспечить независимость судебной системы и равный доступ к правосудию для всех"],
    "fr": ["Garantir l’indépendance de la justice et l’égal accès de tous à la justice"],
    "es": ["Garantizar la independencia judicial y la igualdad de acceso a la justicia para todos"],
    "en": ["Ensure the independence of the judiciary and equal access to justice for all"],
}


@dataclass
class Multilingual:
    iso3: str
    name: str
    texts: dict[str, list[str]]  # language → recommendation texts
    cluster_titles: dict[str, str]  # language → cluster title
    implemented_text: str  # the text of the one implemented recommendation
    project_title: str
    uids: dict[str, list[str]] = field(default_factory=dict)


def target_titles() -> dict[str, list[str]]:
    """Language → titles of the SDG 16 targets used here (official texts when the shared file exists)."""
    if not SDG_CSV.exists():
        return FALLBACK
    rows = {row["code"]: row for row in csv.DictReader(SDG_CSV.open(encoding="utf-8"))}
    column = {"zh": "title_zh-Hans"}
    return {lang: [rows[t][column.get(lang, f"title_{lang}")] for t in TARGETS] for lang in LANGUAGES}


def make_multilingual_country(store: Store) -> Multilingual:
    texts = target_titles()
    records.create(store, "countries", {"iso3": ISO3, "name": NAME, "region": "Test"})
    statuses = ("not started", "in progress", "partially implemented", "not started")
    uids: dict[str, list[str]] = {}
    implemented_text = "Publish every court decision online within thirty days, in Arabic and in English."
    for lang, sentences in texts.items():
        uids[lang] = [
            records.create(
                store,
                "recommendations",
                {
                    "country": ISO3,
                    "mechanism": "UPR" if i % 2 == 0 else "TB",
                    "body": "UPR" if i % 2 == 0 else "CAT",
                    "cycle": "4",
                    "document": "A/HRC/59/12" if i % 2 == 0 else "CAT/C/XAR/CO/1",
                    "paragraph": f"{120 + i}.{LANGUAGES.index(lang) + 1}",
                    "recommending_state": "مصر" if lang == "ar" and i % 2 == 0 else ("中国" if lang == "zh" else ""),
                    "text": text,
                    "response": ("supported" if i % 3 else "noted") if i % 2 == 0 else "",
                    "implementation_status": statuses[i % len(statuses)],
                    "sdg_targets": "16.3",
                },
            )
            for i, text in enumerate(sentences)
        ]
    done = records.create(
        store,
        "recommendations",
        {
            "country": ISO3,
            "mechanism": "UPR",
            "body": "UPR",
            "document": "A/HRC/59/12",
            "paragraph": "130.1",
            "text": implemented_text,
            "response": "supported",
            "implementation_status": "implemented",
        },
    )
    titles = {
        "ar": "إقامة العدل والمحاكمة العادلة",
        "zh": "司法和公正审判",
        "ru": "Доступ к правосудию",
        "fr": "Accès à la justice et procès équitable",
    }
    summaries = {
        "ar": "توصيات بشأن استقلال القضاء والمساعدة القانونية والحبس الاحتياطي (الاستعراض الدوري الشامل، 2025).",
        "zh": "关于司法独立、法律援助和审前羁押的建议。",
        "ru": "Рекомендации о независимости судов и правовой помощи.",
        "fr": "Recommandations sur l’indépendance de la justice et l’aide juridictionnelle.",
    }
    cluster_uids = {}
    for lang, title in titles.items():
        cluster = records.create(
            store,
            "clusters",
            {"country": ISO3, "title": title, "summary": summaries[lang], "sdg_goals": "16", "priority": "high"},
        )
        members = list(uids[lang])
        if lang == "ar":
            members += uids["en"] + uids["es"] + [done]
        if lang == "fr":
            members += uids["fr"]
        records.set_cluster_members(store, cluster, members)
        cluster_uids[lang] = cluster
    project_title = "دعم اللجنة الوطنية لحقوق الإنسان 国家人权委员会 support"
    project = records.create(
        store,
        "projects",
        {
            "country": ISO3,
            "code": "XAR-2026-01",
            "title": project_title,
            "status": "active",
            "start_date": "2026-01-01",
            "end_date": "2027-12-31",
            "budget_usd": "250000",
            "funding_source": "Voluntary Fund for Technical Cooperation (VFTC)",
            "implementing_entity": "OHCHR",
        },
    )
    records.set_project_links(store, project, [("cluster", cluster_uids["ar"])])
    return Multilingual(ISO3, NAME, texts, titles, implemented_text, project_title, uids)

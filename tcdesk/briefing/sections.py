"""The story of a briefing, section by section, from ``services.briefing_data.BriefingData``.

Sections: the cover (with the contents), key figures, the clusters, the CCA checklist, the technical
cooperation portfolio and the annex listing the recommendations by cluster. Each main section starts a
new page and is a bookmark of the PDF's outline; each cluster is one under its section. Headings never
end a page: they travel with what follows (``keepWithNext``) and a cluster starts on a new page when less
than a third of the page is left. Tables repeat their header row on every page they run onto.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date as Date
from decimal import Decimal

from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    FrameBreak,
    KeepTogether,
    LongTable,
    NextPageTemplate,
    PageBreak,
    Spacer,
    TableStyle,
)
from reportlab.platypus.flowables import Flowable

from tcdesk.briefing import charts, theme
from tcdesk.briefing.document import BAND_FRAME_HEIGHT
from tcdesk.briefing.flowables import Anchor, Contents, Entry, Keep, Pill, Rule
from tcdesk.briefing.text import TextBlock, TextStyle, Typesetter, is_rtl_text
from tcdesk.domain import sdg
from tcdesk.domain import vocabulary as v
from tcdesk.services.briefing_data import STATUS_ORDER, BriefingData, ClusterPart, Rec, reading_order

SECTIONS = ("cover", "figures", "clusters", "checklist", "projects", "annex")
SECTION_TITLES = {
    "figures": "Key figures",
    "clusters": "Clusters",
    "checklist": "CCA checklist",
    "projects": "Technical cooperation portfolio",
    "annex": "Recommendations by cluster",
}
MECHANISM_NAMES = {"UPR": "Universal Periodic Review", "TB": "Treaty bodies", "SP": "Special procedures"}
STATUS_WORDS = {
    "not started": "Not started",
    "in progress": "In progress",
    "partially implemented": "Partially implemented",
    "implemented": "Implemented",
    "": "Not recorded",
}
STATUSES = (*v.IMPLEMENTATION_STATUSES, "")
CHECKLIST_STATUSES = ("met", "partly met", "not met", "not applicable", "not assessed")
RESPONSE_RANK = {"supported": 0, "": 1, "noted": 2}


@dataclass
class Settings:
    sections: tuple[str, ...]
    marking: str
    key_recommendations: int
    date: str


def long_date(iso: str) -> str:
    day = Date.fromisoformat(iso)
    return f"{day.day} {day.strftime('%B')} {day.year}"


def money(amount: Decimal | float) -> str:
    return f"{amount:,.0f}"


def plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n:,} {one if n == 1 else (many or one + 's')}"


def key_order(rec: Rec) -> tuple[object, ...]:
    """Key recommendations first: outstanding before implemented, supported before noted."""
    response = rec.response if rec.mechanism == "UPR" else ""
    return (STATUS_ORDER.get(rec.status, 3), RESPONSE_RANK.get(response, 1), *reading_order(rec))


@dataclass
class Story:
    data: BriefingData
    settings: Settings
    ts: Typesetter
    flowables: list[Flowable] = field(default_factory=list)
    entries: list[Entry] = field(default_factory=list)
    outline: list[str] = field(default_factory=list)
    _keys: int = 0
    _number: int = 0
    _body_started: bool = False

    # --- building blocks -----------------------------------------------------------------------
    def add(self, *flowables: Flowable) -> None:
        self.flowables.extend(flowables)

    def text(self, text: str, style: TextStyle = theme.BODY) -> TextBlock:
        return TextBlock(text, style, self.ts)

    def para(self, text: str, style: TextStyle = theme.BODY) -> None:
        self.add(self.text(text, style))

    def key(self) -> str:
        self._keys += 1
        return f"k{self._keys}"

    def pill(self, text: str, colours: tuple[str, str]) -> Pill:
        return Pill(text, colours[0], colours[1], self.ts)

    def status_pill(self, status: str) -> Pill:
        return self.pill(STATUS_WORDS.get(status, status), theme.IMPLEMENTATION.get(status, theme.IMPLEMENTATION[""]))

    def section(self, name: str, title: str, number: str | None = None, contents: bool = True) -> str:
        """A main section: a new page, a bookmark, the heading and its rule."""
        if self._body_started:
            self.add(PageBreak())
        self._body_started = True
        if number is None:
            self._number += 1
            number = str(self._number)
        key = self.key()
        heading = f"{number}  {title}" if number else title
        if contents:
            self.entries.append(Entry(key, number, title, 0))
        self.outline.append(heading)
        anchor = Anchor(key, heading, 0)
        head = self.text(heading, theme.H1)
        head.keepWithNext = True
        rule = Rule(theme.UN_BLUE, 1.2, before=4, after=12)
        rule.keepWithNext = True
        self.add(anchor, head, rule)
        return number

    def heading(self, text: str, style: TextStyle = theme.H3) -> TextBlock:
        return self.text(text, style)

    def keep(self, head: list[Flowable], body: Flowable) -> None:
        """``head`` (headings, a short line) stays with at least the start of ``body``."""
        self.add(Keep(head, body))

    def table(
        self,
        header: Sequence[str],
        rows: list[list[object]],
        widths: Sequence[float],
        *,
        zebra: bool = True,
        right: Sequence[int] = (),
        extra: Sequence[tuple] = (),
    ) -> LongTable:
        head = [self.text(h, theme.HEAD.but(align="right" if i in right else "left")) for i, h in enumerate(header)]
        table = LongTable([head, *rows], colWidths=list(widths), repeatRows=1, splitByRow=1)
        commands: list[tuple] = [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 5),
            ("RIGHTPADDING", (0, 0), (-1, -1), 5),
            ("TOPPADDING", (0, 0), (-1, -1), 4.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 5.5),
            ("TOPPADDING", (0, 0), (-1, 0), 3),
            ("BOTTOMPADDING", (0, 0), (-1, 0), 4),
            ("LINEBELOW", (0, 0), (-1, 0), 0.9, theme.FAINT),
            ("LINEBELOW", (0, 1), (-1, -1), 0.35, theme.RULE),
        ]
        if zebra and rows:
            commands.append(("ROWBACKGROUNDS", (0, 1), (-1, -1), [theme.WHITE, theme.ZEBRA]))
        for column in right:
            commands.append(("ALIGN", (column, 0), (column, -1), "RIGHT"))
        table.setStyle(TableStyle([*commands, *extra]))
        table.spaceAfter = 10
        return table

    # --- sections ------------------------------------------------------------------------------
    def cover(self) -> None:
        data, ts = self.data, self.ts
        width = theme.FRAME_WIDTH
        title_style = theme.COVER_TITLE
        for size in (32, 27, 23, 20):
            title_style = theme.COVER_TITLE.but(size=size, leading=size * 1.16)
            if len(ts.layout(data.name, title_style, width)) <= 2:
                break
        self.outline.append("Cover")
        block = [
            self.text(long_date(self.settings.date), theme.COVER_KICKER),
            self.text(data.name, title_style),
            self.text("Human rights briefing", theme.COVER_SUBTITLE),
        ]
        # the title sits at the foot of the blue band, however many lines the name takes
        height = sum(b.wrap(width, 1e6)[1] + b.spaceBefore + b.spaceAfter for b in block)
        self.add(Anchor(self.key(), "Cover", 0), Spacer(1, max(BAND_FRAME_HEIGHT - height - 4, 0)), *block)
        self.add(FrameBreak())

        rows = [
            ("Date", long_date(self.settings.date)),
            ("Office", data.office or "not set"),
            ("Classification", self.settings.marking or "none"),
            ("Country", f"{data.name} ({data.iso3})"),
            ("Contents", self._contents_line()),
            ("Selection", self._selection_line()),
        ]
        table = LongTable(
            [[self.text(k, theme.LABEL), self.text(val, theme.BODY.but(space_after=0))] for k, val in rows],
            colWidths=[32 * mm, width - 32 * mm],
        )
        table.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("TOPPADDING", (0, 0), (-1, -1), 5),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
                    ("LINEBELOW", (0, 0), (-1, -1), 0.35, theme.RULE),
                    ("TOPPADDING", (0, 0), (0, -1), 7.5),
                ]
            )
        )
        self.add(table, Spacer(1, 12 * mm))
        f = data.figures
        self.add(
            self._figure_cards(
                [
                    (f"{f.recommendations:,}", "recommendations from the UPR, treaty bodies and special procedures"),
                    (f"{f.clusters:,}", f"clusters, {f.high_priority_clusters:,} of high priority"),
                    (f"{f.projects:,}", f"technical cooperation projects, {f.active_projects:,} active"),
                ]
            )
        )
        self.add(Spacer(1, 10 * mm))
        self.para(
            f"Prepared with tcdesk from the records kept by office {data.office or '(not set)'}. Figures count "
            "every recommendation recorded for the country; the lists follow the selection above.",
            theme.NOTE,
        )
        self.add(NextPageTemplate("body"), PageBreak())
        self._body_started = True
        key = self.key()
        self.outline.append("Contents")
        head = self.text("Contents", theme.H1)
        self.add(Anchor(key, "Contents", 0), head, Rule(theme.UN_BLUE, 1.2, before=4, after=14))
        self._contents = Contents([], ts)
        self.add(self._contents)
        self._glance_at = len(self.flowables)

    def glance(self) -> list[Flowable]:
        """ "At a glance", under the contents: the few facts a reader should leave with."""
        data, f = self.data, self.data.figures
        lines: list[str] = []
        if f.recommendations:
            implemented = f.by_status.get("implemented", 0)
            parts = [
                f"{f.by_status.get(s, 0):,} {STATUS_WORDS[s].lower()}"
                for s in ("not started", "in progress", "partially implemented")
                if f.by_status.get(s)
            ]
            if f.by_status.get(""):
                parts.append(f"{f.by_status['']:,} without a recorded status")
            lines.append(
                f"{f.recommendations - implemented:,} of the {plural(f.recommendations, 'recommendation')} are not "
                f"yet implemented" + (f": {', '.join(parts)}." if parts else ".")
            )
        upr = data.upr_responses
        if sum(upr.values()):
            total = sum(upr.values())
            lines.append(
                f"The State supported {upr.get('supported', 0):,} of its {plural(total, 'UPR recommendation')} "
                f"({upr.get('supported', 0) / total:.0%}) and noted {upr.get('noted', 0):,}."
            )
        if f.clusters:
            text = f"{f.high_priority_clusters:,} of the {plural(f.clusters, 'cluster')} are of high priority"
            part = data.portfolio
            if part is not None:
                missing = part.clusters_without_project
                if missing:
                    names = "; ".join(c.title for c in missing)
                    one = len(missing) == 1
                    verb, pronoun = ("has", "it") if one else ("have", "them")
                    text += f"; {len(missing)} {verb} no project working on {pronoun}: {names}"
                elif f.high_priority_clusters:
                    text += "; each has a project working on it"
            lines.append(text + ".")
        if data.portfolio is not None and data.portfolio.projects:
            part = data.portfolio
            active = [p for p in part.projects if p.status == "active"]
            budget = sum((p.budget or Decimal(0) for p in active), Decimal(0))
            lines.append(
                f"{plural(len(active), 'project')} active (USD {money(budget)}); "
                f"{plural(len(part.uncovered), 'supported recommendation')} not yet implemented "
                f"{'has' if len(part.uncovered) == 1 else 'have'} no project."
            )
        if data.checklist is not None and data.checklist.overall.items:
            o = data.checklist.overall
            lines.append(
                f"CCA checklist: {o.assessed:,} of {plural(o.items, 'item')} assessed; "
                f"{o.statuses['not met']:,} not met, {o.statuses['partly met']:,} partly met."
            )
        if not lines:
            return []
        bullet = theme.SMALL.but(color=theme.UN_BLUE, size=6)
        rows = [[self.text("■", bullet), self.text(line, theme.BODY.but(space_after=0))] for line in lines]
        table = LongTable(rows, colWidths=[26, theme.FRAME_WIDTH - 26])
        table.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (0, -1), 12),
                    ("RIGHTPADDING", (0, 0), (0, -1), 0),
                    ("LEFTPADDING", (1, 0), (1, -1), 2),
                    ("RIGHTPADDING", (1, 0), (1, -1), 16),
                    ("TOPPADDING", (0, 0), (-1, -1), 3),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
                    ("TOPPADDING", (0, 0), (-1, 0), 10),
                    ("BOTTOMPADDING", (0, -1), (-1, -1), 12),
                    ("TOPPADDING", (0, 0), (0, -1), 6.5),
                    ("TOPPADDING", (0, 0), (0, 0), 13.5),
                    ("BACKGROUND", (0, 0), (-1, -1), theme.UN_BLUE_PALE),
                    ("LINEBEFORE", (0, 0), (0, -1), 2.2, theme.UN_BLUE),
                ]
            )
        )
        head = self.text("At a glance", theme.H3.but(space_before=18, color=theme.UN_BLUE))
        return [KeepTogether([head, table])]

    def _contents_line(self) -> str:
        names = [SECTION_TITLES[s] for s in self.settings.sections if s in SECTION_TITLES]
        return ", ".join(names) if names else "cover only"

    def _selection_line(self) -> str:
        data = self.data
        clusters = "all clusters" if data.all_clusters else "high-priority clusters"
        recs = "recommendations not yet implemented" if data.not_implemented_only else "all their recommendations"
        return f"{clusters.capitalize()}, {recs}"

    def _figure_cards(self, cards: list[tuple[str, str]]) -> LongTable:
        gap = 5 * mm
        width = (theme.FRAME_WIDTH - gap * (len(cards) - 1)) / len(cards)
        row: list[object] = []
        widths: list[float] = []
        for i, (number, caption) in enumerate(cards):
            if i:
                row.append("")
                widths.append(gap)
            row.append([self.text(number, theme.FIGURE), self.text(caption, theme.FIGURE_CAPTION)])
            widths.append(width)
        table = LongTable([row], colWidths=widths)
        commands: list[tuple] = [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("TOPPADDING", (0, 0), (-1, -1), 8),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 10),
            ("LEFTPADDING", (0, 0), (-1, -1), 10),
        ]
        for i in range(0, len(row), 2):
            commands += [
                ("BACKGROUND", (i, 0), (i, 0), theme.UN_BLUE_PALE),
                ("LINEBEFORE", (i, 0), (i, 0), 2.2, theme.UN_BLUE),
            ]
        table.setStyle(TableStyle(commands))
        table.spaceAfter = 12
        return table

    def figures(self) -> None:
        data, ts, f = self.data, self.ts, self.data.figures
        self.section("figures", "Key figures")
        checklist = (
            f"the CCA checklist has {f.checklist_assessed:,} of {f.checklist_items:,} items assessed"
            if f.checklist_items
            else "the CCA checklist is not assessed yet"
        )
        self.para(
            f"{data.name} has {plural(f.recommendations, 'recommendation')} in the store, grouped in "
            f"{plural(f.clusters, 'cluster')} ({f.high_priority_clusters:,} of high priority); "
            f"{plural(f.projects, 'technical cooperation project')} ({f.active_projects:,} active); {checklist}.",
            theme.LEAD,
        )
        outstanding = f.recommendations - f.by_status.get("implemented", 0)
        self.add(
            self._figure_cards(
                [
                    (f"{f.recommendations:,}", "recommendations"),
                    (f"{outstanding:,}", "not yet implemented"),
                    (f"{f.high_priority_clusters:,} / {f.clusters:,}", "clusters of high priority"),
                    (f"{f.checklist_share:.0%}" if f.checklist_items else "–", "of the CCA checklist assessed"),
                ]
            )
        )
        half = (theme.FRAME_WIDTH - 10 * mm) / 2
        total = f.recommendations or 1
        mechanisms = charts.bar_chart(
            [
                (MECHANISM_NAMES.get(m, m), n, theme.UN_BLUE)
                for m, n in f.by_mechanism.items()
                if n or m in v.MECHANISMS
            ],
            half,
            ts,
            title="Recommendations by mechanism",
            share_of=total,
        )
        upr = data.upr_responses
        responses = charts.bar_chart(
            [
                ("Supported", upr.get("supported", 0), theme.UN_BLUE),
                ("Noted", upr.get("noted", 0), "#7fa3cf"),
                ("No response recorded", upr.get("", 0), "#b5bec8"),
            ],
            half,
            ts,
            title="UPR recommendations by response",
            share_of=sum(upr.values()) or 1,
        )
        pair = LongTable([[mechanisms, "", responses]], colWidths=[half, 10 * mm, half])
        pair.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), *_no_padding()]))
        pair.spaceAfter = 14
        self.add(pair)
        status = charts.bar_chart(
            [(STATUS_WORDS[s], f.by_status.get(s, 0), theme.CHART_IMPLEMENTATION[s]) for s in STATUSES],
            theme.FRAME_WIDTH,
            ts,
            title="All recommendations by implementation status",
            share_of=total,
            label_width=half * 0.62,
        )
        status.spaceAfter = 14
        self.add(status)
        goals = data.sdg_goals[:8]
        if goals:
            chart = charts.bar_chart(
                [(f"{goal}  {sdg.GOAL_NAMES.get(goal, '')}", n, theme.UN_BLUE) for goal, n in goals],
                theme.FRAME_WIDTH,
                ts,
                title="SDG goals most linked to recommendations",
                label_width=half * 0.62,
            )
            chart.spaceAfter = 8
            self.add(chart)
            self.para(
                "A recommendation linked to several targets of one goal counts once for that goal; one linked "
                "to targets of several goals counts for each.",
                theme.NOTE,
            )
        bodies = data.bodies[:6]
        if bodies:
            chart = charts.bar_chart(
                [(body, n, "#5b8fd1") for body, n in bodies],
                theme.FRAME_WIDTH,
                ts,
                title="Treaty bodies and special procedures with the most recommendations",
                label_width=theme.FRAME_WIDTH * 0.5,
            )
            chart.spaceBefore = 6
            self.add(CondPageBreak(chart.height + 10), chart)

    def clusters(self) -> None:
        data = self.data
        title = "Clusters" if data.all_clusters else "Priority clusters"
        number = self.section("clusters", title)
        chosen = data.clusters
        if not chosen:
            self.para(
                "No cluster is marked high priority for this country. Choose all clusters to list them."
                if not data.all_clusters and data.cluster_count
                else "No cluster of recommendations has been made for this country yet.",
                theme.LEAD,
            )
            return
        which = (
            f"All {plural(len(chosen), 'cluster')} of recommendations"
            if data.all_clusters
            else f"The {plural(len(chosen), 'high-priority cluster')} (of {data.cluster_count:,})"
        )
        limit = self.settings.key_recommendations
        shown = f"up to {limit} key recommendations" if limit else "its recommendations"
        self.para(
            f"{which}: for each, what it covers, the status of its recommendations, the projects working on it "
            f"and {shown}, those not yet implemented first. The annex lists every recommendation of each cluster."
            + (" Only recommendations not yet implemented are listed." if data.not_implemented_only else ""),
            theme.LEAD,
        )
        self._cluster_matrix(chosen)
        for i, cluster in enumerate(chosen, start=1):
            self._cluster(cluster, f"{number}.{i}", i)

    def _cluster_matrix(self, chosen: list[ClusterPart]) -> None:
        bar_width = 120.0
        rows: list[list[object]] = []
        for cluster in chosen:
            segments = [(cluster.by_status.get(s, 0), theme.CHART_IMPLEMENTATION[s]) for s in STATUSES]
            rows.append(
                [
                    self.text(cluster.title, theme.CELL),
                    self.pill(
                        (cluster.priority or "none").capitalize(),
                        theme.PRIORITY.get(cluster.priority, theme.PRIORITY["low"]),
                    ),
                    self.text(f"{cluster.members:,}", theme.CELL.but(align="right")),
                    charts.stacked_bar(segments, bar_width, 7.5),
                    self.text(f"{len(cluster.projects):,}", theme.CELL.but(align="right")),
                ]
            )
        widths = [theme.FRAME_WIDTH - 58 - 44 - bar_width - 10 - 56, 58, 44, bar_width + 10, 56]
        table = self.table(
            ["Cluster", "Priority", "Recs", "Implementation status", "Projects"],
            rows,
            widths,
            right=(2, 4),
            extra=[("TOPPADDING", (3, 1), (3, -1), 6.5)],
        )
        self.add(table)
        self.add(
            charts.legend(
                [(STATUS_WORDS[s], theme.CHART_IMPLEMENTATION[s]) for s in STATUSES], theme.FRAME_WIDTH, self.ts
            )
        )

    def _cluster(self, cluster: ClusterPart, number: str, annex_number: int) -> None:
        key = self.key()
        self.entries.append(Entry(key, number, cluster.title, 1))
        self.add(CondPageBreak(95 * mm))
        self.add(Rule(theme.UN_BLUE_LIGHT, 2.4, before=10, after=9))
        label = self.text(
            f"Cluster {number} · {cluster.priority or 'no'} priority", theme.LABEL.but(color=theme.UN_BLUE)
        )
        head = self.text(cluster.title, theme.H2)
        for flowable in (label, head):
            flowable.keepWithNext = True
        self.add(Anchor(key, f"{number}  {cluster.title}", 1), label, head)
        goals = "; ".join(f"{g} {sdg.GOAL_NAMES.get(int(g), '')}".strip() for g in cluster.sdg_goals if g.isdigit())
        counts = " · ".join(
            f"{cluster.by_status[s]:,} {STATUS_WORDS[s].lower()}" for s in STATUSES if cluster.by_status.get(s)
        )
        facts = self.text(
            f"{plural(cluster.members, 'recommendation')}: {counts}" if counts else "No recommendation yet",
            theme.SMALL.but(space_before=2, space_after=4),
        )
        bar = charts.stacked_bar(
            [(cluster.by_status.get(s, 0), theme.CHART_IMPLEMENTATION[s]) for s in STATUSES], theme.FRAME_WIDTH, 6
        )
        bar.spaceAfter = 8
        for flowable in (facts, bar):
            flowable.keepWithNext = True
        self.add(facts, bar)
        details: list[tuple[str, str]] = []
        if goals:
            details.append(("SDG goals", goals))
        details.append(
            ("Projects", "\n".join(cluster.projects) if cluster.projects else "No project works on this cluster.")
        )
        if cluster.summary.strip():
            self.para(cluster.summary, theme.TEXT)
        facts_table = LongTable(
            [[self.text(k, theme.LABEL), self.text(val, theme.CELL)] for k, val in details],
            colWidths=[26 * mm, theme.FRAME_WIDTH - 26 * mm],
        )
        facts_table.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("TOPPADDING", (0, 0), (-1, -1), 2),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                    ("TOPPADDING", (0, 0), (0, -1), 3.5),
                ]
            )
        )
        facts_table.spaceAfter = 8
        self.add(facts_table)
        recs = sorted(cluster.recommendations, key=key_order)
        limit = self.settings.key_recommendations
        listed = recs[:limit] if limit else recs
        if not listed:
            self.para(
                "Every recommendation of this cluster is implemented."
                if self.data.not_implemented_only and cluster.members
                else "No recommendation is listed in this cluster.",
                theme.NOTE,
            )
            return
        rows = [[self._rec_cell(rec), self._status_cell(rec)] for rec in listed]
        title = "Key recommendations" if limit and len(recs) > limit else "Recommendations"
        self.keep(
            [self.heading(title, theme.H3.but(space_before=6))],
            self.table(["Recommendation and source", "Status"], rows, [theme.FRAME_WIDTH - 112, 112]),
        )
        if limit and len(recs) > limit:
            more = len(recs) - limit
            where = f"listed in annex A.{annex_number}" if "annex" in self.settings.sections else "not listed here"
            self.para(
                f"{plural(more, 'more recommendation')} of this cluster {'is' if more == 1 else 'are'} {where}.",
                theme.NOTE,
            )

    def _source(self, rec: Rec) -> str:
        parts = [rec.body if rec.mechanism != "UPR" else "UPR"]
        if rec.mechanism == "UPR" and rec.cycle:
            parts[0] += f", cycle {rec.cycle}"
        if rec.recommending_state:
            parts.append(rec.recommending_state)
        where = " ".join(p for p in (rec.document, f"para. {rec.paragraph}" if rec.paragraph else "") if p)
        if where:
            parts.append(where)
        return " · ".join(p for p in parts if p)

    def _rec_cell(self, rec: Rec) -> list[Flowable]:
        source = theme.CELL_SMALL.but(space_before=2.5, align="right" if is_rtl_text(rec.text) else "left")
        return [self.text(rec.text, theme.CELL), self.text(self._source(rec), source)]

    def _status_cell(self, rec: Rec) -> list[Flowable]:
        cell: list[Flowable] = [self.status_pill(rec.status)]
        if rec.mechanism == "UPR":
            cell.append(
                self.text(
                    rec.response.capitalize() if rec.response else "No response", theme.CELL_SMALL.but(space_before=3)
                )
            )
        return cell

    def checklist(self) -> None:
        self.section("checklist", "CCA checklist")
        part = self.data.checklist
        if part is None:
            self.para("No CCA checklist template is in the store.", theme.LEAD)
            return
        overall = part.overall
        counts = ", ".join(
            f"{overall.statuses[s]:,} {s}"
            for s in ("met", "partly met", "not met", "not applicable")
            if overall.statuses[s]
        )
        self.para(
            f"How far the UN Country Team's Common Country Analysis integrates human rights, item by item of HQ's "
            f"checklist ({part.template}, version {part.version}): {overall.assessed:,} of "
            f"{plural(overall.items, 'item')} assessed" + (f" ({counts})." if counts else "."),
            theme.LEAD,
        )
        self.add(
            charts.legend(
                [(s.capitalize(), theme.CHECKLIST[s]) for s in CHECKLIST_STATUSES], theme.FRAME_WIDTH, self.ts
            )
        )
        self.add(Spacer(1, 4))
        rows = [
            (
                "Whole checklist",
                [(overall.statuses[s], theme.CHECKLIST[s]) for s in CHECKLIST_STATUSES],
                f"{overall.assessed}/{overall.items} assessed",
            )
        ]
        rows += [
            (
                section.section,
                [(section.statuses[s], theme.CHECKLIST[s]) for s in CHECKLIST_STATUSES],
                f"{section.assessed}/{section.items} assessed",
            )
            for section in part.sections
        ]
        chart = charts.stacked_rows(rows, theme.FRAME_WIDTH, self.ts)
        chart.spaceAfter = 10
        self.add(chart)
        heading = self.heading("Main gaps")
        if not part.gaps:
            self.keep([heading], self.text("No item is assessed as not met or partly met.", theme.BODY))
            return
        intro = self.text(
            f"{plural(len(part.gaps), 'item')} not met or only partly met, not met first, with the evidence noted.",
            theme.BODY,
        )
        rows_ = [
            [
                [
                    self.text(gap.item.text, theme.CELL),
                    self.text(f"{gap.item.code} · {gap.item.section}", theme.CELL_SMALL.but(space_before=2)),
                ],
                self.pill(gap.status.capitalize(), theme.CHECKLIST_LABEL[gap.status]),
                self.text(gap.evidence or "–", theme.CELL_SMALL.but(color=theme.INK)),
            ]
            for gap in part.gaps
        ]
        width = theme.FRAME_WIDTH
        self.keep(
            [heading, intro], self.table(["Item", "Status", "Evidence"], rows_, [width * 0.5, 66, width * 0.5 - 66])
        )

    def projects(self) -> None:
        self.section("projects", "Technical cooperation portfolio")
        part = self.data.portfolio
        if part is None:
            self.para("No technical cooperation project is recorded for this country.", theme.LEAD)
            return
        width = theme.FRAME_WIDTH
        if not part.projects:
            self.para("No technical cooperation project is recorded for this country.", theme.LEAD)
        else:
            by_status = {s: sum(1 for p in part.projects if p.status == s) for s in v.PROJECT_STATUSES}
            status_line = ", ".join(f"{n} {s}" for s, n in by_status.items() if n)
            self.para(
                f"{plural(len(part.projects), 'project')} ({status_line}), with budgets totalling "
                f"USD {money(part.total_budget)}.",
                theme.LEAD,
            )
            rows = [
                [
                    [
                        self.text(p.title, theme.CELL_BOLD),
                        self.text(
                            " · ".join(x for x in (p.code, p.implementing_entity) if x),
                            theme.CELL_SMALL.but(space_before=2),
                        ),
                    ],
                    self.pill(
                        (p.status or "not recorded").capitalize(), theme.PROJECT.get(p.status, theme.PROJECT[""])
                    ),
                    self.text(_period(p.start_date, p.end_date), theme.CELL_SMALL.but(color=theme.INK)),
                    self.text(money(p.budget) if p.budget is not None else "–", theme.CELL.but(align="right")),
                    self.text(p.funding_source or "–", theme.CELL_SMALL.but(color=theme.INK)),
                ]
                for p in part.projects
            ]
            widths = [width - 62 - 56 - 60 - 98, 62, 56, 60, 98]
            self.add(
                self.table(["Project", "Status", "Period", "Budget (USD)", "Funding source"], rows, widths, right=(3,))
            )
            sources = sorted(part.funding_by_source.items(), key=lambda kv: -kv[1])
            if sources:
                chart = charts.bar_chart(
                    [(s or "Not recorded", float(a), theme.UN_BLUE) for s, a in sources],
                    width,
                    self.ts,
                    title="Budget by funding source (USD)",
                    label_width=width * 0.42,
                )
                chart.spaceAfter = 12
                self.add(CondPageBreak(chart.height + 20), chart)
        heading = self.heading("Coverage of the clusters")
        if part.coverage:
            intro = self.text(
                "The projects working on each chosen cluster, directly or through one of its recommendations "
                "(closed projects no longer count).",
                theme.BODY,
            )
            rows = []
            for c in part.coverage:
                outstanding = c.members - c.by_status.get("implemented", 0)
                projects = "\n".join(title for _uid, title in c.projects)
                rows.append(
                    [
                        self.text(c.title, theme.CELL),
                        self.pill(
                            (c.priority or "none").capitalize(), theme.PRIORITY.get(c.priority, theme.PRIORITY["low"])
                        ),
                        self.text(f"{outstanding:,} of {c.members:,}", theme.CELL.but(align="right")),
                        self.text(projects or "None", theme.CELL_SMALL.but(color=theme.INK if projects else "#a4262c")),
                    ]
                )
            table = self.table(
                ["Cluster", "Priority", "Not implemented", "Projects"],
                rows,
                [width * 0.36, 56, 74, width * 0.64 - 130],
                right=(2,),
            )
            self.keep([heading, intro], table)
        else:
            self.keep([heading], self.text("No cluster is chosen for this briefing.", theme.BODY))
        heading = self.heading("Coverage gaps")
        if part.clusters_without_project:
            names = "; ".join(c.title for c in part.clusters_without_project)
            first = self.text(f"High-priority clusters with no project: {names}.", theme.BODY)
        else:
            first = self.text("Every high-priority cluster has at least one project working on it.", theme.BODY)
        uncovered = part.uncovered
        if not uncovered:
            self.keep(
                [heading, first],
                self.text(
                    "Every supported recommendation not yet implemented has a project working on it.", theme.BODY
                ),
            )
            return
        shown = uncovered[:12]
        one = len(uncovered) == 1
        intro = self.text(
            f"{plural(len(uncovered), 'supported recommendation')} not yet implemented "
            f"{'has' if one else 'have'} no project working on {'it' if one else 'them'}, directly or through "
            "a cluster" + (f"; the first {len(shown)} by document:" if len(uncovered) > len(shown) else ":"),
            theme.BODY,
        )
        rows = [
            [self.text(where, theme.CELL_SMALL.but(color=theme.INK)), self.text(text, theme.CELL)]
            for _u, where, text in shown
        ]
        self.keep([heading, first, intro], self.table(["Document", "Recommendation"], rows, [96, width - 96]))

    def annex(self) -> None:
        data = self.data
        self.section("annex", "Recommendations by cluster", number="Annex")
        groups: list[tuple[str, list[Rec]]] = [(c.title, c.recommendations) for c in data.clusters]
        if data.all_clusters and data.unclustered:
            groups.append(("Recommendations in no cluster", data.unclustered))
        total = sum(len(recs) for _t, recs in groups)
        which = "every cluster" if data.all_clusters else "the high-priority clusters"
        self.para(
            f"The {plural(total, 'recommendation')} of {which}"
            + (" not yet implemented" if data.not_implemented_only else "")
            + ", cluster by cluster, with the mechanism, the document and paragraph where each was made. "
            "A recommendation in two clusters is listed under both.",
            theme.LEAD,
        )
        if not groups:
            self.para("No cluster is chosen for this briefing.", theme.BODY)
        width = theme.FRAME_WIDTH
        widths = [76, 88, width - 76 - 88 - 96, 96]
        for i, (title, recs) in enumerate(groups, start=1):
            key = self.key()
            head = self.text(f"A.{i}  {title}", theme.H3.but(space_before=8))
            count = self.text(plural(len(recs), "recommendation"), theme.SMALL.but(space_after=5))
            anchor = Anchor(key, f"A.{i}  {title}", 1)
            if not recs:
                self.keep([anchor, head], count)
                continue
            rows = [
                [
                    [
                        self.text(
                            rec.body if rec.mechanism != "UPR" else "UPR", theme.CELL_BOLD.but(size=7.6, leading=10)
                        ),
                        self.text(rec.recommending_state, theme.CELL_SMALL),
                    ],
                    [
                        self.text(rec.document or "–", theme.CELL_SMALL.but(color=theme.INK)),
                        self.text(f"para. {rec.paragraph}" if rec.paragraph else "", theme.CELL_SMALL),
                    ],
                    self.text(rec.text, theme.CELL),
                    self._status_cell(rec),
                ]
                for rec in recs
            ]
            self.keep(
                [anchor, head, count], self.table(["Mechanism", "Document", "Recommendation", "Status"], rows, widths)
            )


def _period(start: str, end: str) -> str:
    if start and end:
        return f"{start[:7]} to {end[:7]}"
    return start[:7] or end[:7] or "–"


def _no_padding() -> list[tuple]:
    return [(name, (0, 0), (-1, -1), 0) for name in ("LEFTPADDING", "RIGHTPADDING", "TOPPADDING", "BOTTOMPADDING")]


def build_story(data: BriefingData, settings: Settings, ts: Typesetter) -> Story:
    story = Story(data, settings, ts)
    wanted = settings.sections
    if "cover" in wanted:
        story.cover()
    for name in SECTIONS[1:]:
        if name in wanted:
            getattr(story, name)()
    if "cover" in wanted:
        story._contents.entries = story.entries
        story.flowables[story._glance_at : story._glance_at] = story.glance()
    if not story.flowables:
        story.add(Spacer(1, 1))
    return story

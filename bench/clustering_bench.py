"""Assisted clustering benchmark: quality against UPR Info's issue tags, and speed.

    .venv/bin/python bench/clustering_bench.py [--runs 3] [--seeds 3] [--ablations] [--skip-quality] [--skip-speed]

Quality: the UPR Info export in ../shared/data (sessions 1-20), each text once per (State under review,
session) since joint recommendations repeat it, labelled with its first issue tag. Tags are hidden: the
suggestions are made from the text alone and compared with the labels (adjusted Rand index, normalized
mutual information), next to a plain baseline, scikit-learn's ``TfidfVectorizer()`` + ``KMeans(k,
n_init=10, random_state=0)`` with k = the number of distinct first tags in the sample. Samples: each of
the 10 States with the most recommendations (mean ± sd over the 10), and one pooled random sample of
5,000 (seed 0). tcdesk is measured with the baseline's k and with its own choice of k, as the mean over
``--seeds`` seeds (the first is the one tcdesk ships with), since one seed moves the scores by about 0.01-0.02.
``--ablations`` also measures tcdesk with one part switched off at a time (what each part brings).

Demo: the demo country's recommendations against its hand-made clusters, from text alone and with their
themes, affected persons and SDG targets (what the combined representation adds; needs no shared data).

Speed: ``suggest()`` on 5,000 and 1,000 recommendations of the pooled sample, median of ``--runs``.

scikit-learn is needed for the baseline only (``pip install -e ".[bench]"``); without it the baseline is
reported as not measured. Without ../shared/data the benchmark says so and exits 0.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import functools
import random
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from tcdesk.clustering import engine, text
from tcdesk.clustering.metrics import adjusted_rand_index, normalized_mutual_information
from tcdesk.clustering.model import Item

REPO = Path(__file__).resolve().parents[1]
CSV_PATH = REPO.parent / "shared/data/upr-info/upr_info_recommendations_sessions01-20.csv"
COUNTRIES = 10
POOLED = 5_000
SPEED_SIZES = (5_000, 1_000)


@dataclass(frozen=True)
class Row:
    uid: str
    state: str
    text: str
    label: str  # first issue tag


@dataclass(frozen=True)
class Sample:
    name: str
    rows: list[Row]

    @property
    def k(self) -> int:
        return len({r.label for r in self.rows})


def read_rows(path: Path = CSV_PATH) -> list[Row]:
    """Distinct texts per (State under review, session), with their first issue tag."""
    seen: set[tuple[str, str, str]] = set()
    rows: list[Row] = []
    with path.open(encoding="utf-8", newline="") as handle:
        for line in csv.DictReader(handle):
            state, session, body = line["To"].strip(), line["Session"].strip(), line["Text"].strip()
            tags = [t.strip() for t in line["Issue"].split(",") if t.strip()]
            if not body or not tags or (state, session, body) in seen:
                continue
            seen.add((state, session, body))
            rows.append(Row(uid=f"upr-{int(line['row_id']):05d}", state=state, text=body, label=tags[0]))
    return rows


def samples(rows: list[Row]) -> tuple[list[Sample], Sample]:
    counts = Counter(r.state for r in rows)
    busiest = sorted(counts, key=lambda s: (-counts[s], s))[:COUNTRIES]
    per_country = [Sample(state, [r for r in rows if r.state == state]) for state in busiest]
    pooled = Sample(f"pooled {POOLED:,}", random.Random(0).sample(rows, POOLED))
    return per_country, pooled


# --- methods ------------------------------------------------------------------------------------------

Method = Callable[[Sample], list[str]]  # labels found, in the sample's row order


def tcdesk_method(*, own_k: bool = False, seed: int = engine.SEED) -> Method:
    def run(sample: Sample) -> list[str]:
        items = [Item(uid=r.uid, text=r.text) for r in sample.rows]
        suggestions = engine.suggest(items, k=None if own_k else sample.k, seed=seed)
        group = {uid: str(i) for i, s in enumerate(suggestions) for uid in s.uids}
        return [group[r.uid] for r in sample.rows]

    return run


def baseline_method() -> Method | None:
    try:
        from sklearn.cluster import KMeans
        from sklearn.feature_extraction.text import TfidfVectorizer
    except ImportError:
        return None

    def run(sample: Sample) -> list[str]:
        matrix = TfidfVectorizer().fit_transform([r.text for r in sample.rows])
        labels = KMeans(n_clusters=sample.k, n_init=10, random_state=0).fit_predict(matrix)
        return [str(label) for label in labels]

    return run


@contextlib.contextmanager
def ablation(name: str) -> Iterator[None]:
    """tcdesk with one part switched off (module settings patched for the duration)."""
    saved = (engine.LSA_FROM, engine.Tokenizer)
    tokenizer_options = {
        "no LSA (spherical k-means on TF-IDF)": {},
        "no boilerplate list": {"boilerplate": False},
        "no suffix stripping": {"stem": "none"},
        "light stemming (-ing, -ed, -ation, -ment)": {"stem": "light"},
        "no phrases (unigrams only)": {"bigrams": False},
        "phrases across stop words as features too": {"bridged_terms": True},
    }[name]
    try:
        if name.startswith("no LSA"):
            engine.LSA_FROM = 10**9
        engine.Tokenizer = functools.partial(text.Tokenizer, **tokenizer_options)  # type: ignore[misc]
        yield
    finally:
        engine.LSA_FROM, engine.Tokenizer = saved


ABLATIONS = (
    "no LSA (spherical k-means on TF-IDF)",
    "no boilerplate list",
    "no suffix stripping",
    "light stemming (-ing, -ed, -ation, -ment)",
    "no phrases (unigrams only)",
    "phrases across stop words as features too",
)


# --- measuring ----------------------------------------------------------------------------------------


@dataclass
class Score:
    """Scores of one method; with several seeds, each country's and the pooled score are seed means."""

    method: str
    k: str
    per_ari: list[float]
    per_nmi: list[float]
    pooled_ari: float
    pooled_nmi: float
    seconds: float
    runs: int = 1


def score(name: str, k: str, methods: list[Method], per_country: list[Sample], pooled: Sample) -> Score:
    """``methods``: the same method with different seeds (one item for a deterministic baseline)."""
    started = time.perf_counter()
    per_ari, per_nmi = [], []
    for sample in per_country:
        truth = [r.label for r in sample.rows]
        found = [method(sample) for method in methods]
        per_ari.append(statistics.mean(adjusted_rand_index(truth, f) for f in found))
        per_nmi.append(statistics.mean(normalized_mutual_information(truth, f) for f in found))
    truth = [r.label for r in pooled.rows]
    found = [method(pooled) for method in methods]
    result = Score(
        name,
        k,
        per_ari,
        per_nmi,
        statistics.mean(adjusted_rand_index(truth, f) for f in found),
        statistics.mean(normalized_mutual_information(truth, f) for f in found),
        time.perf_counter() - started,
        len(methods),
    )
    print(f"  {name} ({k}): {line(result)}", flush=True)
    return result


def mean_sd(values: list[float]) -> str:
    return f"{statistics.mean(values):.3f} ± {statistics.stdev(values):.3f}"


def line(s: Score) -> str:
    return (
        f"per-country ARI {mean_sd(s.per_ari)}, NMI {mean_sd(s.per_nmi)}; "
        f"pooled ARI {s.pooled_ari:.3f}, NMI {s.pooled_nmi:.3f} ({s.runs} run(s), {s.seconds:.1f} s in all)"
    )


def quality_table(scores: list[Score]) -> str:
    header = "| method | k | per-country ARI | per-country NMI | pooled ARI | pooled NMI |"
    lines = [header, "| --- | --- | --- | --- | --- | --- |"]
    lines += [
        f"| {s.method} | {s.k} | {mean_sd(s.per_ari)} | {mean_sd(s.per_nmi)} | {s.pooled_ari:.3f} | "
        f"{s.pooled_nmi:.3f} |"
        for s in scores
    ]
    return "\n".join(lines)


def quality(args: argparse.Namespace) -> list[str]:
    rows = read_rows()
    per_country, pooled = samples(rows)
    print(f"{len(rows):,} distinct texts; countries: " + ", ".join(f"{s.name} {len(s.rows)}" for s in per_country))
    print(f"k (distinct first tags): per country {[s.k for s in per_country]}, pooled {pooled.k}", flush=True)
    seeds = [engine.SEED + i for i in range(args.seeds)]

    def ours(**options: bool) -> list[Method]:
        return [tcdesk_method(seed=seed, **options) for seed in seeds]

    scores = []
    baseline = baseline_method()
    if baseline is None:
        print('  baseline: not measured, scikit-learn is not installed (pip install -e ".[bench]")')
    else:
        scores.append(score("baseline: TfidfVectorizer + KMeans", "tags", [baseline], per_country, pooled))
    scores.append(score("tcdesk, text alone", "tags", ours(), per_country, pooled))
    scores.append(score("tcdesk, text alone", "auto √(n/2)", ours(own_k=True), per_country, pooled))
    if args.ablations:
        for name in ABLATIONS:
            with ablation(name):
                scores.append(score(f"tcdesk, {name}", "tags", ours(), per_country, pooled))
    return [
        "Quality (labels: first UPR Info issue tag; k = tags: distinct first tags in the sample; "
        f"tcdesk rows: mean over {len(seeds)} seed(s), the first as shipped)",
        "",
        quality_table(scores),
    ]


def demo_quality(args: argparse.Namespace) -> list[str]:
    """The demo country against its hand-made clusters: what themes, persons and SDG targets add to text.

    Each recommendation in a cluster is labelled with its first cluster in the file; k = the 12 clusters.
    The demo ships with tcdesk, so this part runs without ../shared/data.
    """
    from tcdesk.services.demo import read_demo_data

    data = read_demo_data()
    label: dict[str, str] = {}
    for cluster in data["clusters"]:
        for key in cluster["members"]:
            label.setdefault(key, cluster["title"])
    recs = [r for r in data["recommendations"] if r["key"] in label]
    seeds = [engine.SEED + i for i in range(args.seeds)]
    out = ["| demo country, tcdesk | ARI | NMI |", "| --- | --- | --- |"]
    for name, tagged in (("text alone", False), ("text + themes, affected persons, SDG targets", True)):
        items = [
            Item(
                uid=r["key"],
                text=r["text"],
                themes=tuple(r.get("themes", ())) if tagged else (),
                affected_persons=tuple(r.get("affected_persons", ())) if tagged else (),
                sdg_targets=tuple(r.get("sdg_targets", ())) if tagged else (),
            )
            for r in recs
        ]
        aris, nmis = [], []
        for seed in seeds:
            found = engine.suggest(items, k=len(data["clusters"]), seed=seed)
            group = {uid: str(i) for i, s in enumerate(found) for uid in s.uids}
            truth, got = [label[r["key"]] for r in recs], [group[r["key"]] for r in recs]
            aris.append(adjusted_rand_index(truth, got))
            nmis.append(normalized_mutual_information(truth, got))
        row = f"| {name} | {statistics.mean(aris):.3f} | {statistics.mean(nmis):.3f} |"
        out.append(row)
        print(f"  demo, {name}: ARI {statistics.mean(aris):.3f}, NMI {statistics.mean(nmis):.3f}", flush=True)
    return [
        f"Demo country: {len(recs)} recommendations in its {len(data['clusters'])} hand-made clusters "
        f"(k = {len(data['clusters'])}, mean over {len(seeds)} seed(s))",
        "",
        *out,
    ]


def speed(args: argparse.Namespace) -> list[str]:
    rows = random.Random(0).sample(read_rows(), max(SPEED_SIZES))
    out = ["| suggest() on | k | median | runs |", "| --- | --- | --- | --- |"]
    for size in SPEED_SIZES:
        items = [Item(uid=r.uid, text=r.text) for r in rows[:size]]
        times = []
        for _ in range(args.runs):
            started = time.perf_counter()
            found = engine.suggest(items)
            times.append(time.perf_counter() - started)
        each = ", ".join(f"{t:.2f}" for t in times)
        out.append(f"| {size:,} recommendations | {len(found)} (auto) | {statistics.median(times):.2f} s | {each} |")
        print(f"  suggest() on {size:,}: median {statistics.median(times):.2f} s (runs: {each})", flush=True)
    return ["Speed (text alone, default settings)", "", *out]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per speed figure; the median is shown")
    parser.add_argument("--seeds", type=int, default=3, help="seeds averaged for tcdesk's quality (default 3)")
    parser.add_argument("--ablations", action="store_true", help="also measure tcdesk with one part switched off")
    parser.add_argument("--skip-quality", action="store_true")
    parser.add_argument("--skip-speed", action="store_true")
    args = parser.parse_args(argv)
    if not CSV_PATH.exists():
        print(f"skipped: ../shared/data not found ({CSV_PATH})")
        return 0
    if args.runs < 1 or args.seeds < 1:
        parser.error("--runs and --seeds must be at least 1")
    report: list[str] = []
    if not args.skip_quality:
        report += [*quality(args), "", *demo_quality(args), ""]
    if not args.skip_speed:
        report += speed(args)
    print("\n" + "\n".join(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Sample pages of the PDF briefing for the docs, rendered with poppler's pdftoppm at 70 dpi.

    .venv/bin/python scripts/render_briefing_samples.py [--out docs/briefing] [--date 2026-11-22] [--keep-pdf]

Builds two throw-away stores: the bundled demo (Republic of Veltrana) and the multilingual test country
of tests/briefing/multilingual.py (records in Arabic, Chinese, Russian, French, Spanish and English).
Writes cover.png (the demo's cover), figures.png (its key figures and charts), cluster.png (its first
priority cluster), arabic.png (the multilingual country's Arabic cluster) and chinese.png (its Chinese
cluster). Pages are found through the PDF's bookmarks, so the images follow the layout when it changes.
Needs pdftoppm (Debian: poppler-utils). The user's data folder is not touched.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from pypdf import PdfReader  # noqa: E402

from tcdesk.briefing import BriefingOptions, build_briefing  # noqa: E402
from tcdesk.paths import DataDir  # noqa: E402
from tcdesk.services import demo, settings  # noqa: E402
from tcdesk.services.startup import open_app_store  # noqa: E402
from tests.briefing.multilingual import make_multilingual_country  # noqa: E402


def bookmarks(path: Path) -> dict[str, int]:
    """Bookmark title → page number (1-based), every level."""
    reader = PdfReader(str(path))
    found: dict[str, int] = {}

    def walk(items) -> None:  # type: ignore[no-untyped-def]
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                found[item.title] = reader.get_destination_page_number(item) + 1

    walk(reader.outline)
    return found


def render(pdf: Path, page: int, target: Path) -> None:
    prefix = target.with_suffix("")
    subprocess.run(
        ["pdftoppm", "-r", "70", "-png", "-f", str(page), "-l", str(page), "-singlefile", str(pdf), str(prefix)],
        check=True,
    )
    print(f"{target} (page {page} of {pdf.name})")


def page_of(marks: dict[str, int], title: str) -> int:
    return next(page for name, page in marks.items() if name.endswith(title))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "briefing")
    parser.add_argument("--date", default="2026-11-22", help="the date printed on the samples")
    parser.add_argument("--keep-pdf", action="store_true", help="also copy the two PDFs into --out")
    args = parser.parse_args()
    if shutil.which("pdftoppm") is None:
        sys.exit("pdftoppm is needed (Debian: sudo apt-get install poppler-utils)")
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        store = open_app_store(DataDir(folder / "data"))
        try:
            settings.set_office_code(store, "XVL-HRA")
            demo.load_demo(store)
            sample = folder / "demo.pdf"
            build_briefing(store, demo.DEMO_ISO3, sample, BriefingOptions(date=args.date))
            marks = bookmarks(sample)
            render(sample, 1, args.out / "cover.png")
            render(sample, page_of(marks, "Key figures"), args.out / "figures.png")
            render(sample, next(p for t, p in marks.items() if t.startswith("2.1 ")), args.out / "cluster.png")

            country = make_multilingual_country(store)
            multilingual = folder / "multilingual.pdf"
            options = BriefingOptions(date=args.date, marking="UN internal · داخلي · 内部", key_recommendations=0)
            build_briefing(store, country.iso3, multilingual, options)
            marks = bookmarks(multilingual)
            clusters = {t: p for t, p in marks.items() if t[:2] == "2."}
            render(multilingual, page_of(clusters, country.cluster_titles["ar"]), args.out / "arabic.png")
            render(multilingual, page_of(clusters, country.cluster_titles["zh"]), args.out / "chinese.png")
            if args.keep_pdf:
                shutil.copy(sample, args.out / "sample-demo.pdf")
                shutil.copy(multilingual, args.out / "sample-multilingual.pdf")
        finally:
            store.close()


if __name__ == "__main__":
    main()

"""Rebuild resources/demo/demo-package.xlsx from resources/demo/demo-country.json.

Run after editing the demo JSON: .venv/bin/python scripts/build_demo_package.py
(tests/services/test_demo_package.py fails while the committed package is out of date).
"""

from pathlib import Path

from tcdesk.services.demo import PACKAGE_FILE, build_demo_package

target = Path(__file__).resolve().parents[1] / "resources" / "demo" / PACKAGE_FILE
build_demo_package(target)
print(f"wrote {target} ({target.stat().st_size:,} bytes)")

"""Assisted clustering: suggest thematic clusters for recommendations, offline, with numpy alone.

``suggest(items)`` groups plain :class:`Item`s (uid, text, themes, affected persons, SDG targets) into
:class:`Suggestion`s that each carry a proposed title and the words, themes and SDG goals that explain
them. It knows nothing of the store (``tcdesk.services.clustering`` reads and writes that) nor of Qt.
Modules, from the bottom up: ``stopwords`` and ``text`` (terms of a text), ``sparse`` (a CSR matrix),
``features`` (TF-IDF and tags), ``algorithms`` (LSA, spherical k-means), ``describe`` (titles and
explanations), ``engine`` (the pipeline), ``metrics`` (ARI, NMI for the benchmark), ``cli``.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

# One BLAS thread. The matrices here are small (5,000 x 60): measured on a 2-core machine, OpenBLAS's
# threads made a QR 10-20 times slower (0.1-0.26 s instead of 0.01 s) and the whole run 2-3 times slower
# and erratic. Set before numpy is first imported (tcdesk imports numpy nowhere else); a value the user
# or the environment sets wins.
for _variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")

if TYPE_CHECKING:
    from tcdesk.clustering.engine import suggest
    from tcdesk.clustering.model import Item, Suggestion

__all__ = ["Item", "Suggestion", "suggest"]


def __getattr__(name: str) -> Any:
    """Import lazily: ``tcdesk.clustering.cli`` is loaded by every ``tcdesk --help`` and must not load numpy."""
    if name == "suggest":
        from tcdesk.clustering.engine import suggest

        return suggest
    if name in ("Item", "Suggestion"):
        from tcdesk.clustering import model

        return getattr(model, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

"""Qt item models over what the services return: views read them, nothing here queries the store.

Each model holds plain rows set with ``set_rows``/``set_counts`` (a model reset), has ``COL_*`` constants,
and is checked with pytest-qt's ``qtmodeltester``. The role ``SORT_ROLE`` gives a sortable value for a
``QSortFilterProxyModel`` in front.
"""

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

SORT_ROLE = Qt.ItemDataRole.UserRole + 1

ROOT = QModelIndex()
"""The invalid index every flat table's rows hang from (a shared default argument)."""
Index = QModelIndex | QPersistentModelIndex

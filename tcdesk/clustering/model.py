"""What goes into the clustering and what comes out: plain dataclasses, free of the store and of Qt.

The store, the command line, the benchmark and the GUI each build ``Item``s their own way and read
``Suggestion``s the same way, so the algorithm can be measured on data that never saw a database.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Item:
    """One recommendation to group. Lists may be empty (the UPR Info export has no themes, persons or SDGs)."""

    uid: str
    text: str
    themes: tuple[str, ...] = ()
    affected_persons: tuple[str, ...] = ()
    sdg_targets: tuple[str, ...] = ()


@dataclass
class Suggestion:
    """A proposed cluster: the user accepts, merges, renames or drops it.

    ``terms`` are the group's most distinctive words with their weight (how much more the group's texts
    use the word than the other texts do, on TF-IDF rows of unit length); ``themes`` the themes shared by
    at least a third of the members; ``sdg_goals`` goal codes ("1".."17") of the members' SDG targets,
    most common first.
    """

    title: str
    explanation: str
    uids: list[str]
    terms: list[tuple[str, float]] = field(default_factory=list)
    themes: list[str] = field(default_factory=list)
    sdg_goals: list[str] = field(default_factory=list)

    @property
    def size(self) -> int:
        return len(self.uids)

    def as_json(self) -> dict[str, object]:
        return {
            "title": self.title,
            "explanation": self.explanation,
            "terms": [[term, weight] for term, weight in self.terms],
            "themes": list(self.themes),
            "sdg_goals": list(self.sdg_goals),
            "uids": list(self.uids),
        }

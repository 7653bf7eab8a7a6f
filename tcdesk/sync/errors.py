"""Why a package (or any file a user opens) is refused, in words the user can act on."""

from __future__ import annotations

MAX_LISTED = 200


class PackageRefused(Exception):
    """Raised before anything is written. ``problems`` are 'sheet!row column: problem' lines."""

    def __init__(self, summary: str, problems: list[str] | None = None, total: int | None = None):
        self.summary = summary
        self.problems = list(problems or [])[:MAX_LISTED]
        self.total = total if total is not None else len(problems or [])
        super().__init__(self.report())

    def report(self) -> str:
        lines = [self.summary]
        lines += [f"  {p}" for p in self.problems]
        if self.total > len(self.problems):
            lines.append(f"  … and {self.total - len(self.problems)} more problems")
        return "\n".join(lines)


class Cancelled(Exception):
    """The user cancelled; nothing was applied."""

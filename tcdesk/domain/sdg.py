"""The 17 Sustainable Development Goals and their 169 target codes.

tcdesk ships only the codes and short goal names written for this project, so that SDG codes can be
validated offline on a bare installation. Official titles in the six UN languages arrive from HQ in the
``sdg_reference`` sheet of a package and are kept in the store, never here.
"""

from __future__ import annotations

import re

# Target suffixes per goal: numeric targets up to N, then the lettered means-of-implementation targets.
_TARGETS: dict[int, tuple[int, str]] = {
    1: (5, "ab"),
    2: (5, "abc"),
    3: (9, "abcd"),
    4: (7, "abc"),
    5: (6, "abc"),
    6: (6, "ab"),
    7: (3, "ab"),
    8: (10, "ab"),
    9: (5, "abc"),
    10: (7, "abc"),
    11: (7, "abc"),
    12: (8, "abc"),
    13: (3, "ab"),
    14: (7, "abc"),
    15: (9, "abc"),
    16: (10, "ab"),
    17: (19, ""),
}

GOAL_NAMES: dict[int, str] = {
    1: "Poverty",
    2: "Hunger and nutrition",
    3: "Health",
    4: "Education",
    5: "Gender equality",
    6: "Water and sanitation",
    7: "Energy",
    8: "Work and growth",
    9: "Infrastructure and innovation",
    10: "Reduced inequalities",
    11: "Cities and communities",
    12: "Consumption and production",
    13: "Climate action",
    14: "Oceans",
    15: "Land and ecosystems",
    16: "Peace, justice and institutions",
    17: "Partnerships",
}

TARGET_CODES: tuple[str, ...] = tuple(
    f"{goal}.{suffix}"
    for goal, (numeric, letters) in _TARGETS.items()
    for suffix in [*(str(n) for n in range(1, numeric + 1)), *letters]
)
_TARGET_SET = frozenset(TARGET_CODES)
GOAL_CODES: tuple[str, ...] = tuple(str(g) for g in range(1, 18))

_CODE_SHAPE = re.compile(r"^(\d{1,2})(?:\.([0-9]{1,2}|[a-z]))?$")


def is_goal(code: str) -> bool:
    return code in GOAL_CODES


def is_target(code: str) -> bool:
    return code in _TARGET_SET


def goal_of(code: str) -> int:
    """The goal number of a goal or target code (``"16.b"`` → 16)."""
    match = _CODE_SHAPE.match(code)
    if not match:
        raise ValueError(f"{code!r} is not an SDG code")
    return int(match.group(1))


def sort_key(code: str) -> tuple[int, int, str]:
    """Order codes as the UN lists them: goal, then numeric targets, then lettered ones."""
    goal, _, suffix = code.partition(".")
    if not suffix:
        return (int(goal), -1, "")
    return (int(goal), 0, f"{int(suffix):03d}") if suffix.isdigit() else (int(goal), 1, suffix)

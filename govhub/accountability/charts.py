"""Server-drawn bar charts (SVG, no JavaScript): the numbers beside each group's name.

The page's table holds the same figures, so the chart is a picture of the table, labelled
for screen readers as one image with a title.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from flask_babel import gettext as _

from govhub.accountability.rules import Group

BAR_WIDTH = 200       # the longest bar, in the SVG's own units (the chart is 320 wide)
ROW_HEIGHT = 38
LABEL_WIDTH = 44       # how much of a label fits, counting a Chinese character as two


@dataclass(frozen=True)
class Bar:
    label: str
    value: float | None
    text: str
    width: float
    y: int


def _width(char: str) -> int:
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def _short(label: str) -> str:
    """The label, cut with "…" where it would run past the chart (the table has it whole)."""
    if sum(map(_width, label)) <= LABEL_WIDTH:
        return label
    kept, used = [], 1
    for char in label:
        used += _width(char)
        if used > LABEL_WIDTH:
            break
        kept.append(char)
    return "".join(kept) + "…"


def _draw(groups: list[Group], values: list[float | None], texts: list[str],
          maximum: float) -> list[Bar]:
    return [Bar(_short(group.label), value, text,
                round(BAR_WIDTH * value / maximum, 1) if value and maximum else 0,
                index * ROW_HEIGHT)
            for index, (group, value, text) in enumerate(zip(groups, values, texts,
                                                             strict=True))]


def overdue_rate_bars(groups: list[Group]) -> list[Bar]:
    """Each group's overdue rate, on a scale of 0 to 100%."""
    values = [group.summary.overdue_percent for group in groups]
    texts = [_("%(percent)d%%", percent=value) if value is not None else _("none due yet")
             for value in values]
    return _draw(groups, values, texts, 100)


def days_to_done_bars(groups: list[Group]) -> list[Bar]:
    """Each group's median days from the start to done, against the slowest group."""
    values = [group.summary.done.median for group in groups]
    texts = [_("%(days)s days", days=value) if value is not None else _("none done yet")
             for value in values]
    return _draw(groups, values, texts, max((v for v in values if v is not None), default=0))


def height(bars: list[Bar]) -> int:
    return max(len(bars), 1) * ROW_HEIGHT

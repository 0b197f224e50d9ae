"""The workload's heat map, drawn on the server as SVG: weeks across, workers down; each
cell's colour and its text both say the share of the week spent for departments, so it
reads without colour; a title per cell, and one for the whole (role="img")."""

from __future__ import annotations

from datetime import date

from markupsafe import Markup, escape

from govhub.admission.hours import rules
from govhub.admission.hours.queries import WorkerWeeks

NAME_WIDTH, CELL_W, CELL_H, HEAD = 112, 46, 26, 24
# Light to dark; the darkest carries white text, the others dark text (contrast > 4.5).
FILLS = ("#f1f3f5", "#fdebd0", "#f8c471", "#e67e22", "#a04000")
INKS = ("#495057", "#212529", "#212529", "#212529", "#ffffff")


def share_level(minutes: int, for_departments: int) -> int:
    """0 for a week without hours; else 1 to 4 by the share for departments."""
    if minutes <= 0:
        return 0
    return min(4, 1 + (3 * rules.percent(for_departments, minutes)) // 100)


def _text(x: float, y: float, body: str, **attributes) -> str:
    extra = "".join(f' {name.replace("_", "-")}="{escape(value)}"'
                    for name, value in attributes.items())
    return f'<text x="{x:g}" y="{y:g}"{extra}>{escape(body)}</text>'


def _short(name: str, limit: int = 8) -> str:
    return name if len(name) <= limit else name[:limit - 1] + "…"


def heat_map(rows: list[WorkerWeeks], mondays: list[date], title: str, cell_title,
             chart_id: str = "workload-map") -> Markup:
    """The SVG. `cell_title(row, cell)` words a cell's tooltip."""
    width = NAME_WIDTH + CELL_W * len(mondays)
    height = HEAD + CELL_H * max(len(rows), 1)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" role="img" class="heat-map" '
             f'aria-labelledby="{chart_id}-title" viewBox="0 0 {width} {height}" '
             f'width="{width}" height="{height}" font-size="11" '
             f'font-family="system-ui, sans-serif">',
             f'<title id="{chart_id}-title">{escape(title)}</title>']
    for n, monday in enumerate(mondays):
        parts.append(_text(NAME_WIDTH + CELL_W * n + CELL_W / 2, 16, monday.strftime("%m-%d"),
                           text_anchor="middle", fill="#212529"))
    for r, row in enumerate(rows):
        y = HEAD + CELL_H * r
        parts.append(_text(4, y + 17, _short(row.name), fill="#212529"))
        for n, cell in enumerate(row.cells):
            level = share_level(cell.total, cell.departments)
            x = NAME_WIDTH + CELL_W * n
            label = f"{cell.percent}%" if cell.total else "–"
            parts.append(
                f'<g><title>{escape(cell_title(row, cell))}</title>'
                f'<rect x="{x + 1}" y="{y + 1}" width="{CELL_W - 2}" height="{CELL_H - 2}" '
                f'rx="3" fill="{FILLS[level]}"/>'
                f'<text x="{x + CELL_W / 2:g}" y="{y + 17}" text-anchor="middle" '
                f'fill="{INKS[level]}">{label}</text></g>')
    parts.append("</svg>")
    return Markup("".join(parts))

"""The report's chart of the year as inline SVG: one row per task under its category, one
mark per step on a month axis, coloured and shaped by its state, a line at the as-of date."""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from html import escape

from ..progress import STATE_NAMES, StepStatus
from ..records import Task
from ..report import Report
from ..when import when
from . import display_width
from .report_tables import numeral

# The fonts an office's Windows PC has, by family and Chinese name, before those of other
# systems and the generic family.
FONTS = (
    '"Microsoft YaHei", "微软雅黑", SimSun, "宋体", FangSong, "仿宋", SimHei, "黑体", '
    '"PingFang SC", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", sans-serif'
)
# Colour-blind-safe hues, each state with its own shape too, so that a grey print reads.
COLOURS = {"done": "#1a9850", "done_late": "#e08214", "overdue": "#d7301f", "pending": "#3b6fb6"}


def esc(value: object) -> str:
    """Data as HTML text: markup escaped, nothing invisible left as it is."""
    from ..text import visible

    return escape(visible(str(value)), quote=True)


WIDTH = 1200
LABEL_X = 8  # task numbers end at ID_X, names start at NAME_X
ID_X = 34
NAME_X = 42
PLOT_X0 = 372
PLOT_X1 = WIDTH - 16
TOP = 52  # month labels above
ROW = 19
CATEGORY_ROW = 23
FONT = 13
DODGE = 11  # marks of one task on one day stand side by side, this far apart
MARK_SIZE = 5.5


class _Axis:
    """Dates of one year to x positions across the plot."""

    def __init__(self, year: int) -> None:
        self.year = year
        self.jan1 = date(year, 1, 1)
        self.days = 366 if calendar.isleap(year) else 365

    def x(self, day: date) -> float:
        """The start of the day."""
        return PLOT_X0 + (day - self.jan1).days / self.days * (PLOT_X1 - PLOT_X0)

    def month(self, month: int) -> tuple[float, float]:
        """Where the month starts and ends."""
        last = date(self.year + 1, 1, 1) if month == 12 else date(self.year, month + 1, 1)
        return self.x(date(self.year, month, 1)), self.x(last)


def chart(report: Report) -> str:
    """The year's milestones on a January–December axis, one row per task under its
    category, each a mark coloured and shaped by its state on the date it is due by (an
    extension's, 延期), with a line at the as-of date."""
    axis = _Axis(report.year)
    by_task: dict[int, list[StepStatus]] = {}
    for s in report.steps:
        if s.due.year == report.year:
            by_task.setdefault(s.milestone.task.id, []).append(s)
    layout: list[tuple[float, str | Task]] = []  # each row's top: a category or a task
    y: float = TOP
    for number, category in enumerate(report.categories, 1):
        tasks = [t for t in report.tasks if t.category == category]
        if tasks:
            layout.append((y, f"{numeral(number)}、{category}"))
            y += CATEGORY_ROW
            for task in tasks:
                layout.append((y, task))
                y += ROW
    bottom = y
    legend_y = bottom + 30
    height = legend_y + 24

    out = [
        f'<svg viewBox="0 0 {WIDTH} {height}" '
        f'width="{WIDTH}" height="{height}" role="img" font-family="{esc(FONTS)}" '
        f'font-size="{FONT}">',
        f"<title>{esc(report.year)}年时间节点完成情况（截至 {esc(report.as_of)}）</title>",
    ]
    labels = _months(out, axis, report.month, bottom)
    stripe = 0
    for top, row in layout:
        if isinstance(row, str):
            out.append(
                f'<rect x="0" y="{top + 2}" width="{WIDTH}" height="{CATEGORY_ROW - 4}" '
                f'fill="#e8edf4"/>\n<text x="{LABEL_X}" y="{top + CATEGORY_ROW / 2 + 5:.1f}" '
                f'font-weight="700" fill="#24415f">{esc(row)}</text>'
            )
            stripe = 0
        else:
            stripe += 1
            _task_row(out, axis, top, row, by_task.get(row.id, []), stripe % 2 == 0)
    if report.as_of.year == report.year:
        line_x = axis.x(report.as_of + timedelta(days=1))  # the close of the as-of day
        label = f"截至 {report.as_of.month}月{report.as_of.day}日"
        anchor, shift = ("end", -4) if line_x > PLOT_X1 - 80 else ("start", 4)
        out.append(
            f'<line x1="{line_x:.1f}" y1="{TOP - 22}" x2="{line_x:.1f}" y2="{bottom}" '
            'stroke="#111" stroke-width="2" stroke-dasharray="6 3"/>\n'
            f'<text x="{line_x + shift:.1f}" y="{TOP - 30}" text-anchor="{anchor}" '
            f'font-size="12" font-weight="700" fill="#111">{esc(label)}</text>'
        )
    out.extend(labels)
    out.append(_legend(legend_y, report))
    out.append("</svg>")
    return "\n".join(out)


def _months(out: list[str], axis: _Axis, current: int, bottom: float) -> list[str]:
    """Draw the month bands and lines; return their labels, to be drawn over the as-of line."""
    labels = []
    for month in range(1, 13):
        start, end = axis.month(month)
        fill = "#fff1c1" if month == current else ("#f6f7f9" if month % 2 == 0 else "#ffffff")
        out.append(
            f'<rect x="{start:.1f}" y="{TOP - 22}" width="{end - start:.1f}" '
            f'height="{bottom - TOP + 22}" fill="{fill}"/>'
        )
        weight = ' font-weight="700"' if month == current else ""
        labels.append(
            f'<text x="{(start + end) / 2:.1f}" y="{TOP - 7}" text-anchor="middle"{weight} '
            f'fill="#1f2328" stroke="{fill}" stroke-width="5" paint-order="stroke">'
            f"{month}月</text>"
        )
    for month in range(1, 13):
        for edge in axis.month(month)[: 2 if month == 12 else 1]:
            out.append(
                f'<line x1="{edge:.1f}" y1="{TOP - 22}" x2="{edge:.1f}" y2="{bottom}" '
                'stroke="#d0d7de" stroke-width="1"/>'
            )
    out.append(
        f'<text x="{LABEL_X}" y="{TOP - 7}" fill="#5b6470" font-size="12">序号　任务名称</text>'
    )
    return labels


def _task_row(
    out: list[str], axis: _Axis, top: float, task: Task, steps: list[StepStatus], shaded: bool
) -> None:
    middle = top + ROW / 2
    if shaded:
        out.append(f'<rect x="0" y="{top}" width="{PLOT_X0}" height="{ROW}" fill="#f6f7f9"/>')
    name = _fit(task.name, (PLOT_X0 - NAME_X - 10) / (FONT / 2))
    out.append(
        f'<line x1="{PLOT_X0}" y1="{middle}" x2="{PLOT_X1}" y2="{middle}" stroke="#e3e7ec" '
        f'stroke-width="1"/>\n<text x="{ID_X}" y="{middle + 4.5:.1f}" text-anchor="end" '
        f'fill="#5b6470">{esc(task.id)}</text><text x="{NAME_X}" y="{middle + 4.5:.1f}" '
        f'fill="#1f2328"><title>{esc(task.name)}</title>{esc(name)}</text>'
    )
    for s in steps:
        if s.milestone.start is not None:  # a span: a bar from its start to its due day
            left = max(axis.x(s.milestone.start), PLOT_X0)  # a start in an earlier year
            right = axis.x(s.due + timedelta(days=1))
            out.append(
                f'<rect class="span" x="{left:.1f}" y="{middle - 2.5:.1f}" '
                f'width="{right - left:.1f}" height="5" rx="2.5" fill="{COLOURS[s.state]}" '
                'fill-opacity="0.3"/>'
            )
    same_day: dict[date, list[StepStatus]] = {}
    for s in steps:
        same_day.setdefault(s.due, []).append(s)
    for due, group in same_day.items():
        start, end = axis.month(due.month)
        centre = (axis.x(due) + axis.x(due + timedelta(days=1))) / 2
        # marks of one day stand side by side, leftwards, all inside their month's band
        right = min(centre, end - MARK_SIZE - 2)
        for i, s in enumerate(reversed(group)):
            out.append(_mark(s, max(right - i * DODGE, start + MARK_SIZE + 2), middle))


def _fit(text: str, width: float) -> str:
    """The text cut with … to fit a width counted in display columns."""
    if display_width(text) <= width:
        return text
    kept = ""
    for ch in text:
        if display_width(kept + ch) + 2 > width:
            break
        kept += ch
    return kept + "…"


def _shape(state: str, cx: float, cy: float, extra: str = "") -> str:
    colour = COLOURS[state]
    r = MARK_SIZE
    if state == "done":
        return f'<circle{extra} cx="{cx:.1f}" cy="{cy:.1f}" r="{r}" fill="{colour}"/>'
    if state == "done_late":
        d = r * 1.3
        corners = [(cx, cy - d), (cx + d, cy), (cx, cy + d), (cx - d, cy)]
        points = " ".join(f"{px:.1f},{py:.1f}" for px, py in corners)
        return f'<polygon{extra} points="{points}" fill="{colour}"/>'
    if state == "overdue":
        s = r * 0.9
        return (
            f'<rect{extra} x="{cx - s:.1f}" y="{cy - s:.1f}" width="{2 * s:.1f}" '
            f'height="{2 * s:.1f}" fill="{colour}"/>'
        )
    return (
        f'<circle{extra} cx="{cx:.1f}" cy="{cy:.1f}" r="{r - 0.8}" fill="#fff" '
        f'stroke="{colour}" stroke-width="1.8"/>'
    )


def _mark(s: StepStatus, cx: float, cy: float) -> str:
    m = s.milestone
    detail = s.label
    if s.done is not None:
        detail += f"（{s.done.date}）"
    moved = s.due if s.extension else None
    tip = f"{m.ref} {when(m, extended_to=moved)} {detail}：{m.milestone.text}"
    shape = _shape(s.state, cx, cy, f' class="mark {s.state}" data-ref="{esc(m.ref)}"')
    return shape.replace("/>", f"><title>{esc(tip)}</title></{shape.split()[0][1:]}>", 1)


def _legend(y: float, report: Report) -> str:
    counts = {state: sum(s.state == state for s in report.steps) for state in STATE_NAMES}
    parts = []
    cursor: float = PLOT_X0
    for state, label in STATE_NAMES.items():
        parts.append(_shape(state, cursor + 6, y - 4))
        text = f"{label} {counts[state]}"
        parts.append(f'<text x="{cursor + 18}" y="{y + 1}">{esc(text)}</text>')
        cursor += 30 + display_width(text) * FONT / 2
    parts.append(
        f'<line x1="{cursor}" y1="{y - 12}" x2="{cursor}" y2="{y + 4}" stroke="#111" '
        'stroke-width="2" stroke-dasharray="6 3"/>'
    )
    parts.append(f'<text x="{cursor + 8}" y="{y + 1}">截至日期</text>')
    cursor += 8 + 4 * FONT + 22
    parts.append(
        f'<rect x="{cursor}" y="{y - 11}" width="18" height="14" fill="#fff1c1" stroke="#d0d7de"/>'
    )
    parts.append(f'<text x="{cursor + 24}" y="{y + 1}">本月</text>')
    parts.append(
        f'<text x="{LABEL_X}" y="{y + 1}" fill="#5b6470">图例（共 {len(report.steps)} 个节点）'
        "</text>"
    )
    return "\n".join(parts)

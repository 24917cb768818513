"""The monthly report as one self-contained HTML page: inline CSS, an inline SVG chart of the
year's steps, no scripts and no external assets; it prints one section per page. Every piece
of data goes through html.escape."""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from html import escape

from ..records import Task
from ..report import STATE_LABELS, Ratio, Report, Step
from .report_tables import (
    RATE_NOTE,
    Cell,
    Table,
    cell_text,
    display_width,
    headline_rows,
    headline_text,
    tables,
    when,
)

NUMERALS = "一二三四五六七八九十"
FONTS = (
    '"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", '
    '"WenQuanYi Micro Hei", "SimHei", sans-serif'
)
# Colour-blind-safe hues, each state with its own shape too, so that a grey print reads.
COLOURS = {"done": "#1a9850", "done_late": "#e08214", "overdue": "#d7301f", "pending": "#3b6fb6"}
LABEL_CLASSES = {label: state for state, label in STATE_LABELS.items()} | {"今日到期": "pending"}
PROSE = {"任务分解", "任务名称", "指标"}  # tables with these take the full width
NOWRAP = {"序号", "名次", "日期", "完成日期"}
WIDTHS = {
    "序号": "4em",
    "时间节点": "9em",
    "任务名称": "13em",
    "牵头单位": "7em",
    "完成情况": "8em",
    "逾期天数": "5em",
    "分管领导": "7.5em",
    "完成日期": "7em",
    "报告单位": "7em",
    "日期": "7em",
    "达标情况": "5em",
    "目标": "10em",
    "实际": "10em",
}

CSS = """
:root { --ink: #1f2328; --muted: #5b6470; --rule: #d0d7de; --band: #f3f5f8; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1240px; padding: 24px 32px 48px; color: var(--ink);
  font: 14px/1.6 FONTS; background: #fff; }
header { border-bottom: 3px solid #a61b1b; padding-bottom: 12px; margin-bottom: 8px; }
header .issuer { color: #a61b1b; font-size: 15px; letter-spacing: .1em; margin: 0; }
h1 { font-size: 24px; margin: 6px 0 4px; }
header .meta { color: var(--muted); margin: 0; }
h2 { font-size: 19px; margin: 28px 0 8px; padding-left: 10px; border-left: 5px solid #a61b1b; }
h3 { font-size: 15px; margin: 18px 0 6px; }
p.summary, p.note { color: var(--muted); margin: 4px 0 10px; }
.figures { display: grid; grid-template-columns: repeat(auto-fit, minmax(118px, 1fr));
  gap: 10px; margin: 12px 0; }
.figure { border: 1px solid var(--rule); border-radius: 6px; padding: 10px 12px; }
.figure .value { font-size: 26px; font-weight: 700; line-height: 1.2; }
.figure .label { color: var(--muted); font-size: 13px; }
.figure.bad .value { color: #d7301f; }
.figure.good .value { color: #1a9850; }
table { border-collapse: collapse; width: 100%; margin: 6px 0 14px; font-size: 13px; }
th, td { border: 1px solid var(--rule); padding: 4px 7px; vertical-align: top; text-align: left; }
thead th { background: var(--band); white-space: nowrap; }
th.num { text-align: right; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.nowrap { white-space: nowrap; }
table.wide { table-layout: fixed; }
table.compact { width: auto; min-width: 50%; }
td small { color: var(--muted); font-size: 12px; }
tbody tr:nth-child(even) td { background: #fafbfc; }
.state { white-space: nowrap; font-weight: 600; }
.state::before { content: "●"; margin-right: 3px; }
.state.done { color: #1a9850; }
.state.done_late { color: #b35806; }
.state.done_late::before { content: "◆"; }
.state.overdue { color: #d7301f; }
.state.overdue::before { content: "■"; }
.state.pending { color: #3b6fb6; }
.state.pending::before { content: "○"; }
.met-yes { color: #1a9850; font-weight: 600; }
.met-no { color: #d7301f; font-weight: 600; }
figure { margin: 8px 0; }
figure svg { width: 100%; height: auto; display: block; }
footer { margin-top: 32px; color: var(--muted); font-size: 12px;
  border-top: 1px solid var(--rule); padding-top: 8px; }
@page { size: A4 landscape; margin: 12mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 11pt; }
  section { break-before: page; page-break-before: always; }
  section:first-of-type { break-before: auto; page-break-before: auto; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
  tr, .figure { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
  figure svg { max-height: 156mm; }
  tbody tr:nth-child(even) td, thead th { -webkit-print-color-adjust: exact;
    print-color-adjust: exact; }
}
""".replace("FONTS", FONTS)


def esc(value: object) -> str:
    return escape(str(value), quote=True)


def render(report: Report) -> str:
    sections = [_headline(report), _chart_section(report)]
    sections += [_section(table) for table in tables(report)]
    numbered = [
        body.replace("<h2>", f"<h2>{numeral(i)}、", 1) for i, body in enumerate(sections, 1)
    ]
    return "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="zh-CN">',
            "<head>",
            '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{esc(report.heading)}</title>",
            f"<style>{CSS}</style>",
            "</head>",
            "<body>",
            "<header>",
            f'<p class="issuer">{esc(report.issuer)}</p>',
            f"<h1>{esc(report.heading)}</h1>",
            f'<p class="meta">截至 {esc(report.as_of)}</p>',
            "</header>",
            *numbered,
            f"<footer>由 ecotask 根据《{esc(report.title)}》及进度记录生成，截至 "
            f"{esc(report.as_of)}。</footer>",
            "</body>",
            "</html>",
            "",
        ]
    )


def _headline(report: Report) -> str:
    tone = {"本月未完成": "bad", "逾期未完成（全计划）": "bad", "按时完成": "good"}
    cards = []
    for label, value in headline_rows(report):
        style = tone.get(label, "") if value not in (0, None) else ""
        cards.append(
            f'<div class="figure {style}"><div class="value">{esc(cell_text(value))}</div>'
            f'<div class="label">{esc(label)}</div></div>'
        )
    return (
        '<section id="headline">\n<h2>总体情况</h2>\n'
        f'<p>{esc(headline_text(report))}</p>\n<div class="figures">{"".join(cards)}</div>\n'
        f'<p class="note">{esc(RATE_NOTE)}</p>\n</section>'
    )


def _section(table: Table) -> str:
    parts = [f'<section id="{esc(table.key)}">', f"<h2>{esc(table.heading)}</h2>"]
    if not table.rows:
        parts.append(f'<p class="summary">{esc(table.empty)}</p>')
    else:
        parts.append(f'<p class="summary">{esc(table.summary)}</p>')
        for label, rows in table.groups:
            if label is not None:
                parts.append(f"<h3>{esc(label)}（{len(rows)} 项）</h3>")
            parts.append(_table(table.columns, rows))
    parts.append("</section>")
    return "\n".join(parts)


def _table(columns: list[str], rows: list[list[Cell]]) -> str:
    """A table; one with a prose column takes the page's width, with the same column widths
    in every table of its kind, and the others only what they need."""
    numeric = [
        bool(rows) and all(isinstance(r[i], int | Ratio) for r in rows) for i in range(len(columns))
    ]
    prose = any(c in PROSE for c in columns)
    widths = "".join(
        f'<col style="width:{WIDTHS[c]}">' if prose and c in WIDTHS else "<col>" for c in columns
    )
    head = "".join(
        f'<th class="num">{esc(c)}</th>' if n else f"<th>{esc(c)}</th>"
        for c, n in zip(columns, numeric, strict=True)
    )
    body = []
    for row in rows:
        cells = "".join(_cell(column, value) for column, value in zip(columns, row, strict=True))
        body.append(f"<tr>{cells}</tr>")
    kind = "wide" if prose else "compact"
    return (
        f'<table class="{kind}">\n<colgroup>{widths}</colgroup>\n'
        f"<thead><tr>{head}</tr></thead>\n<tbody>\n" + "\n".join(body) + "\n</tbody>\n</table>"
    )


def _cell(column: str, value: Cell) -> str:
    text = esc(cell_text(value))
    if isinstance(value, int | Ratio):
        return f'<td class="num">{text}</td>'
    if column == "时间节点" and isinstance(value, str) and "（" in value:
        dates, phrase = value.split("（", 1)
        return f'<td class="nowrap">{esc(dates)}<br><small>（{esc(phrase)}</small></td>'
    if column == "完成情况" and isinstance(value, str):
        state = LABEL_CLASSES.get(value.split(" ")[0])
        if state:
            return f'<td><span class="state {state}">{text}</span></td>'
    if column == "达标情况":
        style = {"达标": "met-yes", "未达标": "met-no"}.get(str(value))
        if style:
            return f'<td><span class="{style}">{text}</span></td>'
    if column in NOWRAP or isinstance(value, date):
        return f'<td class="nowrap">{text}</td>'
    return f"<td>{text}</td>"


# The chart -----------------------------------------------------------------------------------

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


def _chart_section(report: Report) -> str:
    drawn = [s for s in report.steps if s.milestone.due.year == report.year]
    missing = len(report.steps) - len(drawn)
    note = f"另有 {missing} 个时间节点不在{report.year}年内，未画出。" if missing else ""
    return (
        '<section id="chart">\n<h2>全年时间节点图</h2>\n'
        f'<p class="summary">{report.year}年的全部 {len(drawn)} 个时间节点，按任务逐行排列，'
        f"颜色和形状表示截至 {esc(report.as_of)} 的完成情况；竖线为截至日期，浅黄色为本月。"
        f"{esc(note)}</p>\n"
        f"<figure>{chart(report)}</figure>\n</section>"
    )


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
    category, each a mark coloured and shaped by its state, with a line at the as-of date."""
    axis = _Axis(report.year)
    by_task: dict[int, list[Step]] = {}
    for s in report.steps:
        if s.milestone.due.year == report.year:
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
    out: list[str], axis: _Axis, top: float, task: Task, steps: list[Step], shaded: bool
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
            right = axis.x(s.milestone.due + timedelta(days=1))
            out.append(
                f'<rect class="span" x="{left:.1f}" y="{middle - 2.5:.1f}" '
                f'width="{right - left:.1f}" height="5" rx="2.5" fill="{COLOURS[s.state]}" '
                'fill-opacity="0.3"/>'
            )
    same_day: dict[date, list[Step]] = {}
    for s in steps:
        same_day.setdefault(s.milestone.due, []).append(s)
    for due, group in same_day.items():
        start, end = axis.month(due.month)
        centre = (axis.x(due) + axis.x(due + timedelta(days=1))) / 2
        # marks of one day stand side by side, leftwards, all inside their month's band
        right = min(centre, end - MARK_SIZE - 2)
        for i, s in enumerate(reversed(group)):
            out.append(_mark(s, max(right - i * DODGE, start + MARK_SIZE + 2), middle))


def numeral(n: int) -> str:
    """一 to 九十九; larger numbers in digits."""
    if n <= 10:
        return NUMERALS[n - 1]
    if n < 100:
        tens, ones = divmod(n, 10)
        return (
            (NUMERALS[tens - 1] if tens > 1 else "") + "十" + (NUMERALS[ones - 1] if ones else "")
        )
    return str(n)


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


def _mark(s: Step, cx: float, cy: float) -> str:
    m = s.milestone
    detail = s.label
    if s.done is not None:
        detail += f"（{s.done.date}）"
    tip = f"{m.ref} {when(m)} {detail}：{m.milestone.text}"
    shape = _shape(s.state, cx, cy, f' class="mark {s.state}" data-ref="{esc(m.ref)}"')
    return shape.replace("/>", f"><title>{esc(tip)}</title></{shape.split()[0][1:]}>", 1)


def _legend(y: float, report: Report) -> str:
    counts = {state: sum(s.state == state for s in report.steps) for state in STATE_LABELS}
    parts = []
    cursor = PLOT_X0
    for state, label in STATE_LABELS.items():
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

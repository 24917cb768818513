"""The monthly report as one self-contained HTML page: inline CSS, an inline SVG chart of the
year's steps, no scripts and no external assets; it prints one section per page. Every piece
of data goes through html.escape."""

from __future__ import annotations

from datetime import date

from ..progress import STATE_NAMES
from ..report import Ratio, Report
from .progress import MET
from .report_chart import FONTS, chart, esc
from .report_tables import (
    RATE_NOTE,
    Cell,
    Due,
    Table,
    cell_text,
    group_heading,
    headline_rows,
    headline_text,
    numbered,
)

LABEL_CLASSES = {label: state for state, label in STATE_NAMES.items()} | {"今日到期": "pending"}
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


def render(report: Report) -> str:
    (headline, _), *rest = numbered(report)
    # the chart, which the other formats lack, is not numbered: the numbers stay the same
    sections = [_headline(headline, report), _chart_section(report)]
    sections += [_section(heading, table) for heading, table in rest if table is not None]
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
            *sections,
            f"<footer>由 ecotask 根据《{esc(report.title)}》及进度记录生成，截至 "
            f"{esc(report.as_of)}。</footer>",
            "</body>",
            "</html>",
            "",
        ]
    )


def _headline(heading: str, report: Report) -> str:
    tone = {"本月未完成": "bad", "逾期未完成（全计划）": "bad", "按时完成": "good"}
    cards = []
    for label, value in headline_rows(report):
        style = tone.get(label, "") if value not in (0, None) else ""
        cards.append(
            f'<div class="figure {style}"><div class="value">{esc(cell_text(value))}</div>'
            f'<div class="label">{esc(label)}</div></div>'
        )
    return (
        f'<section id="headline">\n<h2>{esc(heading)}</h2>\n'
        f'<p>{esc(headline_text(report))}</p>\n<div class="figures">{"".join(cards)}</div>\n'
        f'<p class="note">{esc(RATE_NOTE)}</p>\n</section>'
    )


def _section(heading: str, table: Table) -> str:
    parts = [f'<section id="{esc(table.key)}">', f"<h2>{esc(heading)}</h2>"]
    if not table.rows:
        parts.append(f'<p class="summary">{esc(table.empty)}</p>')
    else:
        parts.append(f'<p class="summary">{esc(table.summary)}</p>')
        for index, (label, rows) in enumerate(table.groups, 1):
            if label is not None:
                parts.append(f"<h3>{esc(group_heading(index, label, rows))}</h3>")
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
    if column == "时间节点" and isinstance(value, Due):  # each line's note small under it
        lines = "<br>".join(
            f"{esc(line)}<br><small>{esc(note)}</small>" for line, note in value.lines
        )
        return f'<td class="nowrap">{lines}</td>'
    if column == "完成情况" and isinstance(value, str):
        state = LABEL_CLASSES.get(value.split(" ")[0])
        if state:
            return f'<td><span class="state {state}">{text}</span></td>'
    if column == "达标情况":
        style = {MET[True]: "met-yes", MET[False]: "met-no"}.get(str(value))
        if style:
            return f'<td><span class="{style}">{text}</span></td>'
    if column in NOWRAP or isinstance(value, date):
        return f'<td class="nowrap">{text}</td>'
    return f"<td>{text}</td>"


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

"""Supervision notices (督办通知单) in Word, one per lead unit, each from a new page: its number,
the unit and its head, the steps with their deadlines and lateness, what to do and by when, and
who supervises. Its colour (supervision.py) is in its title and its marking."""

from __future__ import annotations

from datetime import date
from functools import partial
from pathlib import Path

from docx.enum.text import WD_TAB_ALIGNMENT
from docx.shared import Pt, RGBColor
from docx.text.paragraph import Paragraph

from ..letterhead import Letterhead
from ..supervision import COLOUR_NAMES, Colour, Item, UnitNotice
from ..when import chinese_date, table_parts
from . import docx_layout as layout

INK: dict[Colour, str] = {"red": "FF0000", "yellow": "D4A000", "blue": "0070C0"}
# 办理要求, by the notice's colour
REQUIREMENTS: dict[Colour, str] = {
    "blue": "以上工作即将到期，请对照时间节点抓紧推进，确保按期完成。",
    "yellow": "以上工作已逾期，请立即组织推进、尽快完成，并书面说明逾期原因。",
    "red": "以上工作逾期时间较长，请单位主要负责人亲自过问、限期完成，并书面说明逾期原因、"
    "责任落实情况和整改措施。",
}
COLUMNS = ["序号", "任务名称", "任务分解", "时间节点", "逾期情况", "最新进展"]
WIDTHS = [1.4, 2.4, 4.5, 3.1, 2.1, 2.1]  # cm of the 15.6 cm text: dates and headers whole


def notice_number(head: Letterhead, offset: int) -> str:
    """编号: the office's code with 督, the year, and the serial number from --number on."""
    return f"{head.code or ''}督〔{head.year}〕{head.number + offset}号"


def lateness(item: Item, as_of: date) -> str:
    if item.days_late:
        return f"逾期 {item.days_late} 天"
    from ..workdays import workdays_left

    days = (item.due - as_of).days
    left = f"还有 {workdays_left(as_of, item.due, item.milestone.workdays)} 个工作日"
    return f"今日到期，{left}" if days == 0 else f"{days} 天后到期，{left}"


def render(
    notices: list[UnitNotice],
    head: Letterhead,
    *,
    within: int,
    red_after: int,
    feedback: date,
    template: Path | None = None,
) -> bytes:
    sheet = layout.Sheet(template, page_numbers=False)
    dated = chinese_date(head.dated)
    rules = {
        "blue": f"{within} 天内到期",
        "yellow": f"逾期 {red_after} 天以内",
        "red": f"逾期超过 {red_after} 天",
    }
    for offset, notice in enumerate(notices):
        number = notice_number(head, offset)
        level = f"{COLOUR_NAMES[notice.colour]}（{rules[notice.colour]}）"
        values = {
            "发文机关": head.issuer,
            "编号": number,
            "承办单位": notice.unit,
            "督办等级": level,
            "成文日期": dated,
            "标题": f"{COLOUR_NAMES[notice.colour]}督办通知单",
        }

        fill = partial(
            _notice,
            notice=notice,
            head=head,
            number=number,
            level=level,
            dated=dated,
            feedback=feedback,
        )
        sheet.stamp(values, fill)
    return sheet.save()


def _notice(
    sheet: layout.Sheet,
    *,
    notice: UnitNotice,
    head: Letterhead,
    number: str,
    level: str,
    dated: str,
    feedback: date,
) -> None:
    ink = RGBColor.from_string(INK[notice.colour])
    name = COLOUR_NAMES[notice.colour]
    if not sheet.template:
        issuer = sheet.paragraph(head.issuer, layout.TITLE)  # smaller than the title
        issuer.runs[0].font.color.rgb = RGBColor.from_string(INK["red"])
        issuer.runs[0].font.size = layout.SIZE_3
    title = sheet.paragraph(f"{name}督办通知单", layout.TITLE)
    title.runs[0].font.color.rgb = ink
    layout.rule(title, INK[notice.colour], space=4, size=24)
    line = sheet.paragraph()  # the marking on the left, the number on the right
    line.paragraph_format.first_line_indent = 0
    line.paragraph_format.tab_stops.add_tab_stop(
        Pt(layout.TEXT_WIDTH_PT), alignment=WD_TAB_ALIGNMENT.RIGHT
    )
    layout.labelled(line, f"■ {name}督办").font.color.rgb = ink
    line.add_run(f"\t编号：{number}")
    _field(sheet, "承办单位", notice.unit + _head(notice))
    _field(sheet, "督办等级", level, ink)
    _field(sheet, "督办事项", f"以下 {len(notice.items)} 项工作未按期完成或即将到期：")
    rows = [
        [
            item.milestone.ref,
            item.milestone.task.name,
            item.milestone.milestone.text,
            "\n".join(table_parts(item.milestone, item.extended_to)),  # a date whole on a line
            lateness(item, head.dated),
            item.note or "—",
        ]
        for item in notice.items
    ]
    layout.table(sheet, COLUMNS, rows, WIDTHS)
    owed = [f"{item.milestone.ref} {item.parts}" for item in notice.items if item.parts]
    if owed:  # whom the lead unit waits for: the parts its responsible units still owe
        _field(sheet, "分项报送", "；".join(owed))
    # The closing stays together: 办理要求 and 反馈时限 over the 督办单位's name and the date.
    _field(sheet, "办理要求", REQUIREMENTS[notice.colour]).paragraph_format.keep_with_next = True
    contact = "，".join(layout.contact_parts(head))
    back = f"{head.issuer}（{contact}）" if contact else head.issuer
    feedback_line = f"请于{chinese_date(feedback)}前将办理情况书面反馈{back}。"
    _field(sheet, "反馈时限", feedback_line).paragraph_format.keep_with_next = True
    # 督办单位 signs as a 公文 does: a blank line, its name centred over the date
    layout.signature(sheet, head.issuer, dated, blank=1)


def _head(notice: UnitNotice) -> str:
    member = notice.head
    return f"（负责人：{member.name}，{member.position}）" if member else ""


def _field(sheet: layout.Sheet, label: str, text: str, ink: RGBColor | None = None) -> Paragraph:
    """One entry of the form: its label in 黑体, then the text."""
    paragraph = sheet.paragraph()
    layout.labelled(paragraph, f"{label}：")
    run = paragraph.add_run(text)
    if ink is not None:
        run.font.color.rgb = ink
    return paragraph

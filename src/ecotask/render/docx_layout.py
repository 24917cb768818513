"""The layout of official documents (公文, GB/T 9704-2012) in Word, shared by the 通报 and the
督办通知单: A4 with the standard margins, 22 lines of 28 characters of 3号 仿宋, headings in 黑体
and 楷体, the red masthead and rule, page numbers as "— N —". Only the docx writers import this
module, and with it python-docx.

Text takes its look from named paragraph styles (公文正文, 一级标题, …), so that an office's own
template (`--template`) that defines them is obeyed; the styles it lacks get the standard's.
"""

from __future__ import annotations

import copy
import math
import re
from collections.abc import Callable, Iterable
from pathlib import Path

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_TAB_ALIGNMENT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.section import _Footer, _Header
from docx.shared import Mm, Pt, RGBColor
from docx.styles.style import ParagraphStyle
from docx.table import Table
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from ..errors import EcotaskError
from ..i18n import _
from ..letterhead import Letterhead

RED = RGBColor(0xFF, 0x00, 0x00)
BLACK = RGBColor(0, 0, 0)
# Fonts by what the standard names; Word substitutes the second of each pair (altName) on a
# machine without the first: 仿宋_GB2312 is on older office PCs, 仿宋 on every Windows since 7.
FANGSONG, KAITI, HEITI, XIAOBIAOSONG, SONGTI = (
    "仿宋_GB2312",
    "楷体_GB2312",
    "黑体",
    "方正小标宋简体",
    "宋体",
)
FALLBACKS = {FANGSONG: "仿宋", KAITI: "楷体", XIAOBIAOSONG: SONGTI}
SIZE_3, SIZE_2, SIZE_4, SIZE_TABLE = Pt(16), Pt(22), Pt(14), Pt(12)  # 3号, 2号, 4号, 小四

PAGE_WIDTH, PAGE_HEIGHT = 210, 297  # A4, mm
TOP, BOTTOM, LEFT, RIGHT = 37, 35, 28, 26  # margins, mm: left is the binding side
LINES, CHARS = 22, 28
TEXT_WIDTH_PT = (PAGE_WIDTH - LEFT - RIGHT) / 25.4 * 72
# The document grid holds the lines: its pitch in twentieths of a point, rounded down so 22
# fit. 28 characters of 3号 are a little wider than the text block, so the text is condensed
# (w:spacing, twentieths of a point) to fit them: a character grid (linesAndChars) would do
# it in Word, but other programs (LibreOffice, some WPS versions) then give each character
# two cells, and 14 to a line.
LINE_PITCH = int((PAGE_HEIGHT - TOP - BOTTOM) / 25.4 * 72 * 20 / LINES)
CONDENSED = math.floor((TEXT_WIDTH_PT / CHARS - SIZE_3.pt) * 20)

BODY, TITLE, HEADING_1, HEADING_2, CELL, HEADER_CELL, NOTE = (
    "公文正文",
    "公文标题",
    "一级标题",
    "二级标题",
    "表格文字",
    "表格标题行",
    "附注",
)
# The elements that follow these in their parent, in the schema's order (Word insists on it)
_AFTER_SNAP = ("w:spacing", "w:ind", "w:jc", "w:outlineLvl", "w:rPr", "w:sectPr")
_AFTER_BORDER = ("w:shd", "w:tabs", "w:snapToGrid", *_AFTER_SNAP)
_AFTER_TABLE_BORDERS = ("w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook")
PLACEHOLDER = re.compile(r"\{\{([^{}]+)\}\}")
CONTENT = "正文"  # the template's paragraph {{正文}} is where the content goes


def set_fonts(element: object, font: str) -> None:
    """One font for every script of a run or style: Latin, East Asian (w:eastAsia) and complex;
    theme fonts removed, since Word prefers them to the names given."""
    fonts = element.get_or_add_rPr().get_or_add_rFonts()  # type: ignore[attr-defined]
    for theme in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        fonts.attrib.pop(qn(f"w:{theme}"), None)
    for script in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{script}"), font)


def _style(
    document: DocumentObject,
    name: str,
    font: str,
    size: Pt,
    *,
    align: WD_ALIGN_PARAGRAPH | None = None,
    indent: bool = False,
    level: int | None = None,
    grid: bool = True,
    bold: bool = False,
    keep: bool = False,
    replace: bool,
) -> None:
    """A paragraph style as the standard sets it, unless the template already defines it."""
    styles = document.styles
    if name in [s.name for s in styles]:
        if not replace:
            return
        style = styles[name]
    else:
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = styles["Normal"]
    assert isinstance(style, ParagraphStyle)
    style.quick_style = True
    set_fonts(style.element, font)
    style.font.size = size
    style.font.bold = bold
    style.font.color.rgb = BLACK
    fmt = style.paragraph_format
    fmt.alignment = align if align is not None else WD_ALIGN_PARAGRAPH.JUSTIFY
    fmt.first_line_indent = size * 2 if indent else Pt(0)
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.line_spacing = 1.0
    fmt.keep_with_next = keep
    ppr = style.element.get_or_add_pPr()
    if level is not None:
        outline = OxmlElement("w:outlineLvl")
        outline.set(qn("w:val"), str(level))
        ppr.insert_element_before(outline, "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr")
    if not grid:  # a table's small text would otherwise take a whole line of the grid
        snap = OxmlElement("w:snapToGrid")
        snap.set(qn("w:val"), "0")
        ppr.insert_element_before(snap, *_AFTER_SNAP)


def _defaults(document: DocumentObject) -> None:
    """The document's defaults: 3号 仿宋 in Chinese, single-spaced on the grid. The grid's
    character pitch is reckoned from the default size."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    for tag in ("w:rFonts", "w:spacing", "w:sz", "w:szCs", "w:lang"):
        for old in rpr.findall(qn(tag)):
            rpr.remove(old)
    fonts = OxmlElement("w:rFonts")
    for script in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{script}"), FANGSONG)
    rpr.append(fonts)
    spacing = OxmlElement("w:spacing")
    spacing.set(qn("w:val"), str(CONDENSED))
    rpr.append(spacing)
    for tag in ("w:sz", "w:szCs"):
        size = OxmlElement(tag)
        size.set(qn("w:val"), str(int(SIZE_3.pt * 2)))
        rpr.append(size)
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "zh-CN")
    rpr.append(lang)
    ppr = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr"))
    for old in ppr.findall(qn("w:spacing")):
        ppr.remove(old)


def _styles(document: DocumentObject, replace: bool) -> None:
    if replace:
        _defaults(document)
        normal = document.styles["Normal"]
        set_fonts(normal.element, FANGSONG)
        normal.font.size = SIZE_3
        normal.font.color.rgb = BLACK
        normal.paragraph_format.space_after = Pt(0)
        normal.paragraph_format.line_spacing = 1.0
    _style(document, BODY, FANGSONG, SIZE_3, indent=True, replace=replace)
    _style(document, TITLE, XIAOBIAOSONG, SIZE_2, align=WD_ALIGN_PARAGRAPH.CENTER, replace=replace)
    _style(document, HEADING_1, HEITI, SIZE_3, indent=True, level=0, keep=True, replace=replace)
    _style(document, HEADING_2, KAITI, SIZE_3, indent=True, level=1, keep=True, replace=replace)
    _style(
        document,
        CELL,
        FANGSONG,
        SIZE_TABLE,
        align=WD_ALIGN_PARAGRAPH.LEFT,
        grid=False,
        replace=replace,
    )
    _style(
        document,
        HEADER_CELL,
        HEITI,
        SIZE_TABLE,
        align=WD_ALIGN_PARAGRAPH.CENTER,
        grid=False,
        replace=replace,
    )
    _style(document, NOTE, FANGSONG, SIZE_3, indent=True, replace=replace)


def _page_setup(document: DocumentObject, page_numbers: bool) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(PAGE_WIDTH), Mm(PAGE_HEIGHT)
    section.top_margin, section.bottom_margin = Mm(TOP), Mm(BOTTOM)
    section.left_margin, section.right_margin = Mm(LEFT), Mm(RIGHT)
    section.header_distance = Mm(15)
    # the page number's top 7 mm below the text block: its line is about 5 mm high
    section.footer_distance = Mm(BOTTOM - 7 - 5)
    grid = section._sectPr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        section._sectPr.append(grid)
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(LINE_PITCH))
    grid.attrib.pop(qn("w:charSpace"), None)
    if not page_numbers:
        return
    document.settings.odd_and_even_pages_header_footer = True
    _page_number(section.footer.paragraphs[0], WD_ALIGN_PARAGRAPH.RIGHT)
    _page_number(section.even_page_footer.paragraphs[0], WD_ALIGN_PARAGRAPH.LEFT)


def _page_number(paragraph: Paragraph, align: WD_ALIGN_PARAGRAPH) -> None:
    """ "— N —" in 4号 宋体, one character in from the outer edge: right on odd pages, left on
    even ones."""
    paragraph.alignment = align
    indent = SIZE_4
    if align == WD_ALIGN_PARAGRAPH.RIGHT:
        paragraph.paragraph_format.right_indent = indent
    else:
        paragraph.paragraph_format.left_indent = indent
    _run(paragraph, "— ", SONGTI, SIZE_4)
    field(paragraph, "PAGE", "1", SONGTI, SIZE_4)
    _run(paragraph, " —", SONGTI, SIZE_4)


def _run(paragraph: Paragraph, text: str, font: str, size: Pt) -> Run:
    run = paragraph.add_run(text)
    set_fonts(run._r, font)
    run.font.size = size
    return run


def labelled(paragraph: Paragraph, text: str) -> Run:
    """A label in 黑体 at the start of a paragraph."""
    return _run(paragraph, text, HEITI, SIZE_3)


def field(paragraph: Paragraph, code: str, shown: str, font: str, size: Pt) -> None:
    """A field (PAGE, NUMPAGES …) with the text shown until Word updates it."""
    for kind, text in (("begin", None), ("instr", f" {code} "), ("separate", None), ("", shown)):
        run = paragraph.add_run()
        set_fonts(run._r, font)
        run.font.size = size
        if kind == "instr":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
        elif kind:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
        else:
            run.text = text or ""
    end = paragraph.add_run()
    set_fonts(end._r, font)
    end.font.size = size
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), "end")
    end._r.append(char)


def _font_fallbacks(document: DocumentObject) -> None:
    """Declare each font's substitute (w:altName) in the font table."""
    part = document.part.part_related_by(RT.FONT_TABLE)
    blob = part.blob.decode("utf-8")
    entries = "".join(
        f'<w:font w:name="{name}"><w:altName w:val="{alt}"/><w:charset w:val="86"/>'
        f'<w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>'
        for name, alt in FALLBACKS.items()
        if f'w:name="{name}"' not in blob
    )
    part._blob = blob.replace("</w:fonts>", entries + "</w:fonts>").encode("utf-8")


class Sheet:
    """A document being filled: from the office's template when given (kept as it is, its
    placeholders {{…}} filled and the content put at {{正文}} or after it), else the built-in
    layout. `stamp` adds one copy of the template, so notices can each have their own."""

    def __init__(self, template: Path | None, *, page_numbers: bool = True) -> None:
        self.template = template is not None
        if template is None:
            self.document = Document()
        else:
            try:
                self.document = Document(str(template))
            except Exception as error:  # python-docx raises several kinds for a bad file
                raise EcotaskError(
                    _("{path}: not a Word document (.docx): {reason}").format(
                        path=template, reason=error
                    )
                ) from None
        body = self.document.element.body
        # the template's content, copied for each document stamped from it
        self.original = [copy.deepcopy(e) for e in body if e.tag != qn("w:sectPr")]
        for element in list(body):
            if element.tag != qn("w:sectPr"):
                body.remove(element)
        _styles(self.document, replace=not self.template)
        if not self.template:
            _page_setup(self.document, page_numbers)
        _font_fallbacks(self.document)
        self.stamps = 0

    def stamp(self, values: dict[str, str], fill: Callable[[Sheet], None]) -> None:
        """One document: on a new page after the first, the template's content with values
        put in its placeholders, then what `fill` writes where {{正文}} is."""
        body = self.document.element.body
        if self.stamps:
            self.document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        self.stamps += 1
        marker = None
        for element in self.original:
            copied = copy.deepcopy(element)
            body.insert(len(body) - 1, copied)
            for paragraph in _paragraphs(copied):
                if paragraph.text.strip() == "{{" + CONTENT + "}}":
                    marker = paragraph._p
                else:
                    _fill_placeholders(paragraph, values)
        if self.stamps == 1:
            for part in self._headers_and_footers():
                for paragraph in part.paragraphs:
                    _fill_placeholders(paragraph, values)
        start = len(body) - 1
        fill(self)
        if marker is not None:
            added = list(body)[start:-1]
            for element in added:
                marker.addprevious(element)
            marker.getparent().remove(marker)

    def _headers_and_footers(self) -> Iterable[_Header | _Footer]:
        for section in self.document.sections:
            yield from (section.header, section.footer, section.even_page_footer)
            yield section.first_page_header

    def paragraph(self, text: str = "", style: str = BODY) -> Paragraph:
        return self.document.add_paragraph(text, style=style)

    def save(self) -> bytes:
        import io

        buffer = io.BytesIO()
        self.document.save(buffer)
        return buffer.getvalue()


def _paragraphs(element: object) -> list[Paragraph]:
    return [Paragraph(p, None) for p in element.iter(qn("w:p"))]  # type: ignore[attr-defined,arg-type]


def _fill_placeholders(paragraph: Paragraph, values: dict[str, str]) -> None:
    """Replace {{名称}} by its value: within a run where it lies in one, else over the
    paragraph's text in its first run (a placeholder Word split across runs)."""
    if "{{" not in paragraph.text:
        return

    def replace(text: str) -> str:
        return PLACEHOLDER.sub(lambda m: values.get(m.group(1).strip(), m.group(0)), text)

    for run in paragraph.runs:
        if "{{" in run.text:
            run.text = replace(run.text)
    if PLACEHOLDER.search(paragraph.text) and paragraph.runs:
        text = replace(paragraph.text)
        if text != paragraph.text:
            for run in paragraph.runs[1:]:
                run.text = ""
            paragraph.runs[0].text = text


def masthead(sheet: Sheet, issuer: str, number: str | None, signer: str | None) -> None:
    """The 版头: the 发文机关标志 in red 小标宋, as large as fits one line, the 发文字号 two lines
    below it (with the 签发人 when given), and the red rule 4 mm under that."""
    mark = sheet.paragraph(style=TITLE)
    mark.paragraph_format.space_before = Mm(35 - 10)  # the standard's 35 mm, less a grid line
    size = Pt(min(36.0, int(TEXT_WIDTH_PT / max(len(issuer), 1) * 2) / 2))
    _run(mark, issuer, XIAOBIAOSONG, size).font.color.rgb = RED
    sheet.paragraph(style=BODY).paragraph_format.first_line_indent = Pt(0)
    line = sheet.paragraph(style=BODY)
    fmt = line.paragraph_format
    fmt.first_line_indent = Pt(0)
    if signer:  # the number one character in from the left, the signer one in from the right
        width = Pt(TEXT_WIDTH_PT - SIZE_3.pt)
        fmt.tab_stops.add_tab_stop(width, alignment=WD_TAB_ALIGNMENT.RIGHT)
        line.add_run(f"\u3000{number or ''}\t签发人：")
        _run(line, signer, KAITI, SIZE_3)
    else:
        line.alignment = WD_ALIGN_PARAGRAPH.CENTER
        line.add_run(number or "")
    rule(line, "FF0000", space=11, size=12)


def rule(paragraph: Paragraph, colour: str, *, space: int, size: int) -> None:
    """A line the text block's width under the paragraph: `space` points below its text,
    `size` eighths of a point thick."""
    ppr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("val", "single"), ("sz", str(size)), ("space", str(space))):
        bottom.set(qn(f"w:{key}"), value)
    bottom.set(qn("w:color"), colour)
    borders.append(bottom)
    ppr.insert_element_before(borders, *_AFTER_BORDER)


def table(
    sheet: Sheet,
    columns: list[str],
    rows: list[list[str]],
    widths: list[float],
    centred: list[bool] | None = None,
) -> None:
    """A table the text block's width, its header row repeated on every page it runs onto
    (w:tblHeader), columns in proportion to `widths`, the `centred` ones centred."""
    middle = centred or [False] * len(columns)
    document = sheet.document
    grid = document.add_table(rows=1, cols=len(columns))
    _borders(grid)
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    grid.autofit = False
    total = sum(widths)
    spans = [Mm((PAGE_WIDTH - LEFT - RIGHT) * w / total) for w in widths]
    for column, span in zip(grid.columns, spans, strict=True):
        column.width = span  # the table's grid, which LibreOffice and WPS go by
    layout_fixed = OxmlElement("w:tblLayout")
    layout_fixed.set(qn("w:type"), "fixed")
    grid._tbl.tblPr.insert_element_before(layout_fixed, "w:tblCellMar", "w:tblLook")
    header = grid.rows[0]
    trpr = header._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    trpr.append(repeat)
    for cell, name, span in zip(header.cells, columns, spans, strict=True):
        cell.width = span
        cell.paragraphs[0].text = name
        cell.paragraphs[0].style = document.styles[HEADER_CELL]
    for values in rows:
        row = grid.add_row()
        cant_split = OxmlElement("w:cantSplit")
        row._tr.get_or_add_trPr().append(cant_split)
        for cell, value, span, centre in zip(row.cells, values, spans, middle, strict=True):
            cell.width = span
            paragraph = cell.paragraphs[0]
            paragraph.text = value
            paragraph.style = document.styles[CELL]
            if centre:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER


def _borders(grid: Table) -> None:
    """Thin black lines around and between every cell, whatever styles a template has."""
    tblpr = grid._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        line = OxmlElement(f"w:{edge}")
        for key, value in (("val", "single"), ("sz", "4"), ("space", "0"), ("color", "000000")):
            line.set(qn(f"w:{key}"), value)
        borders.append(line)
    tblpr.insert_element_before(borders, *_AFTER_TABLE_BORDERS)


def signature(sheet: Sheet, issuer: str, dated: str, *, blank: int = 2) -> None:
    """The 发文机关署名 centred over the 成文日期, which stands four characters in from the
    right; `blank` lines above them, kept on the page of the text they close."""
    for _blank_line in range(blank):
        sheet.paragraph().paragraph_format.keep_with_next = True
    name = sheet.paragraph(issuer)
    name.paragraph_format.keep_with_next = True
    day = sheet.paragraph(dated)
    for paragraph in (name, day):
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        paragraph.paragraph_format.first_line_indent = Pt(0)
    day.paragraph_format.right_indent = SIZE_3 * 4
    offset = SIZE_3.pt * (4 + (len(dated) - len(issuer)) / 2)
    name.paragraph_format.right_indent = Pt(max(offset, 0))


def contact_parts(head: Letterhead) -> list[str]:
    """联系人 and 联系电话, those the office gives."""
    return [
        f"{label}：{value}"
        for label, value in (("联系人", head.contact), ("联系电话", head.phone))
        if value
    ]


def contact_note(sheet: Sheet, head: Letterhead) -> None:
    """The 附注 under the date: whom to call, when the office says."""
    if parts := contact_parts(head):
        sheet.paragraph(f"（{'，'.join(parts)}）", NOTE)

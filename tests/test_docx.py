"""The office's Word documents: the 通报 (report --format docx) and the 督办通知单 (remind
--format docx), opened with python-docx and checked against GB/T 9704-2012's layout and the
bundled plan with June 2017's progress recorded."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from docx import Document
from docx.document import Document as DocumentObject
from docx.oxml.ns import qn
from docx.shared import Pt
from docx.table import Table

from .conftest import cli

W_COLOR = qn("w:color")
ISSUER = "双台子区生态文明建设工作领导小组办公室"


@pytest.fixture
def june(data_copy: Path) -> Path:
    """The bundled plan with a month of progress: two steps of June done on time, two old
    ones done late, one of them reopened with a note."""
    for args in (
        ("done", "2.1", "--on", "2017-06-28", "--by", "区国土分局", "--note", "资料收集完成"),
        ("done", "16.2", "--on", "2017-06-10"),
        ("done", "14.1", "--on", "2017-06-15"),
        ("done", "28.1", "--on", "2017-06-20", "--note", "已印发"),
        ("reopen", "28.1", "--on", "2017-06-25", "--note", "采购目录需补充"),
    ):
        run = cli(*args, "--data", str(data_copy))
        assert run.code == 0, run.stderr
    return data_copy


def report(data: Path, tmp_path: Path, *args: str) -> DocumentObject:
    path = tmp_path / "通报.docx"
    run = cli("report", "-m", "6", "-o", str(path), "--data", str(data), *args)
    assert run.code == 0, run.stderr
    return Document(str(path))


def fonts(element) -> dict[str, str]:
    found = element.find(qn("w:rPr")).find(qn("w:rFonts"))
    return {key: found.get(qn(f"w:{key}")) for key in ("ascii", "eastAsia")}


def style_fonts(document: DocumentObject, name: str) -> tuple[str, float]:
    style = document.styles[name]
    return fonts(style.element)["eastAsia"], style.font.size.pt


def texts(document: DocumentObject, style: str) -> list[str]:
    return [p.text for p in document.paragraphs if p.style.name == style]


def rows(table: Table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def test_the_report_is_a4_with_the_standards_margins_and_grid(june, tmp_path):
    document = report(june, tmp_path)
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    margins = (section.top_margin, section.left_margin, section.bottom_margin)
    assert [round(m.mm, 1) for m in (*margins, section.right_margin)] == [37, 28, 35, 26]
    grid = section._sectPr.find(qn("w:docGrid"))
    pitch = int(grid.get(qn("w:linePitch"))) / 20  # points
    assert grid.get(qn("w:type")) == "lines"
    assert int((297 - 37 - 35) / 25.4 * 72 // pitch) == 22
    # 28 characters of 3号 to a line: the default condensing makes them fit the text block
    defaults = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault"))
    condensed = int(defaults.find(qn("w:rPr")).find(qn("w:spacing")).get(qn("w:val"))) / 20
    width = (210 - 28 - 26) / 25.4 * 72
    assert int(width // (16 + condensed)) == 28


def test_the_report_sets_chinese_fonts_on_body_title_and_headings(june, tmp_path):
    document = report(june, tmp_path)
    assert style_fonts(document, "Normal") == ("仿宋_GB2312", 16)
    assert style_fonts(document, "公文正文") == ("仿宋_GB2312", 16)
    assert style_fonts(document, "公文标题") == ("方正小标宋简体", 22)
    assert style_fonts(document, "一级标题") == ("黑体", 16)
    assert style_fonts(document, "二级标题") == ("楷体_GB2312", 16)
    assert fonts(document.styles["公文正文"].element)["ascii"] == "仿宋_GB2312"
    # the substitutes Word takes on a PC without the GB2312 fonts
    table = document.part.part_related_by(
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable"
    ).blob.decode()
    assert '<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/>' in table
    assert '<w:font w:name="方正小标宋简体"><w:altName w:val="宋体"/>' in table
    assert texts(document, "公文标题") == [
        ISSUER,
        "2017年生态建设专项行动工作任务分解表执行情况通报（2017年6月）",
    ]
    assert texts(document, "一级标题") == [
        "一、总体情况",
        "二、本月到期",
        "三、逾期未完成",
        "四、本月已完成",
        "五、下月到期",
        "六、量化指标",
        "七、单位排名",
        "八、分管领导",
    ]
    assert texts(document, "二级标题")[:3] == [
        "（一）区环保局（11 项）",
        "（二）区发改局（3 项）",  # as many as 区住建局, and before it in the registry
        "（三）区住建局（3 项）",
    ]


def test_the_masthead_is_red_with_the_number_over_a_red_rule(june, tmp_path):
    document = report(june, tmp_path, "--code", "双生态办")
    mark, _, number = document.paragraphs[:3]
    assert mark.text == ISSUER
    assert [str(run.font.color.rgb) for run in mark.runs] == ["FF0000"]
    assert fonts(mark.runs[0]._r)["eastAsia"] == "方正小标宋简体"
    assert number.text == "双生态办〔2017〕6号"  # the report's month, without office.number
    rule = number._p.pPr.find(qn("w:pBdr")).find(qn("w:bottom"))
    assert (rule.get(qn("w:val")), rule.get(W_COLOR)) == ("single", "FF0000")


def test_page_numbers_are_a_page_field_in_4hao_songti(june, tmp_path):
    document = report(june, tmp_path)
    section = document.sections[0]
    assert document.settings.odd_and_even_pages_header_footer
    for footer in (section.footer, section.even_page_footer):
        (paragraph,) = footer.paragraphs
        instructions = [i.text for i in paragraph._p.iter(qn("w:instrText"))]
        assert instructions == [" PAGE "]
        assert paragraph.text == "— 1 —"  # the field shows 1 until Word updates it
        for run in paragraph.runs:
            assert fonts(run._r)["eastAsia"] == "宋体"
            assert run.font.size == Pt(14)
    assert section.footer.paragraphs[0].alignment == 2  # odd pages: right
    assert section.even_page_footer.paragraphs[0].alignment == 0  # even pages: left


def test_the_tables_hold_the_months_steps_with_headers_repeated(june, tmp_path):
    document = report(june, tmp_path)
    tables = document.tables
    for table in tables:
        header = table.rows[0]._tr.trPr
        assert header is not None and header.find(qn("w:tblHeader")) is not None
    headline, due, *overdue = tables[:14]
    assert rows(headline)[1:4] == [["本月到期", "4"], ["按时完成", "2"], ["逾期完成", "0"]]
    assert [(r[0], r[-2], r[-1]) for r in rows(due)] == [  # 2.1 was done with a note
        ("序号", "完成情况", "进展情况"),
        ("2.1", "按时完成", "资料收集完成"),
        ("9.3", "今日到期", "—"),
        ("16.2", "按时完成", "—"),
        ("18.1", "今日到期", "—"),
    ]
    assert rows(overdue[0])[1][:2] == ["9.1", "2017-01-31\n（1月底）"]  # the date whole on a line
    assert rows(overdue[0])[1][4] == "150"  # days overdue as of 06-30
    done = next(t for t in tables if rows(t)[0][-2] == "报告单位")
    assert [(r[0], r[3], r[5]) for r in rows(done)[1:]] == [
        ("16.2", "2017-06-10", "—"),
        ("14.1", "2017-06-15", "—"),
        ("2.1", "2017-06-28", "区国土分局"),
    ]


def test_the_report_ends_with_signature_date_and_contact(june, tmp_path):
    document = report(
        june, tmp_path, "--contact", "王明", "--phone", "0427-2812345", "--issuer", "区生态办"
    )
    last = [p.text for p in document.paragraphs if p.text][-3:]
    assert last == ["区生态办", "2017年6月30日", "（联系人：王明，联系电话：0427-2812345）"]
    assert document.paragraphs[0].text == "区生态办"


def test_the_office_section_supplies_the_letterhead_and_options_override(june, tmp_path):
    group = june / "group.yaml"
    text = group.read_text(encoding="utf-8")
    office = "    concurrent: true  # 办公室主任赵凤春（兼）\n"
    assert office in text
    group.write_text(
        text.replace(
            office,
            office
            + "    code: 双生态办\n    number: 12\n    signer: 赵凤春\n    phone: 0427-2812345\n",
        ),
        encoding="utf-8",
    )
    document = report(june, tmp_path)
    number = document.paragraphs[2]
    assert number.text == "\u3000双生态办〔2017〕12号\t签发人：赵凤春"
    assert document.paragraphs[-1].text == "（联系电话：0427-2812345）"
    document = report(june, tmp_path, "--number", "7", "--signer", "祝美娟", "--force")
    assert document.paragraphs[2].text == "\u3000双生态办〔2017〕7号\t签发人：祝美娟"


def test_bad_office_fields_are_reported_where_they_are(data_copy):
    group = data_copy / "group.yaml"
    text = group.read_text(encoding="utf-8")
    office = "    concurrent: true  # 办公室主任赵凤春（兼）\n"
    group.write_text(
        text.replace(office, office + "    code: 双生态办〔2017〕\n    phone: 找王明\n"),
        encoding="utf-8",
    )
    run = cli("validate", "--data", str(data_copy))
    assert run.code == 1
    errors = [line for line in run.stdout.splitlines() if ": error: " in line]
    line = text[: text.index(office)].count("\n") + 2
    assert errors[0].startswith(f"{group}:{line}:11: error: group.office.code: ")
    assert "contains '〔': give the code alone (机关代字, e.g. 双生态办)" in errors[0]
    assert errors[1].startswith(f"{group}:{line + 1}:12: error: group.office.phone: ")
    assert "is not a telephone number" in errors[1]


def test_bad_options_are_usage_errors_and_docx_needs_a_file(june, tmp_path):
    run = cli("report", "-m", "6", "-o", str(tmp_path / "a.docx"), "--code", "双生态办6号")
    assert run.code == 2
    assert run.stderr.startswith("ecotask: error: --code '双生态办6号' contains '6'")
    assert not (tmp_path / "a.docx").exists()
    run = cli("report", "-m", "6", "--format", "docx")
    assert run.code == 2 and "write it to a file with -o FILE" in run.stderr
    run = cli("report", "-m", "6", "--template", str(tmp_path / "none.docx"), "-o", "x.docx")
    assert run.code == 2
    template = tmp_path / "t.docx"
    template.write_bytes(b"not a zip")
    run = cli("report", "-m", "6", "--template", str(template), "-o", str(tmp_path / "b.docx"))
    assert run.code == 1
    assert run.stderr.startswith(f"ecotask: error: {template}: not a Word document")
    run = cli("report", "-m", "6", "--template", str(template), "--format", "md")
    assert run.code == 2


def test_the_format_follows_the_extension(june, tmp_path):
    path = tmp_path / "通报.docx"
    assert cli("report", "-m", "6", "-o", str(path), "--data", str(june)).code == 0
    assert Document(str(path)).paragraphs[0].text == ISSUER
    markdown = tmp_path / "通报.md"
    assert cli("report", "-m", "6", "-o", str(markdown), "--data", str(june)).code == 0
    assert markdown.read_text(encoding="utf-8").startswith("# 2017年")


def make_template(path: Path) -> None:
    """An office's own template: its 红头 with placeholders, content marked, a closing line;
    Letter paper and its own body style."""
    document = Document()
    document.add_paragraph("双台子区生态办（红头）")
    number = document.add_paragraph()
    number.add_run("{{发文")  # Word splits a placeholder over runs
    number.add_run("字号}}")
    document.add_paragraph("{{正文}}")
    document.add_paragraph("抄送：区委办、区政府办。{{成文日期}}印发")
    document.styles.add_style("公文正文", 1).font.size = Pt(15)
    document.save(str(path))


def test_a_template_is_filled_and_keeps_its_layout(june, tmp_path):
    template = tmp_path / "红头.docx"
    make_template(template)
    document = report(june, tmp_path, "--template", str(template), "--code", "双生态办")
    paragraphs = [p.text for p in document.paragraphs]
    assert paragraphs[:3] == [
        "双台子区生态办（红头）",
        "双生态办〔2017〕6号",
        "2017年生态建设专项行动工作任务分解表执行情况通报（2017年6月）",
    ]
    assert paragraphs[-1] == "抄送：区委办、区政府办。2017年6月30日印发"
    assert "{{正文}}" not in paragraphs and ISSUER not in paragraphs[:3]
    section = document.sections[0]
    assert round(section.page_width.inches, 1) == 8.5  # the template's paper, not A4
    assert document.styles["公文正文"].font.size == Pt(15)  # its style, not the standard's
    assert style_fonts(document, "一级标题") == ("黑体", 16)  # a style it lacks: the standard's


def notices(data: Path, tmp_path: Path, *args: str) -> tuple[DocumentObject, str]:
    path = tmp_path / "督办单.docx"
    run = cli("remind", "--as-of", "2017-06-20", "-o", str(path), "--data", str(data), *args)
    assert run.code == 0, run.stderr
    return Document(str(path)), run.stderr


def pages(document: DocumentObject) -> list[list[object]]:
    """The body's paragraphs and tables, split at page breaks."""
    result: list[list[object]] = [[]]
    for block in document.iter_inner_content():
        if hasattr(block, "runs") and any(
            br.get(qn("w:type")) == "page" for br in block._p.iter(qn("w:br"))
        ):
            result.append([])
        else:
            result[-1].append(block)
    return result


def test_one_notice_per_late_unit_each_on_its_own_page(june, tmp_path):
    document, stderr = notices(
        june, tmp_path, "--red-after", "100", "--code", "双生态办", "--contact", "王明"
    )
    units = [
        ("区组织部", "红色", "詹晓辉", ["30.2", "29.1"]),
        ("区人社局", "红色", "郑利", ["30.2", "29.1"]),
        ("区环保局", "红色", "赵凤春", None),
        ("区文体局", "红色", "李伟", ["34.1", "33.1"]),
        ("区发改局", "黄色", "孙大庆", ["4.2", "27.1", "6.1"]),
        ("区经信局", "黄色", "赵泉有", ["27.1", "6.1"]),
        ("区教育局", "黄色", "邢国秋", ["33.1"]),
        ("区住建局", "黄色", "董鸿斌", ["14.3", "22.2", "23.1"]),
        ("区农经局", "黄色", "贾文刚", ["19.1", "15.1"]),
        ("区水利总站", "黄色", "郗宏光", ["5.2"]),
        ("区国土分局", "蓝色", "秦凯", ["2.1"]),
    ]
    assert stderr.endswith("11 notice(s): " + "、".join(u for u, *_ in units) + "\n")
    found = pages(document)
    assert len(found) == len(units)
    for number, (page, (unit, colour, head, refs)) in enumerate(zip(found, units, strict=True), 1):
        paragraphs = [b.text for b in page if not isinstance(b, Table)]
        (table,) = [b for b in page if isinstance(b, Table)]
        title = next(b for b in page if getattr(b, "text", "") == f"{colour}督办通知单")
        ink = {"红色": "FF0000", "黄色": "D4A000", "蓝色": "0070C0"}[colour]
        assert str(title.runs[0].font.color.rgb) == ink
        assert title._p.pPr.find(qn("w:pBdr")).find(qn("w:bottom")).get(W_COLOR) == ink
        assert paragraphs[:3] == [
            ISSUER,
            f"{colour}督办通知单",
            f"■ {colour}督办\t编号：双生态办督〔2017〕{number}号",
        ]
        assert any(p.startswith(f"承办单位：{unit}（负责人：{head}，") for p in paragraphs)
        assert any(p.startswith(f"督办等级：{colour}") for p in paragraphs)
        # the closing: whom to report back to, then the 督办单位 signs over the date, the
        # paragraphs kept together so that no page holds the signature alone
        assert paragraphs[-4:] == [
            f"反馈时限：请于2017年6月25日前将办理情况书面反馈{ISSUER}（联系人：王明）。",
            "",
            ISSUER,
            "2017年6月20日",
        ]
        texts = [b for b in page if not isinstance(b, Table)]
        start = next(i for i, b in enumerate(texts) if b.text.startswith("办理要求"))
        assert [b.paragraph_format.keep_with_next for b in texts[start:]] == [True] * 4 + [None]
        if refs is not None:
            assert [r[0] for r in rows(table)[1:]] == refs
        assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    first = rows(next(b for b in found[0] if isinstance(b, Table)))
    assert first[1][3:] == ["2017-02-28\n（2月底）", "逾期 112 天", "—"]  # a date whole on a line
    assert [r[4] for r in rows(next(b for b in found[-1] if isinstance(b, Table)))[1:]] == [
        "10 天后到期，还有 9 个工作日"  # 06-20…06-30, the Dragon Boat holiday was in May
    ]


def test_a_notice_shows_the_latest_note_and_the_colours_follow_the_options(june, tmp_path):
    path = tmp_path / "督办单.docx"
    run = cli(
        "remind", "--as-of", "2017-06-30", "--within", "0", "--red-after", "130",
        "-o", str(path), "--data", str(june), "--feedback", "3",
    )  # fmt: skip
    assert run.code == 0, run.stderr
    document = Document(str(path))
    by_unit = {}
    for page in pages(document):
        unit = next(b.text for b in page if getattr(b, "text", "").startswith("承办单位："))
        table = next(b for b in page if isinstance(b, Table))
        by_unit[unit.split("：")[1].split("（")[0]] = rows(table)[1:]
    (row,) = by_unit["区财政局"]  # done 06-20, reopened 06-25
    assert row[0] == "28.1" and row[4:] == ["逾期 122 天", "采购目录需补充"]
    assert "区国土分局" not in by_unit  # 2.1 done on 06-28
    titles = [p.text for p in document.paragraphs if p.text.endswith("督办通知单")]
    assert titles.count("红色督办通知单") == 1  # only 区环保局 has steps more than 130 days late
    assert "反馈时限：请于2017年7月3日前将办理情况书面反馈" + ISSUER + "。" in [
        p.text for p in document.paragraphs
    ]


def test_notices_from_a_template_copy_it_for_each_unit(june, tmp_path):
    template = tmp_path / "督办单模板.docx"
    document = Document()
    document.add_paragraph("督查室 {{编号}}")
    document.add_paragraph("{{正文}}")
    document.add_paragraph("（{{承办单位}}存档）")
    document.save(str(template))
    result, _ = notices(june, tmp_path, "--within", "5", "--template", str(template))
    found = pages(result)
    assert len(found) == 10  # 区国土分局's 2.1 is due in 10 days: no blue notice
    first = [b.text for b in found[0] if not isinstance(b, Table)]
    assert first[0] == "督查室 督〔2017〕1号"
    assert first[1] == "红色督办通知单"  # no issuer of ours over it: the template has its own
    assert first[-1] == "（区组织部存档）"
    assert [b.text for b in found[1] if not isinstance(b, Table)][-1] == "（区发改局存档）"


def test_no_late_unit_writes_no_file(data_copy, tmp_path):
    path = tmp_path / "督办单.docx"
    run = cli("remind", "--as-of", "2017-01-01", "--within", "3", "-o", str(path))
    assert run.code == 0
    assert run.stdout == "截至2017年1月1日，没有逾期未完成或3天内到期的工作。\n"
    assert not path.exists()


def test_remind_options_for_docx_only(tmp_path):
    run = cli("remind", "--as-of", "2017-06-20", "--template", str(tmp_path))
    assert run.code == 2
    run = cli("remind", "--as-of", "2017-06-20", "-o", str(tmp_path / "a.txt"))
    assert run.code == 2 and "-o and --template are for --format docx" in run.stderr
    run = cli("remind", "--format", "docx", "--json", "-o", str(tmp_path / "a.docx"))
    assert run.code == 2
    run = cli("remind", "--format", "docx")
    assert run.code == 2 and "write it to a file with -o FILE" in run.stderr


def test_markdown_html_and_docx_number_their_sections_alike(june, tmp_path):
    document = report(june, tmp_path)
    markdown = cli("report", "-m", "6", "--data", str(june)).stdout
    page = cli("report", "-m", "6", "--format", "html", "--data", str(june)).stdout
    sections = texts(document, "一级标题")
    groups = texts(document, "二级标题")
    assert len(groups) == 11
    assert re.findall(r"^## (.+)$", markdown, flags=re.M) == sections
    assert re.findall(r"^### (.+)$", markdown, flags=re.M) == groups
    # the chart, which only the page has, is not numbered
    assert re.findall(r"<h2>([^<]+)</h2>", page) == [sections[0], "全年时间节点图", *sections[1:]]
    assert re.findall(r"<h3>([^<]+)</h3>", page) == groups


def test_the_html_page_names_the_offices_fonts_first():
    page = cli("report", "-m", "6", "--format", "html").stdout
    (stack,) = re.findall(r"body \{[^}]*font: 14px/1\.6 ([^;]+);", page)
    names = [name.strip().strip('"') for name in stack.split(",")]
    assert names[:6] == ["Microsoft YaHei", "微软雅黑", "SimSun", "宋体", "FangSong", "仿宋"]
    assert names[-1] == "sans-serif"


def test_a_list_of_refs_breaks_between_refs_only(june, tmp_path):
    """LibreOffice breaks a run of refs inside one (9. / 1); a zero-width space after each 、
    between two refs gives it the break to take. The Markdown report has none."""
    document = report(june, tmp_path)
    leaders = next(t for t in document.tables if t.rows[0].cells[0].text == "分管领导")
    header = [cell.text for cell in leaders.rows[0].cells]
    late = [row[header.index("逾期节点")] for row in rows(leaders)[1:]]
    first = next(text for text in late if "、" in text)
    assert "、" not in first.replace("、\u200b", "")  # every 、 between refs is followed by one
    markdown = cli("report", "-m", "6", "--data", str(june)).stdout
    assert "\u200b" not in markdown

"""The 汇总表 as an A4 (landscape) PDF report: totals, three vector charts, then the table of
forms with its header repeated on every page, 合计 and 小计 rows, and the unreadable files.

Built with reportlab's platypus in ``invariant`` mode (the same summary gives the same bytes);
the bundled Song-style font is embedded as a subset, as in the printed forms.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import LongTable, Paragraph, SimpleDocTemplate, Spacer, Table

from perfeval_gui.model.formatting import format_amount, format_percent, format_score
from perfeval_gui.model.summary import Summary, SummaryRow, Totals, display_name, grade_label
from perfeval_gui.render.fonts import load_font, resolve_font
from perfeval_gui.render.summary_charts import grade_chart, rate_chart, scatter_chart
from perfeval_gui.render.text import printable

TITLE = "财政项目支出绩效自评汇总表"
_MARGIN = 28.0
_SIZE = 7.5
_PADDING_X = 3.0
_PADDING_Y = 2.0
#: (header, width in points) of the table's columns; the names wrap, figures never do.
COLUMNS: tuple[tuple[str, float], ...] = (
    ("序号", 26),
    ("项目名称", 150),
    ("主管部门", 110),
    ("实施单位", 116),
    ("年初预算数", 66),
    ("全年预算数", 66),
    ("全年执行数", 66),
    ("执行率", 44),
    ("分值", 30),
    ("得分", 32),
    ("等级", 26),
    ("错误", 26),
    ("警告", 26),
)
_NAME_COLUMNS = (1, 2, 3)
_GRID = colors.black
_TOTAL_FILL = colors.HexColor("#EEEEEE")
_HEADER_FILL = colors.HexColor("#DDE4EE")


class _Cells:
    """Makes cell contents: a plain string when it fits, else a wrapping paragraph."""

    def __init__(self, font: str) -> None:
        self.font = font
        self.style = ParagraphStyle(
            "cell", fontName=font, fontSize=_SIZE, leading=_SIZE * 1.25, wordWrap="CJK"
        )

    def text(self, value: str, width: float) -> Any:
        shown = printable(value).strip()
        if stringWidth(shown, self.font, _SIZE) <= width - 2 * _PADDING_X and "\n" not in shown:
            return shown
        escaped = shown.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        return Paragraph(escaped.replace("\n", "<br/>"), self.style)


def _score(value: Any) -> str:
    return format_score(value) if value is not None else "—"


def _row(cells: _Cells, index: int, row: SummaryRow) -> list[Any]:
    return [
        str(index),
        *(
            cells.text(text, COLUMNS[c][1])
            for c, text in zip(
                _NAME_COLUMNS,
                (display_name(row), row.department, row.implementing_unit),
                strict=True,
            )
        ),
        format_amount(row.initial),
        format_amount(row.adjusted),
        format_amount(row.executed),
        format_percent(row.execution_rate) or "—",
        format_score(row.weight_total),
        format_score(row.score_total),
        row.grade,
        str(row.errors),
        str(row.warnings),
    ]


def _total_row(cells: _Cells, label: str, totals: Totals) -> list[Any]:
    # No cell spans: platypus recomputes spans over the whole table at every page split.
    return [
        "",
        # A sum of 得分 means nothing: the row gives their mean, and says so.
        cells.text(f"{label}（{totals.count} 个项目，得分为平均分）", COLUMNS[1][1]),
        "",
        "",
        format_amount(totals.initial),
        format_amount(totals.adjusted),
        format_amount(totals.executed),
        format_percent(totals.execution_rate) or "—",
        "",
        _score(totals.score_mean),
        "",
        str(totals.errors),
        str(totals.warnings),
    ]


def _table(summary: Summary, cells: _Cells) -> LongTable:
    data: list[list[Any]] = [[header for header, _ in COLUMNS]]
    totals_rows: list[int] = []
    if summary.groups:
        index = 0
        for group in summary.groups:
            for row in group.rows:
                index += 1
                data.append(_row(cells, index, row))
            totals_rows.append(len(data))
            data.append(_total_row(cells, f"小计：{group.name or '（未填写）'}", group.totals))
    else:
        data += [_row(cells, n, row) for n, row in enumerate(summary.rows, start=1)]
    totals_rows.append(len(data))
    data.append(_total_row(cells, "合计", summary.totals))
    style: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), cells.font, _SIZE),
        ("GRID", (0, 0), (-1, -1), 0.4, _GRID),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("BACKGROUND", (0, 0), (-1, 0), _HEADER_FILL),
        ("ALIGN", (0, 0), (-1, 0), "CENTER"),
        ("ALIGN", (0, 1), (0, -1), "CENTER"),
        ("ALIGN", (4, 1), (9, -1), "RIGHT"),
        ("ALIGN", (10, 1), (-1, -1), "CENTER"),
        ("TOPPADDING", (0, 0), (-1, -1), _PADDING_Y),
        ("BOTTOMPADDING", (0, 0), (-1, -1), _PADDING_Y),
        ("LEFTPADDING", (0, 0), (-1, -1), _PADDING_X),
        ("RIGHTPADDING", (0, 0), (-1, -1), _PADDING_X),
    ]
    for r in totals_rows:
        style.append(("BACKGROUND", (0, r), (-1, r), _TOTAL_FILL))
    widths = [w for _, w in COLUMNS]
    # Heights given up front: platypus would otherwise measure every remaining row again
    # each time the table splits at a page end (quadratic in the number of forms).
    heights = [_row_height(row, widths) for row in data]
    return LongTable(data, colWidths=widths, rowHeights=heights, repeatRows=1, style=style)


def _row_height(row: list[Any], widths: list[float]) -> float:
    """The height of a table row: one line, or its tallest wrapping cell."""
    height = _SIZE * 1.2  # the leading of a one-line cell (reportlab's default, size × 1.2)
    for cell, width in zip(row, widths, strict=True):
        if isinstance(cell, Paragraph):
            height = max(height, cell.wrap(width - 2 * _PADDING_X, 10_000)[1])
    return height + 2 * _PADDING_Y


def _totals_block(summary: Summary, cells: _Cells) -> Table:
    totals = summary.totals
    grades = "　".join(
        f"{grade_label(g.grade)} {g.count} 个（{format_percent(g.share) or '—'}）"
        for g in totals.grades
    )
    data = [
        [
            "项目数",
            "年初预算数合计",
            "全年预算数合计",
            "全年执行数合计",
            "总体执行率",
            "平均得分",
            "得分中位数",
            "审核错误",
            "审核警告",
        ],
        [
            str(totals.count),
            format_amount(totals.initial),
            format_amount(totals.adjusted),
            format_amount(totals.executed),
            format_percent(totals.execution_rate) or "—",
            _score(totals.score_mean),
            _score(totals.score_median),
            str(totals.errors),
            str(totals.warnings),
        ],
        [f"等级分布：{grades}"] + [""] * 8,
    ]
    width = (landscape(A4)[0] - 2 * _MARGIN) / 9
    return Table(
        data,
        colWidths=[width] * 9,
        style=[
            ("FONT", (0, 0), (-1, -1), cells.font, 9),
            ("GRID", (0, 0), (-1, -1), 0.4, _GRID),
            ("ALIGN", (0, 0), (-1, 1), "CENTER"),
            ("BACKGROUND", (0, 0), (-1, 0), _HEADER_FILL),
            ("SPAN", (0, 2), (-1, 2)),
        ],
    )


def _failed_table(failed: Sequence[tuple[str, str]], cells: _Cells) -> Table:
    widths = (250.0, landscape(A4)[0] - 2 * _MARGIN - 250.0)
    data = [["文件", "原因"]] + [
        [cells.text(path, widths[0]), cells.text(reason, widths[1])] for path, reason in failed
    ]
    return LongTable(
        data,
        colWidths=widths,
        repeatRows=1,
        style=[
            ("FONT", (0, 0), (-1, -1), cells.font, _SIZE),
            ("GRID", (0, 0), (-1, -1), 0.4, _GRID),
            ("BACKGROUND", (0, 0), (-1, 0), _HEADER_FILL),
        ],
    )


def summary_pdf_bytes(summary: Summary, failed: Sequence[tuple[str, str]] = ()) -> bytes:
    """The PDF report of ``summary``; ``failed`` lists (file, reason) of unreadable files.

    Raises :class:`~perfeval_gui.render.errors.RenderError` if the bundled font is unusable.
    """
    from perfeval_gui import __version__  # noqa: PLC0415

    font = load_font(resolve_font(None)).name
    cells = _Cells(font)
    title = ParagraphStyle("title", fontName=font, fontSize=16, leading=22, alignment=TA_CENTER)
    note = ParagraphStyle("note", fontName=font, fontSize=9, leading=13)
    heading = ParagraphStyle("heading", fontName=font, fontSize=11, leading=16, spaceBefore=6)
    unit = f"金额单位：{summary.unit}"
    grouped = f"　按{summary.group_by}小计" if summary.group_by else ""
    story: list[Any] = [
        Paragraph(TITLE, title),
        Paragraph(f"共 {summary.totals.count} 个项目　{unit}{grouped}", note),
        Spacer(1, 4),
        _totals_block(summary, cells),
        Spacer(1, 8),
        Table(
            [
                [
                    grade_chart(summary.totals, font),
                    rate_chart(summary.rows, font),
                    scatter_chart(summary.rows, font),
                ]
            ],
            style=[("VALIGN", (0, 0), (-1, -1), "TOP"), ("FONT", (0, 0), (-1, -1), font, 9)],
        ),
        Paragraph(f"项目明细（{unit}）", heading),
        _table(summary, cells),
    ]
    if failed:
        story += [
            Paragraph(f"无法读取的文件（{len(failed)} 个）", heading),
            _failed_table(failed, cells),
        ]

    def footer(canvas: Any, doc: Any) -> None:
        canvas.saveState()
        canvas.setFont(font, 9)
        canvas.drawCentredString(landscape(A4)[0] / 2, 14, f"- {doc.page} -")
        canvas.restoreState()

    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=landscape(A4),
        leftMargin=_MARGIN,
        rightMargin=_MARGIN,
        topMargin=_MARGIN,
        bottomMargin=_MARGIN + 8,
        title=TITLE,
        author="、".join(
            dict.fromkeys(printable(r.department) for r in summary.rows if r.department)
        ),
        creator=f"perfeval {__version__}",
        invariant=1,
        lang="zh-CN",
        initialFontName=font,
    )
    from reportlab import rl_config  # noqa: PLC0415

    # Binary (not ASCII85) streams: smaller, and much faster without reportlab's optional C
    # accelerator (as the form renderer does).
    use_a85 = rl_config.useA85
    rl_config.useA85 = 0
    try:
        doc.build(story, onFirstPage=footer, onLaterPages=footer)
    finally:
        rl_config.useA85 = use_a85
    return buffer.getvalue()

"""The live totals: 分值 total against 100, 得分 total, grade, per-一级 subtotals, 执行率."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QWidget

from perfeval_gui.model.formatting import format_percent, format_score, format_score_as_typed
from perfeval_gui.model.glossary import level_name_key
from perfeval_gui.model.template_catalog import form_template
from perfeval_gui.ui.document import Document

_OK = "color: #1b6e2a;"
_BAD = "color: #b00000; font-weight: bold;"


class TotalsPanel(QFrame):
    """Totals of the open form (objectName ``totalsPanel``), refreshed on every change."""

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("totalsPanel")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self._document = document
        self._grid = QGridLayout(self)
        self._grid.setHorizontalSpacing(12)
        self.weight_total = self._row(0, self.tr("分值合计"))
        self.score_total = self._row(1, self.tr("得分合计"))
        self.grade = self._row(2, self.tr("等级"))
        self.execution_rate = self._row(3, self.tr("执行率"))
        self.budget_score = self._row(4, self.tr("预算执行得分"))
        self._level1_names: list[QLabel] = []
        self._level1_values: list[QLabel] = []
        self._grid.setRowStretch(99, 1)
        document.changed.connect(self.refresh)
        self.refresh()

    def _row(self, row: int, caption: str) -> QLabel:
        value = QLabel(self)
        self._grid.addWidget(QLabel(caption, self), row, 0)
        self._grid.addWidget(value, row, 1)
        return value

    def refresh(self, *_: object) -> None:
        """Show the document's current totals."""
        totals = self._document.totals()
        form = self._document.form
        template = form_template(form)
        expected = template.weight_total
        self.weight_total.setText(
            self.tr("{total} / {expected}").format(
                total=format_score(totals.weight_total, totals.places),
                expected=format_score(expected),
            )
        )
        _set_style(self.weight_total, _OK if totals.weight_total == expected else _BAD)
        self.weight_total.setToolTip(
            ""
            if totals.weight_total == expected
            else self.tr("分值合计应为 {total}（含预算执行率）").format(
                total=format_score(expected)
            )
        )
        self.score_total.setText(format_score(totals.score_total, totals.places))
        self.grade.setText(totals.grade)
        _set_style(self.grade, _OK if totals.grade_valid else _BAD)
        self.grade.setToolTip(
            "" if totals.grade_valid else self.tr("分值合计（含预算执行率）为 100 时才能评定等级")
        )
        self.execution_rate.setText(format_percent(totals.execution_rate) or "—")
        self.budget_score.setText(
            self.tr("{score} / {weight}").format(
                score=format_score(totals.budget_score) or "—",
                weight=format_score_as_typed(form.budget_weight),
            )
        )
        while len(self._level1_names) < len(form.level1):
            row = 5 + len(self._level1_names)
            name, value = QLabel(self), QLabel(self)
            self._grid.addWidget(name, row, 0)
            self._grid.addWidget(value, row, 1)
            self._level1_names.append(name)
            self._level1_values.append(value)
        for n, (name, value) in enumerate(
            zip(self._level1_names, self._level1_values, strict=True)
        ):
            shown = n < len(form.level1)
            name.setVisible(shown)
            value.setVisible(shown)
            if not shown:
                continue
            l1 = form.level1[n]
            weight = totals.level1[n].weight
            target: Decimal | None = template.level1_weights.get(level_name_key(l1.name))
            name.setText(l1.name or self.tr("（未命名）"))
            text = format_score(weight, totals.places)
            if target is not None:
                text = f"{text} / {format_score(target)}"
            value.setText(
                self.tr("分值 {weight}，得分 {score}").format(
                    weight=text, score=format_score(totals.level1[n].score, totals.places)
                )
            )
            value.setToolTip(
                self.tr("标准分值为 {target}").format(target=format_score(target))
                if target is not None
                else ""
            )
            _set_style(value, _OK if target is None or weight == target else _BAD)

    def summary(self) -> str:
        """All totals as one line of text (for the status bar and tests)."""
        return self.tr("分值 {w}，得分 {s}，等级 {g}").format(
            w=self.weight_total.text(), s=self.score_total.text(), g=self.grade.text()
        )


def _set_style(label: QLabel, style: str) -> None:
    """Change a label's style only when it differs (re-styling costs a relayout)."""
    if label.styleSheet() != style:
        label.setStyleSheet(style)

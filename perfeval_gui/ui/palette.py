"""The colours that carry meaning in the editor, in one place (the help's legend reads them).

Pink and yellow are the findings of the checks; light blue with blue italics is what the
program computes (执行率, 建议得分, totals), which cannot be typed over.
"""

from __future__ import annotations

#: Background of a cell with an error (must be corrected).
ERROR_BACKGROUND = "#fde2e2"
#: Background of a cell with a warning (worth a second look).
WARNING_BACKGROUND = "#fff4cc"
#: Background of a computed cell (not typed).
COMPUTED_BACKGROUND = "#eef3f8"
#: Text colour of the 建议得分 column (shown in italics).
SUGGESTION_TEXT = "#2f5f8f"
#: Text colour of a name not yet filled in (the tree shows a placeholder).
PLACEHOLDER_TEXT = "#888888"

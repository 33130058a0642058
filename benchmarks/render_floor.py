"""The floor of `perfeval render`: register the bundled font with reportlab, write one line.

Run by bench_render.py as a separate process; nothing of perfeval is imported, only the font
file is located the same way.
"""

from __future__ import annotations

import sys
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

FONT = Path(__file__).resolve().parents[1] / "resources" / "fonts" / "uming-cn.ttf"

pdfmetrics.registerFont(TTFont("Song", str(FONT)))
canvas = Canvas(sys.argv[1], invariant=1, initialFontName="Song")
canvas.setFont("Song", 12)
canvas.drawString(72, 720, "财政项目支出绩效自评表")
canvas.save()

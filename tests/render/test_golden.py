"""Page 1 of seed form 1 looks as it did when a person last checked it (a stored PNG).

Regenerate after an intended change of the layout with ``PERFEVAL_UPDATE_GOLDEN=1`` and look
at the new image before committing it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pypdfium2
import pytest
from PIL import Image, ImageChops

from tests.render.helpers import render, seed_form

GOLDEN = Path(__file__).parent / "golden" / "seed1-page1.png"
SCALE = 1.5  # 108 dpi: small file, every line of text legible
#: A pixel differs when its grey level moves by more than this (anti-aliasing noise is less).
PIXEL_TOLERANCE = 64
#: At most this share of pixels (≈ 225 of 1.1 million) may differ: rasteriser versions move a
#: few edge pixels, while changing one short cell text moves far more.
AREA_TOLERANCE = 0.0002


def _page_one(data: bytes) -> Image.Image:
    pdf = pypdfium2.PdfDocument(data)
    try:
        return pdf[0].render(scale=SCALE, grayscale=True).to_pil().convert("L")
    finally:
        pdf.close()


def _differing_share(a: Image.Image, b: Image.Image) -> float:
    diff = ImageChops.difference(a, b).point(lambda v: 255 if v > PIXEL_TOLERANCE else 0)
    return sum(diff.histogram()[255:]) / (a.width * a.height)


def test_page_one_matches_the_golden_image() -> None:
    image = _page_one(render([seed_form(1)], first_page=4))
    if os.environ.get("PERFEVAL_UPDATE_GOLDEN") == "1":
        GOLDEN.parent.mkdir(exist_ok=True)
        image.save(GOLDEN, optimize=True)
        pytest.skip("golden image written; look at it before committing")
    golden = Image.open(GOLDEN).convert("L")
    assert image.size == golden.size
    assert _differing_share(image, golden) <= AREA_TOLERANCE


def test_the_comparison_notices_a_changed_cell() -> None:
    form = seed_form(1)
    form.level1[0].children[0].indicators[0].score = form.level1[0].children[0].indicators[0].weight
    form.level1[0].children[0].indicators[0].deviation_note = "另有说明：数据口径调整"
    changed = _page_one(render([form], first_page=4))
    golden = Image.open(GOLDEN).convert("L")
    assert _differing_share(changed, golden) > AREA_TOLERANCE

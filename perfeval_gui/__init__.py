"""perfeval: editor for the 财政项目支出绩效自评表."""

import os

# python-docx (the 自评报告) brings lxml, and openpyxl switches to an lxml-based writer when
# lxml is importable: its errors then differ (a full disk or file size limit raises lxml's
# SerialisationError instead of OSError). The .xlsx code is made and tested on openpyxl's
# standard-library path; keep it there unless the environment says otherwise.
os.environ.setdefault("OPENPYXL_LXML", "False")

# The one place the version is written; pyproject.toml reads it from here. A literal (rather
# than importlib.metadata) keeps every process start free of the metadata scan.
__version__ = "0.1.0"

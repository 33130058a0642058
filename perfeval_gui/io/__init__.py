"""io layer: .pev files, flat JSON, Excel, folders, Word; no Qt."""

import os

# openpyxl parses and writes with lxml whenever lxml is installed (python-docx brings it).
# Its parser does not go through defusedxml, so an entity bomb is refused with lxml's own
# English message, and its writer turns a full disk into a SerialisationError. Keep openpyxl
# on the standard library's ElementTree, read through defusedxml, with or without lxml.
os.environ["OPENPYXL_LXML"] = "False"

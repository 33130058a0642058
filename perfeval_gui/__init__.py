"""perfeval: editor for the 财政项目支出绩效自评表."""

# The one place the version is written; pyproject.toml reads it from here. A literal (rather
# than importlib.metadata) keeps every process start free of the metadata scan.
__version__ = "0.1.0"

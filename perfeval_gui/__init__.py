"""perfeval: editor for the 财政项目支出绩效自评表."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("perfeval")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+unknown"

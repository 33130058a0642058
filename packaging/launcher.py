"""Entry script for frozen builds (PyInstaller needs a script, not an entry point)."""

import sys

from perfeval_gui.app import main

if __name__ == "__main__":
    sys.exit(main())

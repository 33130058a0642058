"""Entry script of the frozen Linux build (PyInstaller needs a script, not an entry point).

One executable serves both commands: started as ``perfeval-gui`` (a symlink beside it, or
/usr/bin/perfeval-gui) it runs the editor, otherwise the ``perfeval`` command line.
"""

import sys
from pathlib import Path

if Path(sys.argv[0]).name.startswith("perfeval-gui"):
    from perfeval_gui.app import main
else:
    from perfeval_gui.cli import main

if __name__ == "__main__":
    sys.exit(main())

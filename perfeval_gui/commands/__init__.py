"""Sub-commands of ``perfeval`` (see cli.py). Headless: no Qt."""

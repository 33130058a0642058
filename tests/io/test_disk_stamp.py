"""A file changed on disk since it was read is noticed; a touched time alone is not a change."""

from __future__ import annotations

import os
from pathlib import Path

from perfeval_gui.io.atomic import atomic_write_bytes
from perfeval_gui.io.disk_stamp import (
    DiskStamp,
    changed_since,
    is_read_only_file,
    marked_read_only,
    read_only_lifted,
    stamp_of,
)


def test_changes_are_noticed_touches_are_not(tmp_path: Path) -> None:
    path = tmp_path / "a.pev"
    path.write_bytes(b"0123456789")
    stamp = stamp_of(path)
    assert stamp is not None and not changed_since(path, stamp)
    os.utime(path, (1_700_000_000, 1_700_000_000))  # a sync tool touching the time only
    assert not changed_since(path, stamp)
    path.write_bytes(b"9876543210")  # same size, other bytes
    os.utime(path, ns=(stamp.mtime_ns, stamp.mtime_ns))  # and even the old time
    assert changed_since(path, stamp)
    path.unlink()
    assert changed_since(path, stamp)  # gone is changed
    assert not changed_since(path, None)  # never read: nothing to tell


def test_stamp_round_trips_through_json(tmp_path: Path) -> None:
    path = tmp_path / "a.pev"
    path.write_bytes(b"x")
    stamp = stamp_of(path)
    assert stamp is not None
    assert DiskStamp.from_json(stamp.to_json()) == stamp
    assert DiskStamp.from_json({"size": "x"}) is None
    assert DiskStamp.from_json(None) is None


def test_read_only_mark_is_lifted_for_a_save_and_put_back(tmp_path: Path) -> None:
    path = tmp_path / "a.pev"
    path.write_text("old", "utf-8")
    path.chmod(0o444)
    assert marked_read_only(path) and is_read_only_file(path)
    with read_only_lifted(path):
        atomic_write_bytes(path, b"new", backup=True)
    assert path.read_text("utf-8") == "new"
    assert marked_read_only(path)  # still marked read-only after the save
    path.chmod(0o644)
    assert not is_read_only_file(path)

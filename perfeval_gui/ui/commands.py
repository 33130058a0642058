"""Undo commands: every change to the form is one of these, pushed on the document's stack.

Each ``redo()``/``undo()`` makes one document call and keeps what it needs to go back.
Multi-row operations are macros of these (``ui/operations.py``).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QUndoCommand

from perfeval_gui.ui.document import Document, Node, NodePath

#: ``QUndoCommand.id()`` of mergeable field edits (typing in one field or cell).
_MERGE_ID = 1


class SetValueCommand(QUndoCommand):
    """Set one field of the form (a header field, an amount, a 三级 cell, a node name).

    With ``merge=True`` consecutive edits of the same field merge into one undo step, so
    typing a sentence into 项目名称 is undone at once.
    """

    def __init__(
        self,
        document: Document,
        path: NodePath | None,
        field: str,
        value: Any,
        *,
        text: str,
        merge: bool = False,
    ) -> None:
        super().__init__(text)
        self._document = document
        self.path = path
        self.field = field
        self.value = value
        self.old: Any = None
        self._merge = merge

    def redo(self) -> None:
        """Reimplements QUndoCommand.redo: set the new value, keep the old one."""
        self.old = self._document.set_value(self.path, self.field, self.value)

    def undo(self) -> None:
        """Reimplements QUndoCommand.undo: put the old value back."""
        self._document.set_value(self.path, self.field, self.old)

    def id(self) -> int:
        """Reimplements QUndoCommand.id: mergeable edits share one id."""
        return _MERGE_ID if self._merge else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        """Reimplements QUndoCommand.mergeWith: absorb a later edit of the same field."""
        if not isinstance(other, SetValueCommand) or not other._merge:
            return False
        if (other.path, other.field) != (self.path, self.field):
            return False
        self.value = other.value
        # An edit that returns to the starting value leaves nothing to undo.
        self.setObsolete(self.value == self.old)
        return True


class InsertNodeCommand(QUndoCommand):
    """Insert a 一级, 二级 or 三级 node."""

    def __init__(self, document: Document, parent: NodePath, row: int, node: Node, *, text: str):
        super().__init__(text)
        self._document = document
        self._parent = parent
        self._row = row
        self._node = node

    def redo(self) -> None:
        """Reimplements QUndoCommand.redo."""
        self._document.insert_node(self._parent, self._row, self._node)

    def undo(self) -> None:
        """Reimplements QUndoCommand.undo."""
        self._document.remove_node((*self._parent, self._row))


class RemoveNodeCommand(QUndoCommand):
    """Remove a node (with its children); the removed node is kept for undo."""

    def __init__(self, document: Document, path: NodePath, *, text: str) -> None:
        super().__init__(text)
        self._document = document
        self._path = path
        self._node: Node | None = None

    def redo(self) -> None:
        """Reimplements QUndoCommand.redo."""
        self._node = self._document.remove_node(self._path)

    def undo(self) -> None:
        """Reimplements QUndoCommand.undo."""
        assert self._node is not None
        self._document.insert_node(self._path[:-1], self._path[-1], self._node)


class MoveNodeCommand(QUndoCommand):
    """Move a node among its siblings or to another parent of the same level."""

    def __init__(
        self, document: Document, path: NodePath, new_parent: NodePath, new_row: int, *, text: str
    ) -> None:
        super().__init__(text)
        self._document = document
        self._path = path
        self._new_parent = new_parent
        self._new_row = new_row
        self._new_path: NodePath = (*new_parent, new_row)

    def redo(self) -> None:
        """Reimplements QUndoCommand.redo."""
        self._new_path = self._document.move_node(self._path, self._new_parent, self._new_row)

    def undo(self) -> None:
        """Reimplements QUndoCommand.undo."""
        self._document.move_node(self._new_path, self._path[:-1], self._path[-1])

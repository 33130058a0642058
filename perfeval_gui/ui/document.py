"""The open form: the model, its file path and the undo stack every change goes through.

Only undo commands (``ui/commands.py``) call the mutating methods here; each method is the
"one model call" of a command. After every change the document emits ``changed`` with a
:class:`Change` hint so views can refresh narrowly, and derived values (totals, findings)
are recomputed lazily, once per change.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from perfeval_gui.model.checks import Finding, run_checks
from perfeval_gui.model.form import Form, Indicator, Level1, Level2, standard_form
from perfeval_gui.model.profiles import ScoringProfile, form_profile
from perfeval_gui.model.scoring import FormTotals, compute_totals

#: A node of the indicator tree: (i,) a 一级, (i, j) a 二级, (i, j, k) a 三级 row.
NodePath = tuple[int, ...]
Node = Level1 | Level2 | Indicator


class ChangeKind(StrEnum):
    """What kind of change a :class:`Change` describes."""

    FIELD = "field"  # one value of one object
    VALUES = "values"  # several values at once (a paste, clearing cells); no structure change
    STRUCTURE = "structure"  # nodes inserted, removed or moved
    RESET = "reset"  # a whole new form


@dataclass(frozen=True)
class Change:
    """The hint carried by ``Document.changed``.

    For ``FIELD``: ``path`` is the node (``None`` for a form-level field) and ``field`` the
    attribute, dotted for nested form fields (``funds.total.initial``, ``goals.expected``).
    """

    kind: ChangeKind
    path: NodePath | None = None
    field: str | None = None


def resolve_owner(form: Form, path: NodePath | None, field: str) -> tuple[Any, str]:
    """The object that holds ``field`` at ``path`` and the attribute name on it."""
    owner: Any = form if path is None else node_at(form, path)
    *parents, attr = field.split(".")
    for part in parents:
        owner = getattr(owner, part)
    return owner, attr


def node_at(form: Form, path: NodePath) -> Node:
    """The 一级, 二级 or 三级 node at ``path``."""
    l1 = form.level1[path[0]]
    if len(path) == 1:
        return l1
    l2 = l1.children[path[1]]
    if len(path) == 2:
        return l2
    return l2.indicators[path[2]]


def children_of(form: Form, parent: NodePath) -> list[Any]:
    """The list holding the children of ``parent`` (``()`` is the form's 一级 list)."""
    if not parent:
        return form.level1
    node = node_at(form, parent)
    if isinstance(node, Level1):
        return node.children
    if isinstance(node, Level2):
        return node.indicators
    raise ValueError(f"a 三级 row has no children: {parent}")


class Document(QObject):
    """The form being edited, where it lives on disk, and its undo history."""

    #: Emitted after every model change, undo and redo included; carries a :class:`Change`.
    changed = Signal(object)
    #: Emitted when the file path changes (open, save as, new); carries ``Path | None``.
    path_changed = Signal(object)
    #: Emitted when the form is opened read-only (someone else has it) or no longer is.
    read_only_changed = Signal(bool)

    # Fine-grained structure signals for the tree model (parent path, row[, ...]).
    node_about_to_be_inserted = Signal(object, int)
    node_inserted = Signal(object, int)
    node_about_to_be_removed = Signal(object, int)
    node_removed = Signal(object, int)
    node_about_to_be_moved = Signal(object, int, object, int)
    node_moved = Signal(object, int, object, int)
    about_to_reset = Signal()
    reset = Signal()

    def __init__(
        self, form: Form | None = None, path: Path | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.form: Form = form if form is not None else standard_form()
        self.path: Path | None = path
        #: The name offered when saving a form that came from elsewhere (.xlsx, .json).
        self.suggested_name: str | None = None
        #: Opened while someone else has it: saving goes to another file (另存为).
        self.read_only = False
        self.undo_stack = QUndoStack(self)
        self._totals: FormTotals | None = None
        self._findings: list[Finding] | None = None
        self._batch_depth = 0
        self._batched: list[Change] = []

    # ------------------------------------------------------------------ state
    def is_modified(self) -> bool:
        """Unsaved changes exist: the undo stack is away from its clean state."""
        return not self.undo_stack.isClean()

    def display_name(self) -> str:
        """The file name shown in the window title (``未命名`` for a new form)."""
        if self.path is not None:
            return self.path.name
        return self.suggested_name or self.tr("未命名")

    def profile(self) -> ScoringProfile:
        """The form's scoring profile (the default one for an unknown key)."""
        return form_profile(self.form)

    def totals(self) -> FormTotals:
        """Totals of the current form, computed once per change."""
        if self._totals is None:
            self._totals = compute_totals(self.form)
        return self._totals

    def findings(self) -> list[Finding]:
        """Findings of the checks on the current form, computed once per change."""
        if self._findings is None:
            self._findings = run_checks(self.form)
        return self._findings

    def set_path(self, path: Path | None) -> None:
        """Record where the form now lives on disk (after open / save as)."""
        self.path = path
        if path is not None:
            self.suggested_name = None
        self.path_changed.emit(path)

    def set_read_only(self, read_only: bool) -> None:
        """Mark the form as opened read-only (or editable again after 另存为)."""
        if read_only != self.read_only:
            self.read_only = read_only
            self.read_only_changed.emit(read_only)

    def replace_form(self, form: Form, path: Path | None = None) -> None:
        """Start over with ``form`` (new / open): the undo history is cleared."""
        self.about_to_reset.emit()
        self.form = form
        self.suggested_name = None
        self.undo_stack.clear()
        # clear() leaves an empty stack's clean index alone: after resetClean() (a restored
        # or imported form) every later new form would count as modified.
        self.undo_stack.setClean()
        self.set_read_only(False)
        self._invalidate()
        self.reset.emit()
        self.set_path(path)
        self.changed.emit(Change(ChangeKind.RESET))

    # ------------------------------------------------------------ batching
    @contextmanager
    def batch(self) -> Iterator[None]:
        """Announce the changes made inside as one ``changed`` signal, after the last one.

        Views and derived values then refresh once per user action (a paste of 100 rows,
        the undo of a macro), not once per cell.
        """
        self._batch_depth += 1
        try:
            yield
        finally:
            self._batch_depth -= 1
            if self._batch_depth == 0 and self._batched:
                changes, self._batched = self._batched, []
                self.changed.emit(_merge(changes))

    @contextmanager
    def macro(self, text: str) -> Iterator[None]:
        """Group the commands pushed inside into one undo step with one refresh.

        The macro is closed even when a command fails, so the stack never stays open.
        """
        with self.batch():
            self.undo_stack.beginMacro(text)
            try:
                yield
            finally:
                self.undo_stack.endMacro()

    def undo(self) -> None:
        """Undo the last step (a macro refreshes the views once)."""
        with self.batch():
            self.undo_stack.undo()

    def redo(self) -> None:
        """Redo the next step (a macro refreshes the views once)."""
        with self.batch():
            self.undo_stack.redo()

    def _announce(self, change: Change) -> None:
        if self._batch_depth:
            self._batched.append(change)
        else:
            self.changed.emit(change)

    # ------------------------------------------------- mutations (commands only)
    def set_value(self, path: NodePath | None, field: str, value: Any) -> Any:
        """Set one value and return the old one."""
        owner, attr = resolve_owner(self.form, path, field)
        old = getattr(owner, attr)
        setattr(owner, attr, value)
        self._invalidate()
        self._announce(Change(ChangeKind.FIELD, path, field))
        return old

    def insert_node(self, parent: NodePath, row: int, node: Node) -> None:
        """Insert ``node`` as child ``row`` of ``parent``."""
        siblings = children_of(self.form, parent)
        self.node_about_to_be_inserted.emit(parent, row)
        siblings.insert(row, node)
        self._invalidate()
        self.node_inserted.emit(parent, row)
        self._announce(Change(ChangeKind.STRUCTURE, (*parent, row)))

    def remove_node(self, path: NodePath) -> Node:
        """Remove the node at ``path`` and return it."""
        parent, row = path[:-1], path[-1]
        siblings = children_of(self.form, parent)
        self.node_about_to_be_removed.emit(parent, row)
        node: Node = siblings.pop(row)
        self._invalidate()
        self.node_removed.emit(parent, row)
        self._announce(Change(ChangeKind.STRUCTURE, parent))
        return node

    def move_node(self, path: NodePath, new_parent: NodePath, new_row: int) -> NodePath:
        """Move a node to child ``new_row`` of ``new_parent`` (counted after removal).

        Returns the node's new path.
        """
        parent, row = path[:-1], path[-1]
        if parent == new_parent and row == new_row:
            return path
        # Qt counts the destination before removal when moving within one parent.
        qt_row = new_row + 1 if parent == new_parent and new_row > row else new_row
        self.node_about_to_be_moved.emit(parent, row, new_parent, qt_row)
        node = children_of(self.form, parent).pop(row)
        children_of(self.form, new_parent).insert(new_row, node)
        self._invalidate()
        self.node_moved.emit(parent, row, new_parent, qt_row)
        new_path = (*new_parent, new_row)
        self._announce(Change(ChangeKind.STRUCTURE, new_path))
        return new_path

    def _invalidate(self) -> None:
        self._totals = None
        self._findings = None


def _merge(changes: list[Change]) -> Change:
    """One change standing for several."""
    if len(changes) == 1:
        return changes[0]
    if any(c.kind in (ChangeKind.STRUCTURE, ChangeKind.RESET) for c in changes):
        return Change(ChangeKind.STRUCTURE)
    return Change(ChangeKind.VALUES)

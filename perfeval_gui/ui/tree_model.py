"""The indicator tree as a Qt item model: 一级 → 二级 → 三级 with live 分值/得分 sums.

The model only translates: it reads the Document, and edits and drops call operations.
Each index's internal id names its parent node (0 for a 一级), registered here so that
indexes stay valid however nodes move.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont

from perfeval_gui.model.form import Level1, Level2
from perfeval_gui.model.formatting import format_score_as_typed
from perfeval_gui.ui import operations
from perfeval_gui.ui.document import Change, ChangeKind, Document, NodePath, children_of, node_at
from perfeval_gui.ui.palette import PLACEHOLDER_TEXT

NODE_MIME = "application/x-perfeval-node"
#: Custom role: the node's path tuple.
PATH_ROLE = Qt.ItemDataRole.UserRole + 10
#: Custom role: the node's level (1, 2 or 3).
LEVEL_ROLE = Qt.ItemDataRole.UserRole + 11

NAME_COLUMN, WEIGHT_COLUMN, SCORE_COLUMN = 0, 1, 2
_SUM_FIELDS = frozenset({"weight", "score"})
AnyIndex = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()  # the invisible root, as a default argument


class IndicatorTreeModel(QAbstractItemModel):
    """一级/二级/三级 nodes in three columns: 指标, 分值, 得分."""

    #: A drop moved a node; carries its new path (the view selects it).
    node_dropped = Signal(object)

    def __init__(self, document: Document, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._document = document
        self._parents: dict[int, Level1 | Level2] = {}
        self._paths: dict[int, NodePath] | None = None
        self._headers = (self.tr("指标"), self.tr("分值"), self.tr("得分"))
        d = document
        d.node_about_to_be_inserted.connect(self._about_to_insert)
        d.node_inserted.connect(self._inserted)
        d.node_about_to_be_removed.connect(self._about_to_remove)
        d.node_removed.connect(self._removed)
        d.node_about_to_be_moved.connect(self._about_to_move)
        d.node_moved.connect(self._moved)
        d.about_to_reset.connect(self._about_to_reset)
        d.reset.connect(self._reset)
        d.changed.connect(self._changed)

    # ------------------------------------------------------------ paths <-> indexes
    def path_of(self, index: AnyIndex) -> NodePath:
        """The node path of ``index`` (``()`` for the invisible root)."""
        if not index.isValid():
            return ()
        key = index.internalId()
        if key == 0:
            return (index.row(),)
        return (*self._parent_path(key), index.row())

    def index_of(self, path: NodePath, column: int = 0) -> QModelIndex:
        """The index of the node at ``path`` (invalid for ``()``)."""
        index = QModelIndex()
        for depth, row in enumerate(path):
            index = self.index(row, column if depth == len(path) - 1 else 0, index)
        return index

    def _parent_path(self, key: int) -> NodePath:
        if self._paths is None:
            self._paths = {}
            for i, l1 in enumerate(self._document.form.level1):
                self._paths[id(l1)] = (i,)
                for j, l2 in enumerate(l1.children):
                    self._paths[id(l2)] = (i, j)
        return self._paths[key]

    def _key_for(self, parent_path: NodePath) -> int:
        node = node_at(self._document.form, parent_path)
        assert isinstance(node, Level1 | Level2)
        self._parents[id(node)] = node  # keeps the node, so its id stays unique
        return id(node)

    # ------------------------------------------------------------ structure
    def index(self, row: int, column: int, parent: AnyIndex = _ROOT) -> QModelIndex:
        """Reimplements QAbstractItemModel.index."""
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, 0)
        return self.createIndex(row, column, self._key_for(self.path_of(parent)))

    def parent(self, index: AnyIndex = _ROOT) -> QModelIndex:  # type: ignore[override]
        """Reimplements QAbstractItemModel.parent."""
        if not index.isValid() or index.internalId() == 0:
            return QModelIndex()
        path = self._parent_path(index.internalId())
        key = 0 if len(path) == 1 else self._key_for(path[:-1])
        return self.createIndex(path[-1], 0, key)

    def rowCount(self, parent: AnyIndex = _ROOT) -> int:
        """Reimplements QAbstractItemModel.rowCount."""
        if parent.column() > 0:
            return 0
        path = self.path_of(parent)
        if len(path) >= 3:
            return 0
        return len(children_of(self._document.form, path))

    def columnCount(self, parent: AnyIndex = _ROOT) -> int:
        """Reimplements QAbstractItemModel.columnCount."""
        return 3

    # ------------------------------------------------------------ data
    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Reimplements QAbstractItemModel.data."""
        if not index.isValid():
            return None
        path = self.path_of(index)
        column = index.column()
        if role == PATH_ROLE:
            return path
        if role == LEVEL_ROLE:
            return len(path)
        node = node_at(self._document.form, path)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if column == NAME_COLUMN:
                if role == Qt.ItemDataRole.EditRole or node.name:
                    return node.name
                return self.tr("（未命名）")
            weight, score = self._sums(path)
            return format_score_as_typed(weight if column == WEIGHT_COLUMN else score)
        if role == Qt.ItemDataRole.TextAlignmentRole and column != NAME_COLUMN:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and column == NAME_COLUMN and not node.name:
            return QBrush(QColor(PLACEHOLDER_TEXT))
        if role == Qt.ItemDataRole.FontRole and len(path) == 1:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole and column == NAME_COLUMN:
            level = (self.tr("一级指标"), self.tr("二级指标"), self.tr("三级指标"))[len(path) - 1]
            return f"{level}：{node.name}" if node.name else level
        return None

    def _sums(self, path: NodePath) -> tuple[Any, Any]:
        if len(path) == 3:
            node = node_at(self._document.form, path)
            return getattr(node, "weight", None), getattr(node, "score", None)
        totals = self._document.totals()
        sums = totals.level1[path[0]] if len(path) == 1 else totals.level2[path[0]][path[1]]
        return sums.weight, sums.score

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """Reimplements QAbstractItemModel.headerData."""
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < 3:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        if role == Qt.ItemDataRole.ToolTipRole and section != NAME_COLUMN:
            return self.tr("一级、二级为其下三级指标之和")
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        """Reimplements QAbstractItemModel.flags."""
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        flags = (
            Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled
        )
        if index.column() == NAME_COLUMN:
            flags |= Qt.ItemFlag.ItemIsEditable
        if len(self.path_of(index)) < 3:  # 一级/二级 take children
            flags |= Qt.ItemFlag.ItemIsDropEnabled
        return flags

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """Reimplements QAbstractItemModel.setData: a rename goes through the undo stack."""
        if not index.isValid() or index.column() != NAME_COLUMN:
            return False
        if role != Qt.ItemDataRole.EditRole or not isinstance(value, str):
            return False
        try:
            operations.rename_node(self._document, path=self.path_of(index), name=value)
        except ValueError:
            return False  # refused by the model; called from C++, so nothing may escape
        return True

    # ------------------------------------------------------------ drag and drop
    def supportedDropActions(self) -> Qt.DropAction:
        """Reimplements QAbstractItemModel.supportedDropActions."""
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        """Reimplements QAbstractItemModel.mimeTypes."""
        return [NODE_MIME]

    def mimeData(self, indexes: Any) -> QMimeData:
        """Reimplements QAbstractItemModel.mimeData: the dragged node's path."""
        mime = QMimeData()
        paths = [self.path_of(i) for i in indexes if i.isValid()]
        if paths:
            text = ",".join(str(n) for n in paths[0])
            mime.setData(NODE_MIME, QByteArray(text.encode("ascii")))
        return mime

    def drop_target(
        self, data: QMimeData, row: int, parent: AnyIndex
    ) -> tuple[NodePath, NodePath, int] | None:
        """Where a drop would move the dragged node: (source, new parent, new row)."""
        if not data.hasFormat(NODE_MIME):
            return None
        raw = bytes(data.data(NODE_MIME).data()).decode("ascii")
        source = tuple(int(n) for n in raw.split(",") if n)
        if not source:
            return None
        target = self.path_of(parent)
        if len(target) == len(source):
            # Dropped onto a node of the same level: take its place.
            target, row = target[:-1], target[-1]
        if len(target) != len(source) - 1:
            return None
        if row < 0:
            row = len(children_of(self._document.form, target))
        if target == source[:-1] and row > source[-1]:
            row -= 1  # the operation counts rows after the node was taken out
        return source, target, row

    def canDropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: AnyIndex
    ) -> bool:
        """Reimplements QAbstractItemModel.canDropMimeData: only onto the right level."""
        return self.drop_target(data, row, parent) is not None

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: AnyIndex
    ) -> bool:
        """Reimplements QAbstractItemModel.dropMimeData: one undoable move.

        Returns False so the view does not remove the source itself; the move is done.
        """
        target = self.drop_target(data, row, parent)
        if action != Qt.DropAction.MoveAction or target is None:
            return False
        source, new_parent, new_row = target
        moved = operations.move_node_to(
            self._document, path=source, new_parent=new_parent, new_row=new_row
        )
        if moved is not None:
            self.node_dropped.emit(moved)
        return False

    # ------------------------------------------------------------ document signals
    def _about_to_insert(self, parent: NodePath, row: int) -> None:
        self.beginInsertRows(self.index_of(parent), row, row)

    def _inserted(self, parent: NodePath, row: int) -> None:
        self._paths = None
        self.endInsertRows()

    def _about_to_remove(self, parent: NodePath, row: int) -> None:
        self.beginRemoveRows(self.index_of(parent), row, row)

    def _removed(self, parent: NodePath, row: int) -> None:
        self._paths = None
        self.endRemoveRows()

    def _about_to_move(self, parent: NodePath, row: int, new_parent: NodePath, qt_row: int) -> None:
        self.beginMoveRows(self.index_of(parent), row, row, self.index_of(new_parent), qt_row)

    def _moved(self, *_: object) -> None:
        self._paths = None
        self.endMoveRows()

    def _about_to_reset(self) -> None:
        self.beginResetModel()

    def _reset(self) -> None:
        self._parents.clear()
        self._paths = None
        self.endResetModel()

    def _changed(self, change: Change) -> None:
        if change.kind == ChangeKind.FIELD and change.path is not None:
            path = change.path
            if change.field == "name":
                index = self.index_of(path)
                self.dataChanged.emit(index, index)
            elif change.field in _SUM_FIELDS:
                for depth in range(1, len(path) + 1):
                    self._emit_sums(path[:depth])
        elif change.kind in (ChangeKind.STRUCTURE, ChangeKind.VALUES):
            # Names and sums anywhere may have changed: one signal per parent node.
            form = self._document.form
            if form.level1:
                self.dataChanged.emit(
                    self.index(0, NAME_COLUMN), self.index(len(form.level1) - 1, SCORE_COLUMN)
                )
            for i, l1 in enumerate(form.level1):
                if l1.children:
                    first = self.index_of((i, 0), NAME_COLUMN)
                    last = self.index_of((i, len(l1.children) - 1), SCORE_COLUMN)
                    self.dataChanged.emit(first, last)
                for j, l2 in enumerate(l1.children):
                    if l2.indicators:
                        first = self.index_of((i, j, 0), NAME_COLUMN)
                        last = self.index_of((i, j, len(l2.indicators) - 1), SCORE_COLUMN)
                        self.dataChanged.emit(first, last)

    def _emit_sums(self, path: NodePath) -> None:
        self.dataChanged.emit(self.index_of(path, WEIGHT_COLUMN), self.index_of(path, SCORE_COLUMN))

"""The indicator tree with its toolbar, context menu and keys (Insert, Delete, Alt+Up/Down).

Names of 一级/二级 nodes are edited with a combo box offering the standard catalogue;
any other name may be typed.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QAction, QContextMenuEvent, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QLineEdit,
    QMenu,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolBar,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from perfeval_gui.model.glossary import LEVEL1_CATALOGUE, LEVEL1_NAMES, LEVEL2_NAMES
from perfeval_gui.model.limits import NAME_LENGTH
from perfeval_gui.ui import dialogs, operations
from perfeval_gui.ui.document import Document, NodePath
from perfeval_gui.ui.tree_model import LEVEL_ROLE, IndicatorTreeModel

AnyIndex = QModelIndex | QPersistentModelIndex


class _ChooserKeys(QObject):
    """Keeps Alt+↑/Alt+↓ and F4 for the name chooser, which opens its list with them.

    Without it the tree's 上移/下移 shortcuts take Alt+↓ and move the node being renamed.
    """

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Reimplements QObject.eventFilter: claim the combo box's own keys."""
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and (
                event.key() == Qt.Key.Key_F4
                or (
                    event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down)
                    and event.modifiers() & Qt.KeyboardModifier.AltModifier
                )
            )
        ):
            event.accept()
            return True
        return False


class NameDelegate(QStyledItemDelegate):
    """Edits a node name; 一级/二级 names come with the standard catalogue to pick from."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._chooser_keys = _ChooserKeys(self)

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: AnyIndex
    ) -> QWidget:
        """Reimplements QStyledItemDelegate.createEditor."""
        level = index.data(LEVEL_ROLE)
        if level == 3:
            editor = super().createEditor(parent, option, index)
            if isinstance(editor, QLineEdit):
                editor.setMaxLength(NAME_LENGTH)
            return editor
        combo = QComboBox(parent)
        combo.setObjectName("nameChooser")
        combo.setEditable(True)
        combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        if level == 1:
            names: tuple[str, ...] = LEVEL1_NAMES
        else:
            own = LEVEL1_CATALOGUE.get(index.parent().data(Qt.ItemDataRole.EditRole), ())
            names = (*own, *(n for n in LEVEL2_NAMES if n not in own))
        combo.addItems(list(names))
        combo.installEventFilter(self._chooser_keys)
        line = combo.lineEdit()
        if line is not None:  # the keys reach the line edit first, where the focus is
            line.installEventFilter(self._chooser_keys)
            line.setMaxLength(NAME_LENGTH)
        return combo

    def setEditorData(self, editor: QWidget, index: AnyIndex) -> None:
        """Reimplements QStyledItemDelegate.setEditorData."""
        if isinstance(editor, QComboBox):
            editor.setEditText(index.data(Qt.ItemDataRole.EditRole) or "")
            return
        super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: AnyIndex) -> None:
        """Reimplements QStyledItemDelegate.setModelData."""
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentText(), Qt.ItemDataRole.EditRole)
            return
        super().setModelData(editor, model, index)


class IndicatorTreePanel(QWidget):
    """The tree (objectName ``indicatorTree``) and the actions that change it."""

    #: The selected node changed: its path (``()`` when nothing is selected).
    node_selected = Signal(object)

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._document = document
        self.model = IndicatorTreeModel(document, self)
        self.view = QTreeView(self)
        self.view.setObjectName("indicatorTree")
        self.view.setModel(self.model)
        self.view.setItemDelegateForColumn(0, NameDelegate(self.view))
        self.view.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.view.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.view.setDragEnabled(True)
        self.view.setAcceptDrops(True)
        self.view.setDropIndicatorShown(True)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
        )
        self.view.setUniformRowHeights(True)
        header = self.view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        # Fixed widths: sizing to contents would read every row after each edit.
        number_width = self.view.fontMetrics().horizontalAdvance("100.00") + 14
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            header.resizeSection(column, number_width)
        self.view.selectionModel().currentChanged.connect(self._current_changed)
        self.model.modelReset.connect(self.view.expandAll)
        self.model.node_dropped.connect(self.select)

        self.actions_by_name = self._make_actions()
        toolbar = QToolBar(self)
        toolbar.setIconSize(QSize(16, 16))
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for name in ("add_sibling", "add_child", "delete", "move_up", "move_down"):
            toolbar.addAction(self.actions_by_name[name])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(toolbar)
        layout.addWidget(self.view, 1)
        self.view.expandAll()

    # ------------------------------------------------------------ actions
    def _make_actions(self) -> dict[str, QAction]:
        specs = (
            (
                "add_sibling",
                self.tr("添加"),
                "Insert",
                self.add_sibling,
                self.tr("在所选指标之后添加同级指标（Insert）"),
            ),
            (
                "add_child",
                self.tr("添加下级"),
                "Ctrl+Insert",
                self.add_child,
                self.tr("为所选一级、二级指标添加下级指标（Ctrl+Insert）"),
            ),
            ("rename", self.tr("重命名"), "F2", self.rename, self.tr("重命名所选指标（F2）")),
            (
                "delete",
                self.tr("删除"),
                "Delete",
                self.delete,
                self.tr("删除所选指标及其下级（Delete）"),
            ),
            (
                "move_up",
                self.tr("上移"),
                "Alt+Up",
                lambda: self.move_selected(-1),
                self.tr("上移（Alt+↑）"),
            ),
            (
                "move_down",
                self.tr("下移"),
                "Alt+Down",
                lambda: self.move_selected(1),
                self.tr("下移（Alt+↓）"),
            ),
        )
        actions: dict[str, QAction] = {}
        for name, text, keys, slot, tip in specs:
            action = QAction(text, self)
            action.setObjectName(f"tree_{name}")
            action.setShortcut(QKeySequence(keys))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.setToolTip(tip)
            action.setStatusTip(tip)
            action.triggered.connect(slot)
            self.addAction(action)
            actions[name] = action
        return actions

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        """Reimplements QWidget.contextMenuEvent: the tree's actions."""
        menu = QMenu(self)
        for name in ("add_sibling", "add_child", "rename", "delete", None, "move_up", "move_down"):
            if name is None:
                menu.addSeparator()
            else:
                menu.addAction(self.actions_by_name[name])
        menu.exec(event.globalPos())

    def current_path(self) -> NodePath:
        """The selected node's path (``()`` when none)."""
        return self.model.path_of(self.view.currentIndex())

    def select(self, path: NodePath) -> None:
        """Make the node at ``path`` current and visible."""
        index = self.model.index_of(path)
        if index.isValid():
            self.view.setCurrentIndex(index)
            self.view.scrollTo(index)

    def add_sibling(self) -> None:
        """Insert a node after the selected one, on the same level (a 一级 when none)."""
        path = self.current_path()
        if not path:
            new = operations.add_node(self._document, parent=())
        else:
            new = operations.add_node(self._document, parent=path[:-1], row=path[-1] + 1)
        self._select_and_edit(new)

    def add_child(self) -> None:
        """Add a child at the end of the selected 一级 or 二级."""
        path = self.current_path()
        if len(path) >= 3:
            path = path[:2]
        new = operations.add_node(self._document, parent=path)
        self._select_and_edit(new)

    def rename(self) -> None:
        """Start editing the selected node's name."""
        index = self.view.currentIndex()
        if index.isValid():
            self.view.edit(index.siblingAtColumn(0))

    def delete(self) -> None:
        """Delete the selected nodes (with their children)."""
        rows = self.view.selectionModel().selectedRows(0)
        paths = [self.model.path_of(i) for i in rows] or [self.current_path()]
        paths = [p for p in paths if p]
        if not paths:
            return
        summary = operations.summarize_deletion(self._document, paths=paths)
        if summary.holds_others and not dialogs.ask_delete(self, summary.text()):
            return
        operations.delete_nodes(self._document, paths=paths)

    def move_selected(self, delta: int) -> None:
        """Move the selected node up (``-1``) or down (``+1``) among its siblings."""
        path = self.current_path()
        if path:
            new = operations.move_node(self._document, path=path, delta=delta)
            if new is not None:
                self.select(new)

    def _select_and_edit(self, path: NodePath) -> None:
        index = self.model.index_of(path)
        self.view.expand(index.parent())
        self.view.setCurrentIndex(index)
        if len(path) < 3:
            self.view.edit(index)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.node_selected.emit(self.model.path_of(current))

"""Undo for library changes: the core's command objects wrapped as QUndoCommands on a QUndoStack."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack
from sqlalchemy.exc import SQLAlchemyError

from workstation.articles.commands import Command
from workstation.errors import LibraryError

# What a command may raise for a reason the user can act on; anything else is a bug and propagates.
USER_ERRORS = (ValueError, LookupError, LibraryError, SQLAlchemyError)


class CoreUndoCommand(QUndoCommand):
    """A core command on the undo stack; the runner applies it before it is pushed."""

    def __init__(self, command: Command, text: str, runner: CommandRunner):
        super().__init__(text)
        self.command = command
        self._runner = runner
        self._pushed = False

    def redo(self) -> None:
        if not self._pushed:  # QUndoStack.push calls redo; the runner has applied it already
            self._pushed = True
            return
        if not self._runner.perform(self.command, self.command.apply):
            self.setObsolete(True)

    def undo(self) -> None:
        if not self._runner.perform(self.command, self.command.revert):
            self.setObsolete(True)


class CommandRunner(QObject):
    """Applies core commands, pushes them on the library's undo stack and says what changed.

    `before_change` runs before every apply, undo and redo (the main window saves the open
    article there, so a move or trash never races its autosave).
    """

    changed = Signal(object)  # the Command just applied or reverted
    failed = Signal(str)  # a message for the user

    def __init__(self, stack: QUndoStack, parent: QObject | None = None):
        super().__init__(parent)
        self.stack = stack
        self.before_change: Callable[[], object] | None = None

    def run(self, command: Command, text: str) -> bool:
        """Applies the command and puts it on the undo stack; False (and `failed`) if the core refused it."""
        if not self.perform(command, command.apply):
            return False
        self.stack.push(CoreUndoCommand(command, text, self))
        return True

    def perform(self, command: Command, step: Callable[[], None]) -> bool:
        """Runs one apply or revert, announcing the change or the reason it failed."""
        if self.before_change is not None:
            self.before_change()
        try:
            step()
        except USER_ERRORS as exc:
            self.failed.emit(str(exc))
            return False
        self.changed.emit(command)
        return True

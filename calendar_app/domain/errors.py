"""Errors for input a person can fix: one field of a form, or every problem of a file."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Generic, TypeVar


class FieldError(ValueError):
    """Input that cannot be accepted; ``field`` names the form field or value at fault."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


class CadenceError(FieldError):
    """A cadence rule that cannot be planned; ``field`` names the culprit."""


class FileError(ValueError):
    """A file refused as a whole (a plan, a backup, a results export); nothing was stored.

    ``problems`` lists every problem found, each naming where it is
    (``workspace.timezone: …``, ``line 4, column 'visits': …``), so that whoever
    fixes the file sees them all in one run; ``str()`` gives them one per line.
    """

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.problems = [message]
        self.stopped = False  # True once too many problems ended the reading

    @classmethod
    def combine(cls: type[F], errors: Sequence[F], stopped: bool = False) -> F:
        """One error holding the problems of ``errors`` in order (the first's details)."""
        problems = [problem for error in errors for problem in error.problems]
        if stopped:
            problems.append(f"Stopped after {len(errors)} problems; fix these first.")
        combined = cls.__new__(cls)
        combined.__dict__.update(errors[0].__dict__)
        ValueError.__init__(combined, "\n".join(problems))
        combined.problems = problems
        combined.stopped = stopped
        return combined


class LocatedFileError(FileError):
    """A file's problem at a line and column (either may be unknown), named in front of the
    message: ``line 4, column 'visits': …``."""

    def __init__(self, message: str, line: int | None = None, column: str | None = None) -> None:
        where = ", ".join(
            part
            for part in (f"line {line}" if line else "", f"column {column!r}" if column else "")
            if part
        )
        super().__init__(f"{where}: {message}" if where else message)
        self.line, self.column = line, column


F = TypeVar("F", bound=FileError)
MAX_PROBLEMS = 20


class Problems(Generic[F]):
    """Collects the problems of a file while every part is still checked.

    Each part is checked in ``with problems.check():``; an error of the given kind
    is noted and checking goes on. :meth:`raise_if_any` raises them together. After
    ``limit`` problems the rest of a large file is not read.
    """

    def __init__(self, kind: type[F], limit: int = MAX_PROBLEMS) -> None:
        self.kind = kind
        self.limit = limit
        self.errors: list[F] = []

    @contextmanager
    def check(self) -> Iterator[None]:
        """Note an error of this kind raised in the block, and carry on."""
        try:
            yield
        except FileError as error:
            if not isinstance(error, self.kind) or error.stopped:
                raise
            self.note(error)

    def note(self, error: F) -> None:
        """Note one problem; past the limit, stop reading the file."""
        self.errors.append(error)
        if len(self.errors) >= self.limit:
            raise self.kind.combine(self.errors, stopped=True) from None

    def __bool__(self) -> bool:
        return bool(self.errors)

    def raise_if_any(self) -> None:
        """Raise every problem noted so far as one error."""
        if self.errors:
            raise self.kind.combine(self.errors)

"""Files are refused with every problem at once; forms with the field at fault."""

from __future__ import annotations

import pytest

from calendar_app.domain.errors import FileError, Problems


class SheetError(FileError):
    """A made-up file kind with a detail of its own."""

    def __init__(self, message: str, line: int) -> None:
        super().__init__(f"line {line}: {message}")
        self.line = line


def test_problems_are_collected_and_raised_together_in_order() -> None:
    problems = Problems(SheetError)
    for line in (3, 5, 8):
        with problems.check():
            raise SheetError("is wrong", line)
    with pytest.raises(SheetError) as caught:
        problems.raise_if_any()
    assert caught.value.problems == ["line 3: is wrong", "line 5: is wrong", "line 8: is wrong"]
    assert str(caught.value) == "\n".join(caught.value.problems)
    assert caught.value.line == 3  # the first problem's details stay


def test_no_problem_raises_nothing_and_keeps_going() -> None:
    problems = Problems(SheetError)
    with problems.check():
        value = 42
    problems.raise_if_any()
    assert value == 42 and not problems


def test_other_errors_are_not_swallowed() -> None:
    problems = Problems(SheetError)
    with pytest.raises(KeyError), problems.check():
        raise KeyError("a bug, not a problem in the file")
    with pytest.raises(FileError), problems.check():
        raise FileError("a problem of another kind of file")
    assert not problems


def test_reading_stops_after_the_limit_once() -> None:
    problems = Problems(SheetError, limit=3)
    with pytest.raises(SheetError) as caught:
        for line in range(1, 100):
            with problems.check(), problems.check():  # nested checks count each once
                raise SheetError("is wrong", line)
    assert caught.value.problems == [
        "line 1: is wrong",
        "line 2: is wrong",
        "line 3: is wrong",
        "Stopped after 3 problems; fix these first.",
    ]

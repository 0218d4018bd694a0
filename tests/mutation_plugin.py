"""A pytest plugin for mutation testing; scripts/mutation loads it (``-p tests.mutation_plugin``).

It does nothing unless mutmut is running (mutmut sets ``MUTANT_UNDER_TEST``), so the
normal suite never loads or feels it. Under mutmut it:

* empties every ``functools.lru_cache``/``cache`` of the packages being mutated before
  each test. mutmut runs each mutant's tests in a process forked from one that has
  already run them all unmutated, so a cached answer would stand in for the mutated
  code (and, while mutmut maps tests to functions, hide which tests reach a function);
* makes Hypothesis repeatable (``derandomize``, no example database), so a mutant gets
  the same verdict on every run. ``MUTATION_MAX_EXAMPLES`` caps the examples per
  property test when set.

``MUTATION_PACKAGES`` names the packages (``calendar_app idea_bank``) whose caches to clear.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator

import pytest

ACTIVE = "MUTANT_UNDER_TEST" in os.environ
PACKAGES = frozenset(os.environ.get("MUTATION_PACKAGES", "").split())
MAX_EXAMPLES = int(os.environ.get("MUTATION_MAX_EXAMPLES") or 0)

if ACTIVE:
    from hypothesis import settings

    # Loaded before the test modules are imported, so their own @settings inherit it.
    settings.register_profile("mutation", derandomize=True, database=None, print_blob=False)
    settings.load_profile("mutation")


def ours(value: object) -> bool:
    return str(getattr(value, "__module__", "")).partition(".")[0] in PACKAGES


def cached_functions() -> list[Callable[..., object]]:
    """Every cache-wrapped function (module level, or in a class) of PACKAGES' loaded modules.

    Looked up again only when modules were imported since the last time.
    """
    global _found
    if _found[0] != len(sys.modules):
        _found = (len(sys.modules), list(dict.fromkeys(_scan())))
    return _found[1]


_found: tuple[int, list[Callable[..., object]]] = (-1, [])


def _scan() -> Iterator[Callable[..., object]]:
    for name, module in list(sys.modules.items()):
        if module is None or name.partition(".")[0] not in PACKAGES:
            continue
        for value in list(vars(module).values()):
            if not ours(value):
                continue
            members = vars(value).values() if isinstance(value, type) else ()
            for candidate in (value, *members):
                candidate = getattr(candidate, "__func__", candidate)  # static/class methods
                if callable(getattr(candidate, "cache_clear", None)):
                    yield candidate


def pytest_runtest_setup(item: pytest.Item) -> None:
    if ACTIVE:
        for function in cached_functions():
            function.cache_clear()  # type: ignore[attr-defined]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    if not (ACTIVE and MAX_EXAMPLES):
        return
    from hypothesis import settings as hypothesis_settings

    for item in items:
        test = getattr(item, "obj", None)
        own = getattr(test, "_hypothesis_internal_use_settings", None)
        if own is not None and own.max_examples > MAX_EXAMPLES:
            test._hypothesis_internal_use_settings = hypothesis_settings(
                own, max_examples=MAX_EXAMPLES
            )

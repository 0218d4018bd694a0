"""The house rules of the code, read from the source: four floors, each with its own reach.

* ``domain/`` is pure: no Flask, no database, no clock, no configuration.
* ``models/`` are tables: no configuration, no services, no web.
* ``services/`` own every transaction and never speak HTTP.
* ``web/`` never commits or rolls back: the services do.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from flask import Flask

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "calendar_app"

# Modules that are mostly data (tables of templates, word lists) may be longer.
DATA_MODULES = {"idea_bank/templates.py"}
MAX_MODULE_LINES = 320

WEB_LIBRARIES = ("flask", "flask_login", "flask_wtf", "flask_migrate", "wtforms", "werkzeug")
DATABASE_LIBRARIES = ("sqlalchemy", "flask_sqlalchemy", "psycopg", "sqlite3")
CLOCK_CALLS = {"now", "utcnow", "today", "time", "monotonic", "perf_counter"}


def modules(floor: str) -> list[Path]:
    """The Python files of one floor of the app."""
    return sorted((PACKAGE / floor).rglob("*.py"))


def imported(path: Path, root: Path = ROOT) -> set[str]:
    """Every module ``path`` imports, relative imports resolved to absolute names."""
    package = ".".join(path.relative_to(root).with_suffix("").parts[:-1])
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            names.add(module)
            names.update(f"{module}.{alias.name}" for alias in node.names)
    return names


def reaches(path: Path, forbidden: tuple[str, ...], root: Path = ROOT) -> list[str]:
    """The imports of ``path`` that are, or live inside, one of ``forbidden``."""
    return sorted(
        name
        for name in imported(path, root)
        if any(name == f or name.startswith(f + ".") for f in forbidden)
    )


def calls(path: Path, names: set[str]) -> list[str]:
    """``x.name(...)`` calls in ``path`` for the given attribute names."""
    found = []
    for node in ast.walk(ast.parse(path.read_text())):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in names
        ):
            found.append(f"{path.name}:{node.lineno} {ast.unparse(node.func)}()")
    return found


@pytest.mark.parametrize("path", modules("domain"), ids=lambda p: p.name)
def test_the_domain_imports_no_web_database_clock_or_configuration(path: Path) -> None:
    forbidden = (
        *WEB_LIBRARIES,
        *DATABASE_LIBRARIES,
        "calendar_app.extensions",
        "calendar_app.config",
        "calendar_app.clock",
        "calendar_app.models",
        "calendar_app.services",
        "calendar_app.web",
    )
    assert reaches(path, forbidden) == []


@pytest.mark.parametrize("path", modules("domain"), ids=lambda p: p.name)
def test_the_domain_never_reads_the_clock(path: Path) -> None:
    assert calls(path, CLOCK_CALLS) == []


@pytest.mark.parametrize("path", modules("services"), ids=lambda p: p.name)
def test_services_never_speak_http(path: Path) -> None:
    forbidden = ("flask", "flask_login", "flask_wtf", "wtforms", "calendar_app.web")
    assert reaches(path, forbidden) == []


@pytest.mark.parametrize("path", modules("models"), ids=lambda p: p.name)
def test_models_read_no_configuration(path: Path) -> None:
    forbidden = ("flask.current_app", "calendar_app.config", "calendar_app.services")
    assert reaches(path, (*forbidden, "calendar_app.web")) == []
    assert "current_app" not in path.read_text()


@pytest.mark.parametrize("path", modules("web"), ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_no_view_commits_or_rolls_back(path: Path) -> None:
    assert calls(path, {"commit", "rollback"}) == []


def test_every_module_stays_small_enough_to_read() -> None:
    sizes = {
        path.relative_to(ROOT).as_posix(): len(path.read_text().splitlines())
        for folder in ("calendar_app", "idea_bank")
        for path in (ROOT / folder).rglob("*.py")
    }
    assert {name: n for name, n in sizes.items() if n > MAX_MODULE_LINES}.keys() <= DATA_MODULES


def test_the_house_rules_can_fail(tmp_path: Path) -> None:
    # A module that breaks every rule is caught by each check.
    bad = tmp_path / "calendar_app" / "web" / "bad.py"
    bad.parent.mkdir(parents=True)
    bad.write_text(
        "from flask import current_app\n"
        "from ..extensions import db\n"
        "from datetime import datetime\n"
        "def f():\n"
        "    db.session.commit()\n"
        "    return datetime.now()\n"
    )
    assert reaches(bad, ("flask",), tmp_path) == ["flask", "flask.current_app"]
    assert reaches(bad, ("calendar_app.extensions",), tmp_path) == [
        "calendar_app.extensions",
        "calendar_app.extensions.db",
    ]
    assert reaches(bad, ("calendar_app.ext",), tmp_path) == []  # a prefix is not a module
    assert calls(bad, {"commit"}) == ["bad.py:5 db.session.commit()"]
    assert calls(bad, CLOCK_CALLS) == ["bad.py:6 datetime.now()"]


def test_only_login_setup_invitations_resets_unsubscribes_feeds_shares_and_static_are_public(
    app: Flask,
) -> None:
    public = {name for name, view in app.view_functions.items() if getattr(view, "is_public", 0)}
    assert public == {
        "auth.login",
        "auth.setup",
        "auth.join",
        "auth.forgot",
        "auth.reset",
        "auth.unsubscribe",
        "feeds.feed",
        "feeds.channel_feed",
        "feeds.my_feed",
        "share.page",
        "share.image",
        "share.review",
    }


def test_pages_with_secret_addresses_are_marked_never_to_be_stored(app: Flask) -> None:
    secret = {name for name, view in app.view_functions.items() if getattr(view, "secret_page", 0)}
    assert secret == {
        "auth.join",
        "auth.reset",
        "auth.unsubscribe",
        "feeds.subscribe",
        "settings.account",
        "settings.change_password",
        "settings.add_member",
        "settings.hand_over",
        "settings.invite",
        "settings.share_links",
        "settings.create_share",
        "settings.api_tokens_page",
        "settings.create_token",
        "settings.webhooks_page",
        "settings.create_webhook",
        "share.page",
        "share.image",
        "share.review",
    }


def test_each_area_shares_one_name_across_package_blueprint_and_templates(app: Flask) -> None:
    areas = {p.name for p in (PACKAGE / "web").iterdir() if (p / "views.py").exists()}
    assert areas == set(app.blueprints)
    for area in areas:
        assert (ROOT / "templates" / area).is_dir(), area
        prefix = app.blueprints[area].url_prefix
        assert prefix in (None, f"/{area}"), (area, prefix)

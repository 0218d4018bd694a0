"""Feed over HTTP: our app under gunicorn against a static-file server and a bare Flask app
serving the same bytes, in one run.

Run with ``.venv/bin/python bench/feed_http.py`` (``--postgres URL`` for PostgreSQL). It
needs nginx for the static-file yardstick (``apt-get install nginx``; without it Python's
own file server stands in, and the output says so) and wrk for the load figures
(``apt-get install wrk``; without it those lines are skipped). It plans a year of 12
channels, serves the app with 2 gunicorn workers and prints, per server:

* the median latency of one request: a warm 200, a 304;
* requests per second under ``wrk -c4`` (a warm 200);
* the first answer after one item changed, against a cold build;
* the first visit of the Subscribe page;
* with nginx: ``FEED_EXPORT_DIR`` (the feed files written by the app, served by nginx with
  ``docs/deploy/nginx-feed-export.conf``): the export after one change, and a poll.

Targets: a 304 within 2x the bare Flask app's; a warm 200 within 1.5x of nginx's single
request and within 1.5x of the bare Flask app under wrk -c4; a change at least 50x cheaper
than cold; the Subscribe page under 100 ms.
"""

from __future__ import annotations

import gc
import http.client
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from feed import database_url, plan_a_year  # noqa: E402
from sqlalchemy import select, update  # noqa: E402

from calendar_app import create_app  # noqa: E402
from calendar_app.extensions import db  # noqa: E402
from calendar_app.models import Idea, ScheduleItem, User  # noqa: E402
from calendar_app.services import accounts  # noqa: E402
from calendar_app.services.transaction import unit_of_work  # noqa: E402

SECRET = "bench-secret"
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")


def free_port() -> int:
    """A TCP port nobody listens on."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serving(command: list[str], port: int, env: dict[str, str] | None = None, cwd=ROOT):
    """Run a server until the block ends; wait until it answers."""
    process = subprocess.Popen(
        command, cwd=cwd, env={**os.environ, **(env or {})}, stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL, start_new_session=True,
    )  # fmt: skip
    try:
        for _ in range(200):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
                break
            except OSError:
                time.sleep(0.05)
        yield
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(10)


def get(port: int, path: str, headers: dict[str, str] | None = None) -> tuple[int, bytes, dict]:
    """One request on a new connection, as a calendar app makes it."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    connection.request("GET", path, headers=headers or {})
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, body, dict(response.getheaders())


def latency(port: int, path: str, headers: dict[str, str] | None = None, repeat: int = 100):
    """The median seconds of ``repeat`` requests, each on its own connection."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        status, _body, _headers = get(port, path, headers)
        times.append(time.perf_counter() - start)
        assert status in (200, 304), status
    return statistics.median(times)


def wrk(port: int, path: str) -> float | None:
    """Requests per second under ``wrk -t2 -c4 -d5s``, or None without wrk."""
    if shutil.which("wrk") is None:
        return None
    out = subprocess.run(
        ["wrk", "-t2", "-c4", "-d5s", f"http://127.0.0.1:{port}{path}"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    return float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))


def nginx_config(folder: Path, port: int) -> Path:
    """An nginx that serves ``folder`` on ``port``, run as this user."""
    config = folder / "nginx.conf"
    config.write_text(
        f"""daemon off; pid {folder}/nginx.pid; error_log {folder}/error.log;
events {{ worker_connections 256; }}
http {{
  access_log off; sendfile on; tcp_nopush on; default_type text/calendar;
  client_body_temp_path {folder}; proxy_temp_path {folder}; fastcgi_temp_path {folder};
  uwsgi_temp_path {folder}; scgi_temp_path {folder};
  server {{ listen 127.0.0.1:{port}; root {folder}/static; etag on; }}
}}
"""
    )
    return config


def static_server(folder: Path, port: int) -> tuple[list[str], str]:
    """nginx when installed, else Python's file server; and its name."""
    if shutil.which("nginx"):
        return ["nginx", "-c", str(nginx_config(folder, port))], "nginx"
    command = [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1"]
    return command + ["--directory", str(folder / "static")], "python -m http.server"


def prepare(url: str) -> tuple[str, int]:
    """A year of 12 channels with headlines, a user; their feed path and event count."""
    app = create_app({"SECRET_KEY": SECRET, "SQLALCHEMY_DATABASE_URI": url})
    now = datetime.now(UTC)
    with app.app_context():
        plan_a_year(now)
        with unit_of_work():
            posts = db.session.scalars(select(ScheduleItem).order_by(ScheduleItem.starts_at))
            for n, item in enumerate(posts):
                if item.activity == "post" and n % 3 == 0:
                    item.idea = Idea(headline=f"Headline {n}: 7 ways to plan a content calendar")
        user = db.session.scalar(select(User))
        path = f"/feeds/{accounts.feed_token_of(user, SECRET)}.ics"
        count = db.session.query(ScheduleItem).count()
    return path, count


def change_one_item(url: str) -> None:
    """A person approves one draft item (its event changes)."""
    app = create_app({"SECRET_KEY": SECRET, "SQLALCHEMY_DATABASE_URI": url})
    with app.app_context(), unit_of_work():
        planned = select(ScheduleItem).where(ScheduleItem.status == "draft").limit(1)
        item = db.session.scalar(planned)  # one row: a year of items would be garbage to collect
        item.status, item.sequence = "approved", item.sequence + 1


def forget_everything(url: str, cache: Path) -> None:
    """Cold: no stored event text and no stored body."""
    app = create_app({"SECRET_KEY": SECRET, "SQLALCHEMY_DATABASE_URI": url})
    with app.app_context(), unit_of_work():
        table = ScheduleItem.__table__
        db.session.execute(
            update(table).values(ical_text=None, ical_fingerprint=None),
            execution_options={"feed_visible": False},
        )
    shutil.rmtree(cache, ignore_errors=True)


def main() -> None:
    """Run the benchmark and print the figures."""
    url = database_url(__doc__.splitlines()[0])
    folder = Path(tempfile.mkdtemp())
    path, count = prepare(url)
    env = {
        "DATABASE_URL": url.replace("postgresql+psycopg://", "postgresql://"),
        "SECRET_KEY": SECRET,
        "FEED_PAST_DAYS": "0",
        "FEED_FUTURE_DAYS": "366",
        "FEED_CACHE_DIR": str(folder / "cache"),
    }
    ours, bare, static = free_port(), free_port(), free_port()
    app_command = [GUNICORN, "--bind", f"127.0.0.1:{ours}", "--workers", "2", "wsgi:app"]
    figures: dict[str, float | None] = {}
    with serving(app_command, ours, env):
        forget_everything(url, folder / "cache")
        start = time.perf_counter()
        status, body, headers = get(ours, path)
        figures["cold"] = time.perf_counter() - start
        etag = headers["ETag"]
        figures["our 200"] = latency(ours, path)
        figures["our 304"] = latency(ours, path, {"If-None-Match": etag})
        figures["our wrk"] = wrk(ours, path)
        changed = []
        for _ in range(5):
            change_one_item(url)
            start = time.perf_counter()
            get(ours, path)
            changed.append(time.perf_counter() - start)
        figures["changed"] = statistics.median(changed)
    (folder / "static").mkdir()
    (folder / "static" / "feed.ics").write_bytes(body)
    bare_command = [GUNICORN, "--bind", f"127.0.0.1:{bare}", "--workers", "2"]
    bare_command += ["bench.bare_feed:app"]
    with serving(bare_command, bare, {"BARE_FEED_FILE": str(folder / "static" / "feed.ics")}):
        figures["bare 200"] = latency(bare, "/feed.ics")
        bare_etag = get(bare, "/feed.ics")[2]["ETag"]
        figures["bare 304"] = latency(bare, "/feed.ics", {"If-None-Match": bare_etag})
        figures["bare wrk"] = wrk(bare, "/feed.ics")
    command, static_name = static_server(folder, static)
    with serving(command, static):
        figures["static 200"] = latency(static, "/feed.ics")
        figures["static wrk"] = wrk(static, "/feed.ics")
    figures["subscribe"] = subscribe_first_visit(url, env)
    if static_name == "nginx":
        figures.update(exported_feeds(url, env, folder, path))
    report(figures, count, len(body), static_name, url)


def front_config(folder: Path, port: int, app_port: int) -> Path:
    """nginx in front of the app with the README's block for FEED_EXPORT_DIR."""
    block = (ROOT / "docs" / "deploy" / "nginx-feed-export.conf").read_text()
    block = block.replace("/srv/calendar/public", str(folder / "public"))
    block = block.replace("127.0.0.1:8000", f"127.0.0.1:{app_port}")
    config = folder / "front.conf"
    config.write_text(
        f"""daemon off; pid {folder}/front.pid; error_log {folder}/front-error.log;
events {{ worker_connections 256; }}
http {{
  access_log off; sendfile on; tcp_nopush on;
  client_body_temp_path {folder}; proxy_temp_path {folder}; fastcgi_temp_path {folder};
  uwsgi_temp_path {folder}; scgi_temp_path {folder};
  server {{ listen 127.0.0.1:{port}; location / {{ proxy_pass http://127.0.0.1:{app_port}; }}
{block}
  }}
}}
"""
    )
    return config


def exported_feeds(url: str, env: dict[str, str], folder: Path, path: str) -> dict:
    """FEED_EXPORT_DIR behind nginx: a poll, and the export after one change."""
    from calendar_app.web.feeds.export import export_now

    config = {"SECRET_KEY": SECRET, "SQLALCHEMY_DATABASE_URI": url}
    config |= {"FEED_EXPORT_DIR": str(folder / "public"), "FEED_CACHE_DIR": env["FEED_CACHE_DIR"]}
    config |= {"FEED_PAST_DAYS": 0, "FEED_FUTURE_DAYS": 366}
    app = create_app(config)
    start = time.perf_counter()
    export_now(app)
    first = time.perf_counter() - start
    exports = []
    for _ in range(5):
        change_one_item(url)
        start = time.perf_counter()
        report = export_now(app)
        exports.append(time.perf_counter() - start)
        # everything and the item's channel, each with its .gz
        assert report is not None and report.written == 4, report
    app_port, front = free_port(), free_port()
    app_command = [GUNICORN, "--bind", f"127.0.0.1:{app_port}", "--workers", "2", "wsgi:app"]
    with (
        serving(app_command, app_port, env),
        serving(["nginx", "-c", str(front_config(folder, front, app_port))], front),
    ):
        status, body, headers = get(front, path)
        assert status == 200 and "Server" in headers and body.startswith(b"BEGIN:VCALENDAR")
        assert get(front, path.replace(".ics", "x.ics"))[0] == 404  # unknown: the app's 404
        return {
            "export first": first,
            "export change": statistics.median(exports),
            "export 200": latency(front, path),
            "export wrk": wrk(front, path),
        }


def subscribe_first_visit(url: str, env: dict[str, str]) -> float:
    """The Subscribe page's first visit after a change, in-process (logged in)."""
    change_one_item(url)
    app = create_app({"SECRET_KEY": SECRET, "SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        user = db.session.scalar(select(User))
        client = app.test_client()
        with client.session_transaction() as session:
            session["_user_id"] = user.get_id()
        gc.collect()  # the bench's own garbage is not the page's: a server has none of it
        start = time.perf_counter()
        assert client.get("/subscribe").status_code == 200
        return time.perf_counter() - start


def report(f: dict, count: int, size: int, static_name: str, url: str) -> None:
    """The figures and their ratios against the targets, one line each."""

    def ms(seconds: float | None) -> str:
        return "      n/a" if seconds is None else f"{seconds * 1000:8.2f} ms"

    def rps(value: float | None) -> str:
        return "      n/a" if value is None else f"{value:8.0f} /s"

    database = "PostgreSQL" if "postgresql" in url else "SQLite"
    print(f"Feed over HTTP: {count:,} events, {size:,} bytes, {database}, gunicorn 2 workers")
    print(f"  static server used: {static_name}")
    print(f"  cold build             {ms(f['cold'])}")
    print(f"  our warm 200           {ms(f['our 200'])}   {f['our 200'] / f['static 200']:.2f}x "
          f"{static_name} ({ms(f['static 200']).strip()}; target <= 1.5x), "
          f"{f['our 200'] / f['bare 200']:.2f}x bare Flask "
          f"({ms(f['bare 200']).strip()})")  # fmt: skip
    print(f"  our 304                {ms(f['our 304'])}   {f['our 304'] / f['bare 304']:.2f}x "
          f"bare Flask's 304 ({ms(f['bare 304']).strip()}; target <= 2x)")  # fmt: skip
    if f["our wrk"] is not None:
        print(f"  wrk -c4, warm 200      {rps(f['our wrk'])}   {static_name} "
              f"{f['static wrk'] / f['our wrk']:.2f}x more, bare Flask "
              f"{f['bare wrk'] / f['our wrk']:.2f}x more (target <= 1.5x)")  # fmt: skip
    print(f"  after one change       {ms(f['changed'])}   {f['cold'] / f['changed']:.0f}x cheaper "
          "than cold (target >= 50x)")  # fmt: skip
    print(f"  Subscribe, first visit {ms(f['subscribe'])}   target < 100 ms")
    if "export 200" in f:
        print(
            f"  FEED_EXPORT_DIR: first export {ms(f['export first']).strip()}, after one "
            f"change {ms(f['export change']).strip()} (two feeds and their .gz written again)"
        )
        print(
            f"  ... served by nginx    {ms(f['export 200'])}   "
            f"{f['export 200'] / f['static 200']:.2f}x nginx's static file"
            + (f", wrk -c4 {rps(f['export wrk']).strip()}" if f["export wrk"] else "")
        )


if __name__ == "__main__":
    main()

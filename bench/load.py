"""Load test: the app under gunicorn, as ``./scripts/serve`` runs it, for 60 seconds of
20 calendar apps polling feeds, 2 people saving items, 1 person uploading a 15 MB results
file again and again, and a flood of 150 failed logins from 150 addresses.

Run with ``.venv/bin/python bench/load.py`` (``--postgres URL`` for PostgreSQL,
``--seconds N`` for another length). It plans a year of 12 channels, starts gunicorn with
the options of ``scripts/serve`` (behind one trusted proxy, so that each flooding client
has an address of its own), and prints per kind of request how many were made, the
statuses, and the median, 95th percentile and longest times. Targets: no 5xx answer at
all, and a 95th percentile under 1 s for the polls, saves and logins (an upload's own
time grows with its size and is shown on its own line).
"""

from __future__ import annotations

import argparse
import csv
import http.client
import io
import os
import re
import statistics
import sys
import tempfile
import threading
import time
import uuid
from collections import defaultdict
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from feed import CHANNELS, plan_a_year  # noqa: E402
from feed_http import GUNICORN, free_port, serving  # noqa: E402
from sqlalchemy import select  # noqa: E402

from calendar_app import create_app  # noqa: E402
from calendar_app.extensions import db  # noqa: E402
from calendar_app.models import ScheduleItem, User  # noqa: E402
from calendar_app.services import accounts  # noqa: E402

SECRET = "load-secret"
EMAIL, PASSWORD = "bench@example.com", "bench password"
UPLOAD_BYTES = 15 * 1024 * 1024
# The serving options of scripts/serve (the access log aside).
SERVE_OPTIONS = ["--workers", "2"]
TOKEN = re.compile(rb'name="csrf_token"[^>]* value="([^"]+)"')
HEADER = "date,utm_source,utm_medium,utm_campaign,utm_content,visits,leads,customers,revenue"


class Recorder:
    """Every answer's kind, status and seconds, from all threads."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.times: dict[str, list[float]] = defaultdict(list)
        self.statuses: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))

    def add(self, kind: str, status: int, seconds: float) -> None:
        """Count one answer."""
        with self.lock:
            self.times[kind].append(seconds)
            self.statuses[kind][status] += 1


class Browser:
    """One person's or app's HTTP client: a new connection per request, cookies kept."""

    def __init__(self, port: int, recorder: Recorder, address: str = "127.0.0.1") -> None:
        self.port, self.recorder, self.address = port, recorder, address
        self.cookies: dict[str, str] = {}

    def request(self, kind: str, method: str, path: str, body: bytes = b"", headers=None):
        """Make a request, record it, keep its cookies; (status, headers, body)."""
        headers = {"X-Forwarded-For": self.address, **(headers or {})}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
        start = time.perf_counter()
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            data = response.read()
            status, answer_headers = response.status, response.getheaders()
        except OSError:
            status, answer_headers, data = 599, [], b""  # no answer at all counts as a failure
        finally:
            connection.close()
        self.recorder.add(kind, status, time.perf_counter() - start)
        for name, value in answer_headers:
            if name.lower() == "set-cookie":
                key, _, rest = value.partition("=")
                self.cookies[key] = rest.split(";", 1)[0]
        return status, dict(answer_headers), data

    def form_token(self, kind: str, path: str) -> str:
        """The CSRF token of a page's form."""
        _status, _headers, page = self.request(kind, "GET", path)
        match = TOKEN.search(page)
        return match.group(1).decode() if match else ""

    def post_form(self, kind: str, path: str, fields: dict[str, str]):
        """POST a url-encoded form."""
        from urllib.parse import urlencode

        body = urlencode(fields).encode()
        content_type = {"Content-Type": "application/x-www-form-urlencoded"}
        return self.request(kind, "POST", path, body, content_type)

    def log_in(self) -> None:
        """Log in as the benchmark's user."""
        token = self.form_token("setup", "/login")
        self.post_form("setup", "/login", {"csrf_token": token, "email": EMAIL,
                                           "password": PASSWORD})  # fmt: skip


def results_file(uids: list[tuple[str, str]], first_day: datetime, extra: int = 0) -> bytes:
    """About 15 MB of daily results, one row per post and day (under the 200,000-row limit);
    ``extra`` visits on every row make a corrected export that updates them all."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADER.split(","))
    n = 0
    while out.tell() < UPLOAD_BYTES:
        uid, slug = uids[n % len(uids)]
        day = (first_day - timedelta(days=n // len(uids))).date().isoformat()
        campaign = f"{slug}-campaign-for-the-long-winter-season-{n % 7}"
        writer.writerow([day, slug, "social", campaign, uid[:12], 20 + n % 90 + extra, n % 3, n % 2,
                         f"{(n % 2) * 49.5:.2f}"])  # fmt: skip
        n += 1
    return out.getvalue().encode()


def prepare(url: str) -> tuple[list[str], list[int], list[bytes]]:
    """A year of 12 channels and a user; feed paths, item ids to save, the upload."""
    app = create_app({"SECRET_KEY": SECRET, "SQLALCHEMY_DATABASE_URI": url})
    now = datetime.now(UTC)
    with app.app_context():
        plan_a_year(now)
        user = db.session.scalar(select(User))
        accounts.set_password(user, PASSWORD)
        token = accounts.feed_token_of(user, SECRET)
        feeds = [f"/feeds/{token}.ics"] + [f"/feeds/{token}/{slug}.ics" for slug in CHANNELS]
        items = db.session.scalars(
            select(ScheduleItem.id).where(ScheduleItem.activity == "post").limit(50)
        ).all()
        posts = db.session.execute(
            select(ScheduleItem.uid, ScheduleItem.channel_id).where(ScheduleItem.activity == "post")
        ).all()
        slugs = dict(enumerate(CHANNELS, start=1))
        rows = [(uid, slugs[cid]) for uid, cid in posts]
        uploads = [results_file(rows, now, extra) for extra in (0, 1)]
    return feeds, list(items), uploads


def poller(port: int, recorder: Recorder, feed: str, stop: threading.Event) -> None:
    """A calendar app: poll with the ETag it holds, gzip accepted."""
    browser, etag = Browser(port, recorder), None
    while not stop.is_set():
        headers = {"Accept-Encoding": "gzip"} | ({"If-None-Match": etag} if etag else {})
        _status, answer, _body = browser.request("feed poll", "GET", feed, headers=headers)
        etag = answer.get("ETag", etag)
        stop.wait(0.2)


def writer(browser: Browser, items: list[int], stop: threading.Event) -> None:
    """A person opening items and saving their notes."""
    n = 0
    while not stop.is_set():
        item_id = items[n % len(items)]
        _status, _headers, page = browser.request("item page", "GET", f"/items/{item_id}")
        token = TOKEN.search(page)
        version = re.search(rb'name="version" value="(\d+)"', page)
        if token and version:
            fields = {"csrf_token": token.group(1).decode(), "version": version.group(1).decode(),
                      "notes": f"Saved under load {n}"}  # fmt: skip
            browser.post_form("item save", f"/items/{item_id}", fields)
        n += 1
        stop.wait(0.5)


def uploader(browser: Browser, uploads: list[bytes], stop: threading.Event) -> None:
    """A person importing a large results file, then its correction, again and again: every
    upload adds or changes every row."""
    n = 0
    while not stop.is_set():
        upload, n = uploads[n % len(uploads)], n + 1
        token = browser.form_token("results page", "/results/")
        boundary = uuid.uuid4().hex
        body = (
            (
                f'--{boundary}\r\nContent-Disposition: form-data; name="csrf_token"\r\n\r\n'
                f'{token}\r\n--{boundary}\r\nContent-Disposition: form-data; name="file"; '
                f'filename="results.csv"\r\nContent-Type: text/csv\r\n\r\n'
            ).encode()
            + upload
            + f"\r\n--{boundary}--\r\n".encode()
        )
        headers = {"Content-Type": f"multipart/form-data; boundary={boundary}"}
        browser.request("15 MB upload", "POST", "/results/", body, headers)


def flood(port: int, recorder: Recorder, start: int, count: int) -> None:
    """Failed logins for the user, each from an address of its own."""
    for n in range(start, start + count):
        browser = Browser(port, recorder, address=f"203.0.113.{n % 250}")
        token = browser.form_token("login page", "/login")
        browser.post_form("failed login", "/login", {"csrf_token": token, "email": EMAIL,
                                                     "password": f"wrong {n}"})  # fmt: skip


def run(url: str, seconds: float) -> Recorder:
    """Serve, load, stop; what was recorded."""
    feeds, items, uploads = prepare(url)
    folder = Path(tempfile.mkdtemp())
    port = free_port()
    env = {
        "DATABASE_URL": url.replace("postgresql+psycopg://", "postgresql://"),
        "SECRET_KEY": SECRET,
        "TRUSTED_PROXIES": "1",
        "FEED_CACHE_DIR": str(folder / "feed-cache"),
    }
    command = [GUNICORN, "--bind", f"127.0.0.1:{port}", *SERVE_OPTIONS, "wsgi:app"]
    recorder, stop = Recorder(), threading.Event()
    with serving(command, port, env):
        Browser(port, Recorder()).request("warm", "GET", feeds[0])
        threads = [threading.Thread(target=poller, args=(port, recorder, feeds[n % len(feeds)],
                                                         stop)) for n in range(20)]  # fmt: skip
        people = [Browser(port, recorder) for _ in range(3)]
        for person in people:  # logged in before the flood, as a team would be
            person.log_in()
        threads += [threading.Thread(target=writer, args=(people[n], items[n::2], stop))
                    for n in range(2)]  # fmt: skip
        threads.append(threading.Thread(target=uploader, args=(people[2], uploads, stop)))
        threads += [threading.Thread(target=flood, args=(port, recorder, n * 15, 15))
                    for n in range(10)]  # fmt: skip
        for thread in threads:
            thread.start()
        time.sleep(seconds)
        stop.set()
        for thread in threads:
            thread.join(180)
    return recorder


def report(recorder: Recorder, database: str, seconds: float, upload_bytes: int) -> bool:
    """The figures, one line per kind of request; whether the targets were met."""
    print(f"Load test: {seconds:.0f} s, gunicorn {' '.join(SERVE_OPTIONS)}, {database}, "
          f"{os.cpu_count()} CPUs; upload {upload_bytes / 1024 / 1024:.1f} MB")  # fmt: skip
    ok = True
    for kind in sorted(recorder.times):
        times = sorted(recorder.times[kind])
        p95 = times[max(0, int(len(times) * 0.95) - 1)]
        statuses = ", ".join(f"{s}×{n}" for s, n in sorted(recorder.statuses[kind].items()))
        errors = sum(n for s, n in recorder.statuses[kind].items() if s >= 500)
        judged = kind not in ("15 MB upload", "setup")
        ok &= errors == 0 and (p95 < 1 or not judged)
        median = statistics.median(times) * 1000
        print(f"  {kind:<14} {len(times):>6}   median {median:7.1f} ms   p95 {p95 * 1000:7.1f} ms"
              f"   max {times[-1] * 1000:8.1f} ms   {statuses}")  # fmt: skip
    total_errors = sum(n for k in recorder.statuses.values() for s, n in k.items() if s >= 500)
    print(f"  5xx answers: {total_errors}; targets (0 5xx, p95 < 1 s): "
          f"{'met' if ok else 'NOT met'}")  # fmt: skip
    return ok


def main() -> None:
    """Parse the options, run, print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgres", help="a PostgreSQL URL to run against instead of SQLite")
    parser.add_argument("--seconds", type=float, default=60)
    args = parser.parse_args()
    url = args.postgres or f"sqlite:///{tempfile.mkdtemp()}/load.sqlite"
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://") :]
    os.environ.pop("DATABASE_URL", None)
    recorder = run(url, args.seconds)
    database = "PostgreSQL" if "postgresql" in url else "SQLite"
    ok = report(recorder, database, args.seconds, UPLOAD_BYTES)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()

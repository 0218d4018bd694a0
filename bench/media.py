"""Media benchmark: an item's page with ten images on it stays as fast as the page without.

Run with ``.venv/bin/python bench/media.py`` (add ``--postgres URL`` to use PostgreSQL; the
default is a temporary SQLite file). A year of 12 channels is planned (as in
``bench/feed.py``); one post's page is requested in-process by a logged-in client, median
of 20 requests after one warm-up, first with no media, then with ten images (each a
1600×1200 JPEG with its thumbnail, as uploaded). It also times one upload (content check,
thumbnail, store, row). Run from a checkout without media, it prints the first figure only.
With ``--s3`` the images go to a bucket on moto's S3 server (the test extra), started in
this process: a local stand-in for MinIO or S3 that shows the store's own cost, not a
network's.
"""

from __future__ import annotations

import io
import os
import statistics
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path
from time import perf_counter

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from feed import database_url, plan_a_year  # noqa: E402
from pages import logged_in, median_ms  # noqa: E402
from sqlalchemy import select  # noqa: E402

from calendar_app import create_app  # noqa: E402
from calendar_app.extensions import db  # noqa: E402
from calendar_app.models import ScheduleItem  # noqa: E402

IMAGES = 10


def photo() -> bytes:
    """A 1600×1200 JPEG with some detail in it, like a photo from a phone (made once)."""
    from PIL import Image

    out = io.BytesIO()
    Image.radial_gradient("L").resize((1600, 1200)).convert("RGB").save(out, "JPEG")
    return out.getvalue()


def upload_ms(client, item_id: int, data: bytes) -> float:
    """Milliseconds for one upload through the page's form."""
    start = perf_counter()
    answer = client.post(
        f"/items/{item_id}/media",
        data={"file": (io.BytesIO(data), "photo.jpg")},
        content_type="multipart/form-data",
    )
    assert answer.status_code == 302, answer.status_code
    return (perf_counter() - start) * 1000


def media_settings() -> dict[str, str]:
    """With ``--s3``: a new bucket on moto's S3 server in this process; else a temporary folder."""
    if "--s3" not in sys.argv:
        return {"MEDIA_DIR": tempfile.mkdtemp()}
    sys.argv.remove("--s3")
    import logging

    import boto3
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # not a line per request
    endpoint = "http://{}:{}".format(*server.get_host_and_port())
    os.environ.setdefault("AWS_ACCESS_KEY_ID", "bench")
    os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "bench")
    boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1").create_bucket(Bucket="bench")
    return {"MEDIA_STORAGE": "s3", "MEDIA_S3_BUCKET": "bench", "MEDIA_S3_ENDPOINT_URL": endpoint}


def main() -> None:
    """Set up, measure and print."""
    media = media_settings()
    url = database_url(__doc__.splitlines()[0])
    config = {"SECRET_KEY": "bench", "SQLALCHEMY_DATABASE_URI": url, "WTF_CSRF_ENABLED": False}
    app = create_app({**config, **media})
    now = datetime.now(UTC)
    with app.app_context():
        plan_a_year(now)
        query = select(ScheduleItem.id).where(
            ScheduleItem.activity == "post", ScheduleItem.starts_at > now + timedelta(days=1)
        )
        item_id = db.session.scalar(query.order_by(ScheduleItem.starts_at).limit(1))
    client = logged_in(app)
    page = f"/items/{item_id}"
    without = median_ms(client, page)
    database = "PostgreSQL" if "postgresql" in url else "SQLite"
    where = "an S3 bucket (moto)" if media.get("MEDIA_STORAGE") == "s3" else "a local folder"
    print(f"Media benchmark: 12 channels over a year, {database}, images in {where}")
    print(f"  {'item page, no media':<28} {without:8.2f} ms")
    if "schedule.upload_image" not in app.view_functions:
        return
    data = photo()
    uploads = [upload_ms(client, item_id, data) for _ in range(IMAGES)]
    html = client.get(page).get_data()
    with_images = median_ms(client, page)
    thumb = client.get(f"/media/{1}/thumbnail")
    served = median_ms(client, "/media/1/thumbnail")
    print(
        f"  {f'item page, {IMAGES} images':<28} {with_images:8.2f} ms   "
        f"{with_images / without:.0%} of the page without, {len(html) / 1024:.0f} kB of HTML"
    )
    print(f"  {'one upload (1600×1200 JPEG)':<28} {statistics.median(uploads):8.2f} ms   "
          f"{len(data) / 1024:.0f} kB; its thumbnail {len(thumb.data) / 1024:.1f} kB")  # fmt: skip
    print(f"  {'one thumbnail served':<28} {served:8.2f} ms")


if __name__ == "__main__":
    main()

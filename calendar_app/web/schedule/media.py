"""An item's media: upload images, link assets, describe, order and remove them.

Files are served only by their row's id, to people logged in, with the type the
upload was found to be (never what it claimed), ``nosniff`` and a safe name.
"""

from __future__ import annotations

from urllib.parse import quote

from flask import abort, current_app, flash, redirect, request, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from calendar_app import clock
from calendar_app.domain.errors import FieldError
from calendar_app.domain.media import THUMBNAIL_TYPE, ascii_file_name
from calendar_app.extensions import db
from calendar_app.models import ItemMedia, ScheduleItem
from calendar_app.services import media as media_service
from calendar_app.services.media_store import MediaStore, StorageUnavailable, media_store
from calendar_app.web.forms import show_error
from calendar_app.web.guards import accepts_uploads
from calendar_app.web.presentation import seen_version

from . import bp


def store() -> MediaStore:
    """The media store this server is configured with."""
    return media_store(current_app.config)


def _to_media(item_id: int) -> Response:
    return redirect(url_for("schedule.item", item_id=item_id, _anchor="media"))


@bp.route("/items/<int:item_id>/media", methods=["POST"])
@accepts_uploads
def upload_image(item_id: int) -> Response:
    """Attach an uploaded image, checked by its content, to the item."""
    item = db.session.get(ScheduleItem, item_id) or abort(404)
    sent = request.files.get("file")
    upload = media_service.Upload(
        data=sent.read() if sent else b"",
        file_name=sent.filename if sent else None,
        max_bytes=current_app.config["MEDIA_MAX_BYTES"],
        max_pixels=current_app.config["MEDIA_MAX_PIXELS"],
    )
    try:
        media_service.attach_image(item, upload, current_user, clock.now(), store(), seen_version())
    except FieldError as exc:
        show_error(exc)
    except StorageUnavailable as exc:
        flash(exc.message, "error")
    else:
        flash("Image added. Describe it in its alt text for people who cannot see it.", "success")
    return _to_media(item_id)


@bp.route("/items/<int:item_id>/media/link", methods=["POST"])
def link_asset(item_id: int) -> Response:
    """Link an asset kept elsewhere (an http or https address)."""
    item = db.session.get(ScheduleItem, item_id) or abort(404)
    try:
        media_service.link_asset(
            item, request.form.get("url"), current_user, clock.now(), seen_version()
        )
    except FieldError as exc:
        show_error(exc)
    else:
        flash("Link added.", "success")
    return _to_media(item_id)


@bp.route("/media/<int:media_id>/alt", methods=["POST"])
def alt_text(media_id: int) -> Response:
    """Save an image's alt text."""
    media = db.session.get(ItemMedia, media_id) or abort(404)
    item_id = media.item_id
    try:
        media_service.set_alt_text(media, request.form.get("alt_text"), clock.now(), seen_version())
    except FieldError as exc:
        show_error(exc)
    else:
        flash("Alt text saved." if media.alt_text else "Alt text cleared.", "success")
    return _to_media(item_id)


@bp.route("/media/<int:media_id>/move", methods=["POST"])
def move_media(media_id: int) -> Response:
    """Move an image or link one place up or down."""
    media = db.session.get(ItemMedia, media_id) or abort(404)
    item_id = media.item_id
    step = -1 if request.form.get("direction") == "up" else 1
    try:
        media_service.move(media, step, clock.now(), seen_version())
    except FieldError as exc:
        show_error(exc)
    return _to_media(item_id)


@bp.route("/media/<int:media_id>/remove", methods=["POST"])
def remove_media(media_id: int) -> Response:
    """Remove an image (and its files) or a link from its item."""
    media = db.session.get(ItemMedia, media_id) or abort(404)
    item_id = media.item_id
    try:
        media_service.remove(media, store(), clock.now(), seen_version())
    except FieldError as exc:
        show_error(exc)
    else:
        flash("Removed.", "success")
    return _to_media(item_id)


@bp.route("/media/<int:media_id>/image")
def image(media_id: int) -> Response:
    """The image itself."""
    media = db.session.get(ItemMedia, media_id) or abort(404)
    return _serve(media, media.storage_key, media.content_type)


@bp.route("/media/<int:media_id>/thumbnail")
def image_thumbnail(media_id: int) -> Response:
    """The image's thumbnail."""
    media = db.session.get(ItemMedia, media_id) or abort(404)
    return _serve(media, media.thumbnail_key, THUMBNAIL_TYPE)


def _serve(media: ItemMedia, key: str | None, content_type: str) -> Response:
    """The stored file under ``key``, inline, private to the browser, never sniffed."""
    if media.kind != "image" or not key:
        abort(404)
    try:
        data = store().open(key)
    except (FileNotFoundError, ValueError):
        abort(404)
    response = Response(data, content_type=content_type)
    name = media.file_name or "image"
    response.headers["Content-Disposition"] = (
        f"inline; filename=\"{ascii_file_name(name)}\"; filename*=UTF-8''{quote(name)}"
    )
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "private, max-age=86400"
    return response

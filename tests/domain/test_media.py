"""What an upload really is, its thumbnail, its names, and linked assets' addresses."""

from __future__ import annotations

import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from calendar_app.domain.media import (
    NOT_AN_IMAGE,
    THUMBNAIL_WIDTH,
    MediaError,
    ascii_file_name,
    asset_url,
    check_image,
    clean_alt_text,
    clean_file_name,
    file_size,
    is_media_key,
    key_content_type,
    media_settings_problem,
    object_name,
    reordered,
    thumbnail,
)
from tests.images import bomb_bytes, image_bytes

MB = 1024 * 1024
PIXELS = 40_000_000


@pytest.mark.parametrize(
    ("fmt", "content_type"),
    [("PNG", "image/png"), ("JPEG", "image/jpeg"), ("GIF", "image/gif"), ("WEBP", "image/webp")],
)
def test_the_four_formats_are_accepted_with_their_size(fmt: str, content_type: str) -> None:
    facts = check_image(image_bytes(fmt, (64, 48)), MB, PIXELS)
    assert (facts.content_type, facts.width, facts.height) == (content_type, 64, 48)


def test_a_gif_is_a_gif_whatever_its_name_says() -> None:
    # The name ("photo.jpg") never reaches the check: only the bytes do.
    assert check_image(image_bytes("GIF"), MB, PIXELS).content_type == "image/gif"


@pytest.mark.parametrize(
    "data",
    [b"hello, I am a text file called photo.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, b"GIF89a"],
)
def test_text_and_broken_images_are_refused(data: bytes) -> None:
    with pytest.raises(MediaError) as refused:
        check_image(data, MB, PIXELS)
    assert (refused.value.field, refused.value.message) == ("file", NOT_AN_IMAGE)


def test_another_real_image_format_is_refused() -> None:
    with pytest.raises(MediaError, match="PNG, JPEG, GIF or WebP"):
        check_image(image_bytes("BMP"), MB, PIXELS)


def test_an_empty_upload_asks_for_a_file() -> None:
    with pytest.raises(MediaError, match="Choose an image"):
        check_image(b"", MB, PIXELS)


def test_the_size_limit_refuses_one_byte_more() -> None:
    data = image_bytes("PNG")
    assert check_image(data, len(data), PIXELS).width == 64
    with pytest.raises(MediaError, match="KB or less"):
        check_image(data, len(data) - 1, PIXELS)
    with pytest.raises(MediaError, match="Keep images to 1 MB or less."):
        check_image(data + b"\0" * MB, MB, PIXELS)


def test_sizes_read_as_people_say_them() -> None:
    assert (file_size(10 * MB), file_size(2000), file_size(MB)) == ("10 MB", "2 KB", "1 MB")


def test_a_decompression_bomb_is_refused_before_it_is_decoded() -> None:
    data = bomb_bytes((7_000, 7_000))  # 49 megapixels
    assert len(data) < 100_000
    with pytest.raises(MediaError, match="too many pixels"):
        check_image(data, MB, PIXELS)
    with pytest.raises(MediaError, match="too many pixels"):
        thumbnail(data, PIXELS)
    # Within the limit the same picture is fine.
    assert check_image(data, MB, 50_000_000).width == 7_000


def test_a_bomb_past_pillows_own_limit_is_refused_too() -> None:
    with pytest.raises(MediaError, match="too many pixels"):
        check_image(bomb_bytes((20_000, 20_000)), MB, PIXELS)


def test_the_thumbnail_is_a_webp_at_most_320_wide_keeping_the_shape() -> None:
    small = thumbnail(image_bytes("JPEG", (1280, 640)), PIXELS)
    with Image.open(io.BytesIO(small)) as image:
        assert (image.format, image.size) == ("WEBP", (THUMBNAIL_WIDTH, 160))
    tiny = thumbnail(image_bytes("GIF", (40, 30)), PIXELS)
    with Image.open(io.BytesIO(tiny)) as image:
        assert image.size == (40, 30)


def test_a_thumbnail_of_a_non_image_is_refused() -> None:
    with pytest.raises(MediaError, match="not an image"):
        thumbnail(b"not an image", PIXELS)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400))
def test_random_bytes_are_an_image_only_when_pillow_verifies_them(data: bytes) -> None:
    try:
        facts = check_image(data, MB, PIXELS)
    except MediaError as exc:
        assert exc.field == "file"
    else:
        with Image.open(io.BytesIO(data)) as image:
            image.verify()
            assert image.format in ("PNG", "JPEG", "GIF", "WEBP")
        assert facts.width >= 1


@settings(max_examples=100, deadline=None)
@given(st.binary(min_size=1, max_size=200))
def test_a_real_image_with_bytes_appended_or_cut_never_crashes(tail: bytes) -> None:
    data = image_bytes("PNG")
    for sample in (data + tail, data[: len(tail)]):
        try:
            check_image(sample, MB, PIXELS)
        except MediaError:
            pass


@pytest.mark.parametrize(
    ("sent", "shown"),
    [
        ("C:\\Users\\me\\holiday.png", "holiday.png"),
        ("../../etc/passwd", "passwd"),
        ('a"b<c>;d.gif', "abcd.gif"),
        ("  spaced   out .png ", "spaced out .png"),
        ("", "image"),
        (None, "image"),
        ("...", "image"),
        ("x" * 300, "x" * 120),
    ],
)
def test_file_names_are_cleaned_for_display(sent: str | None, shown: str) -> None:
    assert clean_file_name(sent) == shown


@given(st.text(max_size=300))
def test_a_cleaned_name_is_always_short_printable_and_pathless(name: str) -> None:
    cleaned = clean_file_name(name)
    assert 1 <= len(cleaned) <= 120
    assert cleaned.isprintable() and "/" not in cleaned and "\\" not in cleaned
    plain = ascii_file_name(cleaned)
    assert plain.isascii() and '"' not in plain and 1 <= len(plain) <= 120


def test_the_ascii_name_folds_accents() -> None:
    assert ascii_file_name("Fahrräder im Schnee.jpg") == "Fahrrader im Schnee.jpg"
    assert ascii_file_name("自転車.png") == "png"
    assert ascii_file_name("自転車") == "image"


def test_alt_text_is_one_line_and_limited() -> None:
    assert clean_alt_text("  A red bike\n in snow ") == "A red bike in snow"
    assert clean_alt_text(None) == ""
    assert clean_alt_text("x" * 500) == "x" * 500
    with pytest.raises(MediaError, match="500 characters") as refused:
        clean_alt_text("x" * 501)
    assert refused.value.field == "alt_text"


@pytest.mark.parametrize(
    "url", ["https://example.com/a.png", "http://cdn.example.org/x?y=1", " https://a.b/ "]
)
def test_http_and_https_assets_are_accepted(url: str) -> None:
    assert asset_url(url) == url.strip()


@pytest.mark.parametrize(
    "url",
    [
        "",
        None,
        "javascript:alert(1)",
        "ftp://example.com/a.png",
        "file:///etc/passwd",
        "example.com/a.png",
        "data:image/png;base64,AAAA",
        "https://" + "a" * 2000,
    ],
)
def test_other_addresses_are_refused(url: str | None) -> None:
    with pytest.raises(MediaError) as refused:
        asset_url(url)
    assert refused.value.field == "url"


def test_media_keys_name_no_path() -> None:
    assert is_media_key("0123456789abcdef0123456789abcdef.png")
    for key in ("../0123456789abcdef0123456789abcdef.png", "photo.png", None, 5, ""):
        assert not is_media_key(key)
    assert not is_media_key("0123456789abcdef0123456789abcdef.svg")


def test_reordering_moves_one_place_and_stays_within_the_list() -> None:
    assert reordered([1, 2, 3], 2, -1) == [2, 1, 3]
    assert reordered([1, 2, 3], 2, 1) == [1, 3, 2]
    assert reordered([1, 2, 3], 1, -1) == [1, 2, 3]
    assert reordered([1, 2, 3], 3, 1) == [1, 2, 3]
    assert reordered([1, 2, 3], 9, 1) == [1, 2, 3]


@given(st.lists(st.integers(), unique=True, min_size=1), st.data())
def test_reordering_keeps_every_id(ids: list[int], data: st.DataObject) -> None:
    moved = data.draw(st.sampled_from(ids))
    step = data.draw(st.sampled_from([-1, 1]))
    assert sorted(reordered(ids, moved, step)) == sorted(ids)


@pytest.mark.parametrize("content_type", ["image/png", "image/jpeg", "image/gif", "image/webp"])
def test_a_key_names_the_content_type_it_was_made_for(content_type: str) -> None:
    key = "0" * 32 + "." + {"image/jpeg": "jpg"}.get(content_type, content_type[6:])
    assert is_media_key(key) and key_content_type(key) == content_type


@given(
    prefix=st.text(alphabet="ab/-_", max_size=12),
    key=st.from_regex(r"\A[0-9a-f]{32}\.(png|jpg|gif|webp)\Z"),
)
def test_an_object_name_is_the_key_under_the_trimmed_prefix(prefix: str, key: str) -> None:
    name = object_name(prefix, key)
    assert name.rsplit("/", 1)[-1] == key and not name.startswith("/")
    assert name[: -len(key)] in ("", prefix.strip("/") + "/")


def test_an_object_name_without_a_prefix_is_the_key() -> None:
    key = "ab" * 16 + ".png"
    assert object_name(None, key) == object_name("", key) == object_name("/", key) == key
    assert object_name("/calendar/media/", key) == f"calendar/media/{key}"


@pytest.mark.parametrize(
    ("storage", "bucket", "problem"),
    [
        ("local", None, None),
        ("local", "", None),
        ("s3", "calendar-media", None),
        ("s3", None, "needs MEDIA_S3_BUCKET"),
        ("s3", "  ", "needs MEDIA_S3_BUCKET"),
        ("S3", "calendar-media", "'local' or 's3'"),
        (None, None, "'local' or 's3'"),
        ("azure", "x", "'local' or 's3'"),
    ],
)
def test_media_settings_that_cannot_start_a_server_are_named(
    storage: str | None, bucket: str | None, problem: str | None
) -> None:
    found = media_settings_problem(storage, bucket)
    if problem is None:
        assert found is None
    else:
        assert found is not None and problem in found

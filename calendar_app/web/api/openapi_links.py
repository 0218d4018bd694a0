"""OpenAPI links between the API's operations, drawn from its paths.

A client (or a fuzzer following links) learns from the document that the ``id`` a
create answers with is the one to read, change and delete next, and that the ETag
a read or write answers with is what ``If-Match`` wants. The links follow one
naming rule: ``POST …/<things>`` creates what ``/v1/<things>/{<thing>_id}`` serves.
"""

from __future__ import annotations

import re
from typing import Any

NEXT_STEPS = ("get", "put", "patch", "delete")
WRITES = ("put", "patch", "delete")
ONE_OF = re.compile(r"^(?P<collection>.*/v1/(?P<things>[a-z_]+))/\{(?P<param>[a-z_]+_id)\}$")


def resource_paths(paths: dict[str, Any]) -> dict[str, tuple[str, str]]:
    """Each collection name (``items``) with the path serving one of them and its parameter."""
    found = {}
    for path in paths:
        match = ONE_OF.match(path)
        if match:
            found[match["things"]] = (path, match["param"])
    return found


def _escape(path: str) -> str:
    """A path as a JSON pointer segment (RFC 6901)."""
    return path.replace("~", "~0").replace("/", "~1")


def _link(path: str, method: str, parameters: dict[str, str], said: str) -> dict[str, Any]:
    return {
        "operationRef": f"#/paths/{_escape(path)}/{method}",
        "parameters": parameters,
        "description": said,
    }


def _parts(paths: dict[str, Any], path: str) -> list[tuple[str, str]]:
    """The resource's path and those of its parts (``…/{item_id}/copy``), each with the name
    its links take (``It``, ``Copy``)."""
    found = [(path, "It")]
    for other in sorted(paths):
        rest = other[len(path) + 1 :] if other.startswith(path + "/") else ""
        if rest and "/" not in rest and "{" not in rest:
            found.append((other, rest.replace("_", " ").title().replace(" ", "")))
    return found


def _steps(paths: dict[str, Any], path: str, param: str, source: str) -> dict[str, Any]:
    """Links from a response to every operation on one resource and its parts; ``source``
    says where its id comes from (``$response.body#/id`` or ``$request.path.<param>``)."""
    links = {}
    for target, name in _parts(paths, path):
        for method in NEXT_STEPS:
            if method not in paths[target]:
                continue
            parameters = {f"path.{param}": source}
            if method in WRITES and _takes_if_match(paths[target][method]):
                parameters["header.If-Match"] = "$response.header.ETag"
            links[f"{method.capitalize()}{name}"] = _link(
                target, method, parameters, f"{method.upper()} {target}"
            )
    return links


def _takes_if_match(operation: dict[str, Any]) -> bool:
    return any(
        p.get("in") == "header" and p.get("name") == "If-Match"
        for p in operation.get("parameters", [])
    )


def _schema(document: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    """A schema with its ``$ref`` (to components/schemas) followed."""
    ref = schema.get("$ref", "")
    if ref.startswith("#/components/schemas/"):
        return document["components"]["schemas"][ref.rsplit("/", 1)[-1]]  # type: ignore[no-any-return]
    return schema


def _id_pointer(document: dict[str, Any], response: dict[str, Any]) -> str | None:
    """Where a created resource's id is in the response body: ``/id``, or ``/idea/id`` when
    the resource comes wrapped with other news (the idea and its warnings)."""
    body = response.get("content", {}).get("application/json", {}).get("schema", {})
    properties = _schema(document, body).get("properties", {})
    if "id" in properties:
        return "/id"
    for name, value in properties.items():
        if "id" in _schema(document, value).get("properties", {}):
            return f"/{name}/id"
    return None


def add_links(document: dict[str, Any]) -> dict[str, Any]:
    """The document with links from each create (201) and each read of one resource (200)
    to the operations on that resource; the document is changed in place and returned."""
    paths = document.get("paths", {})
    resources = resource_paths(paths)
    for path, item in paths.items():
        created = item.get("post", {}).get("responses", {}).get("201")
        things = path.rstrip("/").rsplit("/", 1)[-1]
        pointer = _id_pointer(document, created) if created is not None else None
        if pointer and things in resources:
            target, param = resources[things]
            links = _steps(paths, target, param, f"$response.body#{pointer}")
            created.setdefault("links", {}).update(links)
    for path, param in resources.values():
        read = paths[path].get("get", {}).get("responses", {}).get("200")
        if read is not None:
            links = _steps(paths, path, param, f"$request.path.{param}")
            links.pop("GetIt", None)
            read.setdefault("links", {}).update(links)
    return document

"""The API's own documents: the OpenAPI 3.1 document and a docs page made from it.

Both are for the team (logged in, like every page); the docs page is plain HTML
rendered on the server, so it works offline and needs no script at all.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint as FlaskBlueprint
from flask import current_app, jsonify, render_template
from markupsafe import Markup, escape
from werkzeug.wrappers import Response

from . import bp

METHODS = ("get", "post", "put", "patch", "delete")


def openapi_document() -> dict[str, Any]:
    """The OpenAPI document generated from the API's views and schemas, with its links."""
    return current_app.extensions["calendar_api"].spec.to_dict()  # type: ignore[no-any-return]


def openapi_json() -> Response:
    """The OpenAPI 3.1 document."""
    return jsonify(openapi_document())


def operations(document: dict[str, Any]) -> list[dict[str, Any]]:
    """Every operation of the document, in path order, as the docs page lists them."""
    found = []
    for path, item in sorted(document.get("paths", {}).items()):
        for method in METHODS:
            if method in item:
                operation = item[method]
                found.append(
                    {
                        "method": method.upper(),
                        "path": path,
                        "summary": operation.get("summary", ""),
                        "description": operation.get("description", ""),
                        "parameters": [
                            *item.get("parameters", []),
                            *operation.get("parameters", []),
                        ],
                        "responses": sorted(operation.get("responses", {})),
                        "body": "requestBody" in operation,
                    }
                )
    return found


def code_spans(text: str) -> Markup:
    """A summary's text, escaped, with its ````name```` spans shown as code."""
    parts = str(escape(text)).split("``")
    return Markup(
        "".join(f"<code>{part}</code>" if n % 2 else part for n, part in enumerate(parts))
    )


def docs() -> str:
    """The API's documentation page."""
    document = openapi_document()
    found = operations(document)
    for operation in found:
        operation["summary"] = code_spans(operation["summary"])
        operation["description"] = code_spans(operation["description"])
    return render_template("api/docs.html", document=document, operations=found)


# Added as plain routes: the documents describe the API and are not part of it.
FlaskBlueprint.add_url_rule(bp, "/openapi.json", view_func=openapi_json)
FlaskBlueprint.add_url_rule(bp, "/docs", view_func=docs)

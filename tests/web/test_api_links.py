"""The OpenAPI document's links: from a create to reading, changing and deleting what it made."""

from __future__ import annotations

from calendar_app.web.api.openapi_links import add_links
from calendar_app.web.api.views import openapi_document

IF_MATCH = {"in": "header", "name": "If-Match", "required": True}


def ok(schema: dict) -> dict:
    return {"content": {"application/json": {"schema": schema}}}


def document(created_body: dict) -> dict:
    return {
        "paths": {
            "/api/v1/things": {
                "get": {"responses": {"200": ok({"type": "array"})}},
                "post": {"responses": {"201": ok(created_body)}},
            },
            "/api/v1/things/{thing_id}": {
                "get": {"responses": {"200": ok({"$ref": "#/components/schemas/Thing"})}},
                "patch": {"parameters": [IF_MATCH], "responses": {"200": {}}},
                "delete": {"responses": {"204": {}}},
            },
            "/api/v1/things/{thing_id}/the_notes": {
                "put": {"parameters": [IF_MATCH], "responses": {"200": {}}},
            },
            "/api/v1/things/{thing_id}/parts/{part_id}": {"get": {"responses": {"200": {}}}},
            "/api/v1/other/generate": {"post": {"responses": {"201": ok({"type": "array"})}}},
        },
        "components": {
            "schemas": {
                "Thing": {"properties": {"id": {"type": "integer"}}},
                "Wrapped": {
                    "properties": {"thing": {"$ref": "#/components/schemas/Thing"}, "news": {}}
                },
            }
        },
    }


def test_a_create_links_to_reading_changing_and_deleting_what_it_made() -> None:
    linked = add_links(document({"$ref": "#/components/schemas/Thing"}))
    links = linked["paths"]["/api/v1/things"]["post"]["responses"]["201"]["links"]
    assert set(links) == {"GetIt", "PatchIt", "DeleteIt", "PutTheNotes"}
    assert links["GetIt"]["operationRef"] == "#/paths/~1api~1v1~1things~1{thing_id}/get"
    assert links["GetIt"]["parameters"] == {"path.thing_id": "$response.body#/id"}
    assert links["PatchIt"]["parameters"] == {
        "path.thing_id": "$response.body#/id",
        "header.If-Match": "$response.header.ETag",
    }
    # A part of the resource (not one with an id of its own) is reached the same way.
    assert links["PutTheNotes"]["operationRef"].endswith("~1{thing_id}~1the_notes/put")
    assert links["PutTheNotes"]["parameters"]["header.If-Match"] == "$response.header.ETag"
    # DELETE declares no If-Match here, so none is passed.
    assert links["DeleteIt"]["parameters"] == {"path.thing_id": "$response.body#/id"}


def test_a_wrapped_resource_links_by_the_id_inside_the_wrapper() -> None:
    linked = add_links(document({"$ref": "#/components/schemas/Wrapped"}))
    links = linked["paths"]["/api/v1/things"]["post"]["responses"]["201"]["links"]
    assert links["GetIt"]["parameters"] == {"path.thing_id": "$response.body#/thing/id"}


def test_a_read_links_to_changing_the_same_resource_with_its_etag() -> None:
    linked = add_links(document({"$ref": "#/components/schemas/Thing"}))
    links = linked["paths"]["/api/v1/things/{thing_id}"]["get"]["responses"]["200"]["links"]
    assert set(links) == {"PatchIt", "DeleteIt", "PutTheNotes"}
    assert links["PatchIt"]["parameters"]["path.thing_id"] == "$request.path.thing_id"


def test_no_link_where_nothing_with_an_id_is_made_or_no_resource_serves_it() -> None:
    linked = add_links(document({"type": "object", "properties": {"count": {}}}))
    assert "links" not in linked["paths"]["/api/v1/things"]["post"]["responses"]["201"]
    generate = linked["paths"]["/api/v1/other/generate"]["post"]["responses"]["201"]
    assert "links" not in generate


def test_every_link_of_the_real_document_names_an_operation_and_its_parameters(app) -> None:
    with app.test_request_context():
        real = openapi_document()
    paths = real["paths"]
    seen = 0
    for item in paths.values():
        for operation in (v for k, v in item.items() if k != "parameters"):
            for response in operation.get("responses", {}).values():
                for link in response.get("links", {}).values():
                    seen += 1
                    _, _, pointer = link["operationRef"].partition("#/paths/")
                    path, _, method = pointer.rpartition("/")
                    target_item = paths[path.replace("~1", "/").replace("~0", "~")]
                    target = target_item[method]
                    declared = {
                        f"{p['in']}.{p['name']}"
                        for p in [*target_item.get("parameters", []), *target.get("parameters", [])]
                    }
                    assert set(link["parameters"]) <= declared, link
    assert seen >= 1

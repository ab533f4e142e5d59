import json

import pytest

from docsync import DocEvent, parse_webhook
from docsync.events import BadEvent


def webhook(kind, doc_id, **data):
    return json.dumps({"type": f"document.{kind}", "document": {"id": doc_id}, "data": data})


def test_parse_webhook():
    ev = parse_webhook(webhook("renamed", "d1", title="Q3 plan"))
    assert ev == DocEvent("renamed", "d1", {"title": "Q3 plan"})


def test_parse_rejects_unknown_type():
    with pytest.raises(BadEvent):
        parse_webhook(json.dumps({"type": "document.shared", "document": {"id": "x"}}))


def test_parse_rejects_garbage():
    with pytest.raises(BadEvent):
        parse_webhook("{not json")


async def test_created_documents_are_stored(ingestor, store):
    for i in range(5):
        await ingestor.submit(parse_webhook(webhook("created", f"d{i}", title=f"Doc {i}")))
    await ingestor.drain()
    assert sorted(store.rows) == [f"d{i}" for i in range(5)]


async def test_rename_of_unknown_doc_is_ignored(ingestor, store):
    await ingestor.submit(parse_webhook(webhook("renamed", "ghost", title="x")))
    await ingestor.drain()
    assert ingestor.ignored == 1
    assert store.rows == {}


async def test_delete_removes_document(ingestor, store):
    store.rows["old"] = {"title": "old", "tags": []}
    await ingestor.submit(parse_webhook(webhook("deleted", "old")))
    await ingestor.drain()
    assert "old" not in store.rows


async def test_title_follows_rename_after_create(ingestor, store):
    bodies = [
        webhook("created", "spec", title="Untitled"),
        webhook("renamed", "spec", title="Payments API spec"),
        webhook("created", "notes", title="Standup notes"),
    ]
    for body in bodies:
        await ingestor.submit(parse_webhook(body))
    await ingestor.drain()
    assert store.rows["spec"]["title"] == "Payments API spec"
    assert ingestor.ignored == 0

import logging

log = logging.getLogger("docsync")


async def on_created(store, event):
    await store.upsert(event.doc_id, {"title": event.data.get("title", ""), "tags": []})


async def on_renamed(store, event):
    doc = await store.get(event.doc_id)
    if doc is None:
        log.info("rename for unknown document %s ignored", event.doc_id)
        return False
    doc["title"] = event.data["title"]
    await store.upsert(event.doc_id, doc)


async def on_tagged(store, event):
    doc = await store.get(event.doc_id)
    if doc is None:
        return False
    doc["tags"] = sorted(set(doc["tags"]) | set(event.data.get("tags", [])))
    await store.upsert(event.doc_id, doc)


async def on_deleted(store, event):
    await store.delete(event.doc_id)


HANDLERS = {
    "created": on_created,
    "renamed": on_renamed,
    "tagged": on_tagged,
    "deleted": on_deleted,
}

import asyncio


async def test_health_when_idle(index):
    assert (await index.health())["status"] == "ok"


async def test_import_skips_non_photos(index, add_photos):
    folder = add_photos(3)
    entries = await index.import_folder(folder)
    assert len(entries) == 3
    assert sorted(index.entries) == ["IMG_0000.jpg", "IMG_0001.jpg", "IMG_0002.jpg"]


async def test_entry_has_thumbnail_and_hash(index, add_photos):
    entry = await index.index_photo(add_photos(1) / "IMG_0000.jpg")
    assert entry["thumb"] == "IMG_0000-256.webp" and len(entry["sha1"]) == 40


async def test_health_stays_green_during_import(index, add_photos):
    folder = add_photos(7)
    importing = asyncio.create_task(index.import_folder(folder))
    await asyncio.sleep(0.01)
    status = await index.health()
    await importing
    assert status["status"] == "ok", status
    assert len(index.entries) == 7

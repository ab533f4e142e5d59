import asyncio

import pytest


@pytest.mark.asyncio
async def test_page_escapes_bio(page):
    body = await page.render("u1")
    assert "Engines &amp; notes" in body
    assert 'src="https://cdn.example.test/avatars/ada.png"' in body


@pytest.mark.asyncio
async def test_default_avatar(page):
    assert "avatars/default.png" in await page.render("u2")


@pytest.mark.asyncio
async def test_blank_rename_rejected(page):
    with pytest.raises(ValueError):
        await page.rename("u1", "   ")


@pytest.mark.asyncio
async def test_rename_while_page_is_viewed(page):
    await asyncio.gather(page.render("u1"), page.rename("u1", "Ada Lovelace"))
    body = await page.render("u1")
    assert '<h1 class="name">Ada Lovelace</h1>' in body

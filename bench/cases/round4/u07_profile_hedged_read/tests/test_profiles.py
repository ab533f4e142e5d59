import asyncio

import pytest

from profiles.service import ProfileError


async def test_invalid_handle_rejected(profiles):
    with pytest.raises(ProfileError):
        await profiles.create(1, "No Spaces", "Ann")


async def test_unknown_profile(profiles):
    with pytest.raises(KeyError):
        await profiles.get(404)


async def test_create_then_get(profiles):
    await profiles.create(7, "ann_k", "  Ann K ")
    await asyncio.sleep(0.05)
    assert (await profiles.get(7))["display_name"] == "Ann K"


async def test_bio_edit_visible_immediately(profiles):
    await profiles.create(8, "bo_r", "Bo")
    await asyncio.sleep(0.05)
    await profiles.update_bio(8, "Rust and rivers")
    profile = await profiles.get(8)
    assert profile["bio"] == "Rust and rivers"

async def test_join_adds_member(rooms, store):
    await rooms.join("standup", "ana")
    await rooms.flush()
    assert await store.members("standup") == ["ana"]


async def test_leave_announces_remaining_roster(rooms, hub):
    await rooms.join("standup", "ana")
    await rooms.join("standup", "ben")
    await rooms.flush()
    await rooms.leave("standup", "ana")
    await rooms.flush()
    assert hub.events("standup", "left")[-1]["roster"] == ["ben"]


async def test_connected_session_receives_events(rooms, hub):
    inbox = hub.connect("retro")
    await rooms.join("retro", "ana")
    await rooms.flush()
    event = inbox.get_nowait()
    assert event["type"] == "joined" and event["user"] == "ana"


async def test_join_announcement_lists_newcomer(rooms, hub):
    await rooms.join("planning", "ana")
    await rooms.flush()
    await rooms.join("planning", "ben")
    await rooms.flush()
    last = hub.events("planning", "joined")[-1]
    assert last["user"] == "ben"
    assert last["roster"] == ["ana", "ben"]

from conftest import watch
from pricewatch.hub import PriceUpdate
from pricewatch.sessions import SessionReaper


def test_reaper_logs_out_idle_users(hub, gateway):
    watch(hub, gateway, "ana")
    reaper = SessionReaper(hub, idle_after=60)
    reaper.touch("ana", at=0)
    reaper.touch("ben", at=50)
    assert reaper.reap_once(now=100) == ["ana"]
    assert hub.subscriptions("ana") == []


def test_price_drop_reaches_active_users_while_reaping(hub, slow_gateway):
    for user in ("ana", "ben", "cy", "dee"):
        watch(hub, slow_gateway, user)
    reaper = SessionReaper(hub, idle_after=0)
    reaper.touch("ana")
    thread = reaper.run_in_background(splay=0.2)
    hub.publish(PriceUpdate("SKU-TV55", 449.0))
    thread.join()
    for user in ("ben", "cy", "dee"):
        assert slow_gateway.inbox(user), f"{user} missed the price drop"

from conftest import watch
from pricewatch.hub import PriceUpdate


def test_only_matching_subscriptions_fire(hub, gateway):
    watch(hub, gateway, "ana", threshold=450)
    watch(hub, gateway, "ben", threshold=520)
    watch(hub, gateway, "cy", sku="SKU-SOUNDBAR")
    assert hub.publish(PriceUpdate("SKU-TV55", 499.0)) == ["ben"]
    assert gateway.inbox("ben") == ["SKU-TV55 is now 499.00 EUR"]


def test_unsubscribe_stops_alerts(hub, gateway):
    sub = watch(hub, gateway, "ana")
    hub.unsubscribe(sub)
    assert hub.publish(PriceUpdate("SKU-TV55", 100.0)) == []


def test_unsubscribe_user_drops_all_their_alerts(hub, gateway):
    watch(hub, gateway, "ana")
    watch(hub, gateway, "ana", sku="SKU-SOUNDBAR")
    watch(hub, gateway, "ben")
    hub.unsubscribe_user("ana")
    assert [s.user for s in hub.subscriptions()] == ["ben"]

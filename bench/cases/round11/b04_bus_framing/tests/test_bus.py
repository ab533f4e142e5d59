import json
import threading

from busframe import decode_frame

from conftest import sample_interval, sensor_batch


def test_publisher_is_reused_per_channel(bus):
    assert bus.publisher("temps") is bus.publisher("temps")


def test_stats_count_messages(bus):
    bus.publisher("temps").publish({"t": 1})
    bus.publisher("temps").publish({"t": 2})
    bus.publisher("doors").publish({"open": True})
    assert bus.stats() == {"doors": 1, "temps": 2}


def test_sensor_threads_share_the_bus(bus, transport):
    def run(sensor):
        pub = bus.publisher("sensor.%s" % sensor)
        for n in range(3):
            sample_interval()
            pub.publish(sensor_batch("%s-%d" % (sensor, n), 1000))

    threads = [threading.Thread(target=run, args=(s,)) for s in ("hall", "lab")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    decoded = [decode_frame(f) for f in transport.frames]
    channels = sorted(ch for ch, _ in decoded)
    assert channels == ["sensor.hall"] * 3 + ["sensor.lab"] * 3
    for ch, body in decoded:
        assert json.loads(body)["sensor"].startswith(ch.split(".")[1])

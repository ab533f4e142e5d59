import random
import socket
import threading
import time

from . import config
from .protocol import encode_report


class ReportFailed(RuntimeError):
    pass


def send_report(address, report):
    try:
        with socket.create_connection(address, timeout=config.CLIENT_TIMEOUT) as sock:
            sock.sendall(encode_report(report))
            ack = sock.recv(2)
    except OSError as exc:
        raise ReportFailed(f"{report.get('device')}: {exc!r}") from exc
    if ack != b"OK":
        raise ReportFailed(f"{report.get('device')}: bad ack {ack!r}")


def health_report(device, uptime, load):
    return {"device": device, "uptime": uptime, "load": round(load, 2)}


def boot_fleet(address, devices, boot_spread):
    """Devices power on within `boot_spread` seconds and report once each."""
    failures = []
    lock = threading.Lock()

    def boot(name):
        time.sleep(random.uniform(0, boot_spread))
        try:
            send_report(address, health_report(name, uptime=0, load=random.random()))
        except ReportFailed as exc:
            with lock:
                failures.append(str(exc))

    threads = [threading.Thread(target=boot, args=(d,)) for d in devices]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return failures

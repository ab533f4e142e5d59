import asyncio
import random


class SimulatedBus:
    """In-process stand-in for the RS-485 gateway: every frame gets a reply
    from the addressed device after a short line delay."""

    def __init__(self, devices, min_delay=0.002, max_delay=0.009):
        self.devices = devices
        self.min_delay = min_delay
        self.max_delay = max_delay
        self.on_frame = None
        self.sent = []

    def send(self, frame):
        self.sent.append(frame)
        addr, _, cmd = frame.partition(":")
        device = self.devices.get(addr)
        reply = f"{addr}:ERR" if device is None else f"{addr}:{device(cmd)}"
        delay = random.uniform(self.min_delay, self.max_delay)
        asyncio.get_running_loop().call_later(delay, self.on_frame, reply)

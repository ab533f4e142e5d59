class CloudRegistry:
    """Server side: keeps the latest settings document per device."""

    def __init__(self):
        self.devices = {}
        self.uploads = []

    def put_state(self, device_id, settings):
        self.uploads.append((device_id, dict(settings)))
        self.devices[device_id] = dict(settings)
        return 204

    def state(self, device_id):
        return self.devices.get(device_id)


class Link:
    """Network link to the registry that can be taken down."""

    def __init__(self, registry):
        self.registry = registry
        self.online = True

    def put_state(self, device_id, settings):
        if not self.online:
            raise ConnectionError("offline")
        return self.registry.put_state(device_id, settings)

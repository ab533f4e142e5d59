class DeliveryFailed(Exception):
    pass


class Channel:
    """Base class for delivery channels; subclasses register by ``kind``."""

    kind = None
    _by_kind = {}

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if cls.kind:
            Channel._by_kind[cls.kind] = cls

    def __init__(self, outbox):
        self.outbox = outbox

    def render(self, recipient, message):
        raise NotImplementedError

    def send(self, recipient, message):
        for part in self.render(recipient, message):
            self.outbox.append((self.kind, part))
        return True


def channel_for(kind, outbox):
    try:
        cls = Channel._by_kind[kind]
    except KeyError:
        raise LookupError(f"no channel for {kind!r}") from None
    return cls(outbox)

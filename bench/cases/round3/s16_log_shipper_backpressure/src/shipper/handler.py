import json
import logging


class ShippingHandler(logging.Handler):
    """logging.Handler that serialises records and hands them to a shipper."""

    def __init__(self, shipper, service):
        super().__init__()
        self._shipper = shipper
        self._service = service

    def emit(self, record):
        try:
            payload = {
                "service": self._service,
                "level": record.levelname,
                "logger": record.name,
                "msg": record.getMessage(),
            }
            if record.exc_info:
                payload["exc"] = logging.Formatter().formatException(record.exc_info)
            self._shipper.ship(json.dumps(payload, sort_keys=True))
        except Exception:
            self.handleError(record)

from .routing import check_digit

COMPANY_PREFIX = "4012345"


class ParcelLabel:
    """A carrier label; serials are unique per process (one printer queue)."""

    _last_serial = 0

    def __init__(self, order_id, postcode, service, zones):
        serial = ParcelLabel._last_serial + 1
        self.order_id = order_id
        self.service = service
        self.zone = zones.zone_for(postcode)
        self.serial = serial
        body = "%s%09d" % (COMPANY_PREFIX, serial)
        self.barcode = body + check_digit(body)
        ParcelLabel._last_serial = serial

    def render(self):
        return "\n".join([
            "SERVICE %s" % self.service,
            "ZONE    %s" % self.zone,
            "ORDER   %s" % self.order_id,
            "(00)%s" % self.barcode,
        ])

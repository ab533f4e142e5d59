from . import ownership

HELP = {
    "http_requests_total": "Requests handled, by route and status.",
    "http_request_seconds_sum": "Total request time, by route.",
}


def _fmt_labels(labels):
    if not labels:
        return ""
    inner = ",".join('%s="%s"' % (k, labels[k]) for k in sorted(labels))
    return "{%s}" % inner


class TextExporter:
    def __init__(self, registry, add_owner=True):
        self._registry = registry
        self._add_owner = add_owner

    def render(self):
        lines = []
        described = set()
        for series in self._registry.series.values():
            if series.name not in described:
                lines.append("# HELP %s %s" % (series.name, HELP.get(series.name, "")))
                described.add(series.name)
            labels = dict(series.labels)
            if self._add_owner and "route" in labels:
                labels["owner"] = ownership.owner_of(labels["route"])
            lines.append("%s%s %g" % (series.name, _fmt_labels(labels), series.value))
        return "\n".join(lines) + "\n"

    def scrape(self):
        body = self.render()
        return {"status": 200, "content_type": "text/plain; version=0.0.4", "body": body}

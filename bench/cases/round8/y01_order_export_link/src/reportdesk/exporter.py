import csv
import io

from .naming import export_name

COLUMNS = ("id", "customer", "total", "placed")


def render_csv(rows):
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=COLUMNS, extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow(row)
    return buf.getvalue().encode("utf-8")


class OrderExporter:
    def __init__(self, store, source, archive=None, base_url="/exports"):
        self.store = store
        self.source = source
        self.archive = archive
        self.base_url = base_url.rstrip("/")
        self.notifications = []

    def run(self, since=None, notify=None):
        rows = self.source.fetch(since=since)
        data = render_csv(rows)
        self.store.save(export_name("orders"), data)
        if self.archive is not None:
            self.archive.upload(export_name("orders") + ".bak", data)
        link = self.download_link()
        if notify:
            self.notifications.append({"to": notify, "link": link, "rows": len(rows)})
        return link

    def download_link(self):
        return f"{self.base_url}/{export_name('orders')}"

    def resolve(self, link):
        prefix = self.base_url + "/"
        if not link.startswith(prefix):
            raise ValueError(f"not an export link: {link}")
        return self.store.read(link[len(prefix):])

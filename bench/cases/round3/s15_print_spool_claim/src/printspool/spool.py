"""A directory-based print spool shared by several print daemons."""
import json
import os
import time
import uuid


class Spool:
    def __init__(self, root):
        self.root = root
        self.jobs_dir = os.path.join(root, "jobs")
        self.log_path = os.path.join(root, "printed.log")
        os.makedirs(self.jobs_dir, exist_ok=True)

    def submit(self, document, printer="lobby", copies=1):
        job_id = "%d-%s" % (time.time_ns(), uuid.uuid4().hex[:6])
        payload = {"id": job_id, "document": document, "printer": printer, "copies": copies}
        tmp = os.path.join(self.root, ".%s.tmp" % job_id)
        with open(tmp, "w") as fh:
            json.dump(payload, fh)
        os.replace(tmp, os.path.join(self.jobs_dir, job_id + ".json"))
        return job_id

    def pending(self):
        names = sorted(n for n in os.listdir(self.jobs_dir) if n.endswith(".json"))
        return [os.path.join(self.jobs_dir, n) for n in names
                if not os.path.exists(os.path.join(self.jobs_dir, n[:-5] + ".claim"))]

    def load(self, job_path):
        with open(job_path) as fh:
            return json.load(fh)

    def claim_path(self, job_path):
        return job_path[:-5] + ".claim"

    def record_printed(self, job, worker):
        line = "%s %s %s\n" % (job["id"], job["printer"], worker)
        fd = os.open(self.log_path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
        try:
            os.write(fd, line.encode())
        finally:
            os.close(fd)

    def printed(self):
        if not os.path.exists(self.log_path):
            return []
        with open(self.log_path) as fh:
            return [line.split() for line in fh if line.strip()]

"""Where and on what the bench ran: date, cores, kernel, CPU model, load
average, and the commit of the work tree."""
import datetime
import os
import platform
import subprocess


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def commit(root):
    def git(*args):
        return subprocess.run(["git", "-C", root] + list(args), capture_output=True, text=True).stdout.strip()
    sha = git("rev-parse", "--short", "HEAD") or "unknown"
    # The results file itself changes while the bench runs: not a change to what is measured.
    dirty = git("status", "--porcelain", "--untracked-files=no", "--", ".", ":!bench/RESULTS.md")
    return sha + (" (with uncommitted changes)" if dirty else "")


def describe(root):
    return {"date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
            "cores": os.cpu_count(), "kernel": platform.release(), "cpu": cpu_model(),
            "load": "%.2f %.2f %.2f" % os.getloadavg(), "commit": commit(root)}

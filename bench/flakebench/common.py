"""What every figure shares: the bench context (binary, interpreter,
scratch folder, quick or full), running a command and timing it from the
outside, with peak RSS from the kernel's rusage of that one child, and the
A/B order that alternates which side goes first so drift cancels."""
import os
import subprocess
import sys
import time


class BenchError(RuntimeError):
    """A measurement could not be made (a command failed)."""


class Ctx:
    def __init__(self, flakebpf, python, scratch, quick, observer_n=None, log=None, analysis=None):
        self.flakebpf = os.path.abspath(flakebpf)
        self.python = os.path.abspath(python)
        self.scratch = scratch
        self.quick = quick
        self.observer_n = observer_n
        self.log = log or (lambda msg: print(msg, file=sys.stderr, flush=True))
        # figure 5's knobs (see run_bench.py --analysis-*): None for the mode's defaults
        analysis = analysis or {}
        self.analysis_runs = analysis.get("runs")
        self.analysis_base = analysis.get("base")
        self.analysis_repeat = analysis.get("repeat")
        self.analysis_traces = analysis.get("traces")
        self.analysis_baseline = analysis.get("baseline")

    def path(self, *parts):
        p = os.path.join(self.scratch, *parts)
        os.makedirs(os.path.dirname(p), exist_ok=True)
        return p


class Result:
    """What one command did: wall seconds, exit code, peak RSS (KiB),
    output, and (from rusage) its CPU seconds, user + system."""

    def __init__(self, wall, code, maxrss_kib, stdout, stderr, cpu=None):
        self.wall, self.code, self.maxrss_kib, self.stdout, self.stderr, self.cpu = wall, code, maxrss_kib, stdout, stderr, cpu


def run(cmd, cwd=None, env=None, timeout=None, check=True, capture=True):
    """Runs `cmd`, timed from just before the fork to its reaping."""
    out = subprocess.PIPE if capture else subprocess.DEVNULL
    t0 = time.monotonic()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=out, stderr=out, text=True)
    try:
        stdout, stderr = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
        raise BenchError("timed out after %ss: %s" % (timeout, " ".join(cmd)))
    wall = time.monotonic() - t0
    if check and proc.returncode != 0:
        raise BenchError("exit %s: %s\n%s" % (proc.returncode, " ".join(cmd), (stderr or "")[-2000:]))
    return Result(wall, proc.returncode, None, stdout, stderr)


def run_rusage(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL):
    """Like `run` with output discarded (or sent to the files `stdout` and
    `stderr`), plus the peak RSS of that one child (its own rusage from
    `wait4`, not all children's together)."""
    t0 = time.monotonic()
    proc = subprocess.Popen(cmd, stdout=stdout, stderr=stderr)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.monotonic() - t0
    proc.returncode = code = os.waitstatus_to_exitcode(status)
    if check and code != 0:
        raise BenchError("exit %s: %s" % (code, " ".join(cmd)))
    return Result(wall, code, usage.ru_maxrss, "", "", usage.ru_utime + usage.ru_stime)


def ab_order(round_index):
    """Which side goes first in a round: A,B then B,A then A,B ... so a
    steady drift of the machine weighs equally on both sides."""
    return ("plain", "traced") if round_index % 2 == 0 else ("traced", "plain")

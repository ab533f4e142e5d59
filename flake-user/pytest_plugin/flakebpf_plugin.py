"""flakebpf's pytest plugin: per-test phase windows and outcomes.

flakebpf loads this module into the pytest it traces (``-p flakebpf_plugin``
with its folder on PYTHONPATH). For every test and phase it records the
window on the monotonic clock (the clock of the kernel events), the pid and
thread that ran it, the order of the test within its process, the xdist
worker, and the phase outcome. It never changes an outcome, never raises
into pytest and does no work when ``FLAKEBPF_OUTCOMES`` is unset.

Output: JSON lines appended to ``$FLAKEBPF_OUTCOMES/<pid>.jsonl``, one file
per process (xdist workers inherit the variable and write their own). Each
test costs three small O_APPEND writes (~15 µs in all): a ``begin`` line
when its setup starts and the setup line once it is done (so a crash or a
hang later in the test is still placed), then the call and teardown lines
together. The writes and the clock reads sit outside the phase windows,
except the clock read that closes a window.

For flakebpf's controlled reruns it can also keep only the tests listed
(JSON) in ``FLAKEBPF_SELECT``, in that order, and turn pytest-xdist's
distribution off when ``FLAKEBPF_NO_XDIST`` is set, and, in experiment runs
only, drive one intervention described in ``FLAKEBPF_INTERVENE``
(``flakebpf_intervene.py``). None of these changes a test.
"""

import json
import os
from json.encoder import encode_basestring_ascii as _enc
import platform
import threading
from time import monotonic_ns

import pytest

_DIR = os.environ.get("FLAKEBPF_OUTCOMES")
_WORKER = os.environ.get("PYTEST_XDIST_WORKER")
_native_id = getattr(threading, "get_native_id", None)
_NO_XDIST = bool(os.environ.get("FLAKEBPF_NO_XDIST"))
try:
    _SELECT = json.loads(os.environ["FLAKEBPF_SELECT"]) if os.environ.get("FLAKEBPF_SELECT") else None
except ValueError:
    _SELECT = None

_IV = None
if os.environ.get("FLAKEBPF_INTERVENE"):
    try:
        import flakebpf_intervene as _IV
        _IV.install_early()
    except Exception:
        _IV = None

_fd = None
_fd_pid = None
_order = 0
# (nodeid, when) -> [start_ns, end_ns, tid] of the phases of this process
_windows = {}
_held = []  # the call line, written with the teardown line


def _write(lines):
    global _fd, _fd_pid
    if not _DIR or not lines:
        return
    try:
        pid = os.getpid()
        if _fd is None or _fd_pid != pid:
            flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_CLOEXEC", 0)
            _fd = os.open(os.path.join(_DIR, "%d.jsonl" % pid), flags, 0o644)
            _fd_pid = pid
        os.write(_fd, "".join(lines).encode("utf-8", "replace"))
    except Exception:
        pass


def _line(obj):
    return json.dumps(obj, separators=(",", ":")) + "\n"


def _str(v):
    return "null" if v is None else _enc(v)


def _num(v):
    return "null" if v is None else repr(v)


_BEGIN = '{"ev":"begin","nodeid":%s,"order":%d,"pid":%d,"tid":%s,"worker":%s,"t":%d}\n'
_PHASE = ('{"ev":"phase","nodeid":%s,"when":%s,"outcome":%s,"dur":%s,"xfail":%s,"pid":%d,'
          '"remote":%s,"worker":%s,"start":%s,"end":%s,"tid":%s}\n')
_WORKER_JSON = _str(_WORKER)


def _tid():
    return _native_id() if _native_id else None


def _hookimpl(**kw):
    try:
        return pytest.hookimpl(wrapper=True, **kw)
    except TypeError:  # pluggy < 1.1
        return pytest.hookimpl(hookwrapper=True, **kw)


if _NO_XDIST:
    @_hookimpl(tryfirst=True)
    def pytest_cmdline_main(config):
        # Before xdist's own pytest_cmdline_main turns -n into workers.
        opt = config.option
        if hasattr(opt, "numprocesses"):
            opt.numprocesses = 0
        if hasattr(opt, "dist"):
            opt.dist = "no"
        if hasattr(opt, "tx"):
            opt.tx = []
        if hasattr(opt, "distload"):
            opt.distload = False
        return (yield)


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(session, config, items):
    if not _SELECT:
        return
    pos = {}
    for i, nodeid in enumerate(_SELECT):
        pos.setdefault(nodeid, i)
    keep = sorted((it for it in items if it.nodeid in pos), key=lambda it: pos[it.nodeid])
    drop = [it for it in items if it.nodeid not in pos]
    if drop:
        config.hook.pytest_deselected(items=drop)
    items[:] = keep


def pytest_configure(config):
    if not _DIR:
        return
    try:
        rootdir = str(getattr(config, "rootpath", None) or config.rootdir)
    except Exception:
        rootdir = None
    if _IV is not None and rootdir:
        try:
            _IV.install(rootdir)
        except Exception:
            pass
    _write([_line({
        "ev": "session",
        "pid": os.getpid(),
        "ppid": os.getppid(),
        "role": "worker" if hasattr(config, "workerinput") else "main",
        "worker": _WORKER,
        "python": platform.python_version(),
        "pytest": getattr(pytest, "__version__", ""),
        "rootdir": rootdir,
        "cwd": os.getcwd(),
        "t": monotonic_ns(),
    })])


def _phase(item, when):
    # The window opens after the begin write and closes before the report.
    w = [monotonic_ns(), None, _tid()]
    _windows[(item.nodeid, when)] = w
    return w


@_hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    global _order
    if _IV is not None:
        _IV.test_starts(item.nodeid)
    if _DIR:
        _order += 1
        _write([_BEGIN % (_str(item.nodeid), _order, os.getpid(), _num(_tid()),
                          _WORKER_JSON, monotonic_ns())])
    w = _phase(item, "setup")
    try:
        return (yield)
    finally:
        w[1] = monotonic_ns()


@_hookimpl(tryfirst=True)
def pytest_runtest_call(item):
    w = _phase(item, "call")
    try:
        return (yield)
    finally:
        w[1] = monotonic_ns()


@_hookimpl(tryfirst=True)
def pytest_runtest_teardown(item):
    w = _phase(item, "teardown")
    try:
        return (yield)
    finally:
        w[1] = monotonic_ns()


@pytest.hookimpl(trylast=True)
def pytest_runtest_logreport(report):
    if not _DIR:
        return
    try:
        node = getattr(report, "node", None)  # set by xdist on reports of its workers
        when = report.when
        start = end = tid = None
        if node is not None:
            worker = _str(getattr(getattr(node, "gateway", None), "id", None))
        else:
            worker = _WORKER_JSON
            w = _windows.pop((report.nodeid, when), None)
            if w is not None:
                start, end, tid = w
        line = _PHASE % (_str(report.nodeid), _str(when), _str(report.outcome),
                         _num(getattr(report, "duration", None)),
                         "true" if hasattr(report, "wasxfail") else "false", os.getpid(),
                         "false" if node is None else "true", worker,
                         _num(start), _num(end), _num(tid))
        _held.append(line)
        if when != "call" or node is not None:
            _write(_held)
            del _held[:]
    except Exception:
        pass


def pytest_collectreport(report):
    if not _DIR or not report.failed:
        return
    try:
        _write([_line({"ev": "collect_error", "nodeid": report.nodeid, "pid": os.getpid(),
                       "remote": getattr(report, "node", None) is not None,
                       "t": monotonic_ns()})])
    except Exception:
        pass


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session, exitstatus):
    if not _DIR:
        return
    try:
        lines = list(_held)
        del _held[:]
        lines.append(_line({"ev": "end", "pid": os.getpid(), "exitstatus": int(exitstatus),
                            "collected": getattr(session, "testscollected", None),
                            "failed": getattr(session, "testsfailed", None),
                            "t": monotonic_ns()}))
        _write(lines)
    except Exception:
        pass


if _IV is not None and _IV.kind() in ("snapshot", "restore", "watch", "lines", "stop_at", "lines_under", "stop_in"):
    @_hookimpl(tryfirst=True)
    def pytest_runtest_protocol(item, nextitem):
        kind, spec = _IV.kind(), _IV.spec()
        before = saved = watch = None
        try:
            if kind == "snapshot":
                before = _IV.snapshot()
            elif kind == "restore" and item.nodeid == spec.get("after"):
                saved = _IV.save(spec.get("key", ""))
            elif kind == "watch" and item.nodeid == spec.get("test"):
                watch = _IV.Watch(spec.get("key", ""))
                watch.start()
            elif kind in ("lines", "stop_at") and item.nodeid == spec.get("test"):
                watch = _IV.Lines(item, spec.get("line"))
                watch.start()
            elif kind in ("lines_under", "stop_in") and item.nodeid == spec.get("test"):
                watch = _IV.LinesUnder(item, spec.get("at"), spec.get("file"), spec.get("line"))
                watch.start()
        except Exception:
            pass
        try:
            return (yield)
        finally:
            try:
                if watch is not None:
                    watch.stop()
                if before is not None:
                    _IV.diff(before, _IV.snapshot(), item.nodeid)
                if saved is not None:
                    _IV.restore(saved)
            except Exception:
                pass

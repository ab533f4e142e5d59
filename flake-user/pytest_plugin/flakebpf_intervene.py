"""flakebpf's interventions: one thing changed at one line, in experiment runs only.

flakebpf's plugin imports this module only when ``FLAKEBPF_INTERVENE`` holds a
JSON object; plain (observed) runs never load it. The tests and the code under
test are not changed: the intervention acts from outside, through a line hook
(``sys.monitoring`` on 3.12+, a trace function limited to one file before) or
by wrapping the clock and entropy functions of the standard library.

Kinds (``kind`` key):

Files are relative to pytest's rootdir (or absolute).

- ``delay`` (``file``, ``line``, ``ms``): the thread (or asyncio task's
  thread) that reaches the line sleeps ``ms`` before running it;
- ``waits`` (``file``, ``line``, ``percent``): every sleep, timeout or wait the
  function holding the line asks for (``time.sleep``, ``asyncio.sleep``,
  ``asyncio.wait_for``, ``asyncio.timeout``, ``threading.Event/Condition.wait``, ``Thread.join``,
  ``queue.Queue.get/put``, timed acquires of ``threading.Lock`` objects made after
  the plugin loaded, and so of semaphores, selectors' and ``select.select``'s
  timeouts, ``Popen.wait/communicate``, ``socket.settimeout``) lasts
  ``percent`` % as long;
- ``line_waits`` (``file``, ``line``, ``percent``): the same for the waits
  the line itself asks for only (made on the line, or in a call it makes,
  a few frames deep), not the rest of its function's;
- ``await_waits`` (``file``, ``line``, ``percent``): the same for the waits
  made under the call at the line only (an awaited call and what it calls,
  and the asyncio tasks it starts, and the tasks those start);
- ``clock_edge`` (``file``, ``line``, ``test``): in each execution of ``test``,
  the first wall-clock read made from the function holding the line returns a
  value just before the next whole second (less than a second later); every
  later read of the process keeps the same offset, so the clock stays
  consistent with itself and crosses a second boundary right after that read
  (with ``after``: a value just after the next whole second, so the reads of
  the following second share it);
- ``clock_shift`` (``file``, ``line``, ``ms``): the clock reads made at the
  line (``time.monotonic``, ``perf_counter``, ``time.time`` and their ``_ns``
  forms, called on the line or in a call it makes, a few frames deep) return
  ``ms`` later than they are; every other read keeps the real clock (a
  deadline or an expiry set there then leaves ``ms`` more time);
- ``draws`` (``file``, ``line``, ``seed``): the draws made at that line (or in
  calls made on it, a few frames deep) come from a generator seeded with
  ``seed``: ``random``'s functions and ``Random`` methods, new ``Random()``
  instances' seeds, ``os.urandom`` and so ``uuid4``/``secrets``; and numpy's
  global generator is seeded with ``seed`` each time the line is about to run
  (``np.random.randn(n)`` on it then draws the same values); every other
  draw of the process stays random;
- ``snapshot``: state that a test can leave behind is fingerprinted before
  and after every test (environment, cwd, module globals and class attributes
  of modules under the rootdir, objects reachable from them, files under the
  rootdir); every change is written out with the test that made it;
- ``restore`` (``after``, ``key``): the state named by ``key`` is saved before
  the test ``after`` and put back once that test is over;
- ``watch`` (``test``, ``key``): while ``test`` runs, the state named by
  ``key`` is checked after every line of code under the rootdir; the line
  after which it changed is written out;
- ``in_order`` (``file``, ``line``, ``reverse``): results taken in completion
  order at the line (``asyncio.as_completed``, ``concurrent.futures.as_completed``,
  ``Pool.imap_unordered``) come in the order the work was handed in instead
  (reversed with ``reverse``), each once it is done; a ``wait(...,
  return_when=FIRST_COMPLETED)`` there returns the first (last) piece of work
  handed in, once it is done;
- ``task_order`` (``file``, ``line``, ``reverse``): the asyncio tasks started
  by the call at the line finish in the order they were started (with
  ``reverse``, the opposite): the n-th one's sleeps (``asyncio.sleep``) last
  (n + 1) × 20 ms (reversed: (32 - n) × 20 ms) instead of what they asked;
- ``listing_order`` (``file``, ``line``, ``reverse``): the directory listing
  made at the line (``os.listdir``, ``os.scandir``, ``glob``,
  ``Path.iterdir/glob/rglob``) comes sorted by name (reversed with ``reverse``);
- ``give_back`` (``file``, ``line``, ``release``): just before the line runs,
  the statement at line ``release`` of the same file (what gives a taken slot
  back) is run in the frame about to run it;
- ``rewrite`` (``file``, ``edits``: ``[{line, text, replace, to}]``): each
  edit's ``text`` runs in the frame about to run its line, just before it
  (a candidate fix); with ``replace``, that line is then skipped (it runs
  as ``text`` instead) and the code goes on at line ``to`` (a loop's
  header when the line ends the loop's body; by default the next line);
- ``lines`` (``test``): the lines ``test``'s own function runs are written
  out, in the order each first ran;
- ``stop_at`` (``test``, ``line``): ``test`` is stopped just before its own
  function first runs ``line`` (an exception that ``except Exception`` does
  not catch is raised there); its teardown and the later tests run as usual;
- ``lines_under`` (``test``, ``at``): the lines of code under the rootdir run
  by the calls ``test``'s function makes at its line ``at`` are written out,
  in the order each first ran;
- ``stop_in`` (``test``, ``file``, ``line``): ``test`` is stopped just before
  ``file:line`` first runs while it runs (in any function it calls).

Output: JSON lines in ``$FLAKEBPF_OUTCOMES/intervene-<pid>.jsonl``: ``hit``
(how often the intervention acted), ``changed``, ``culprit``, ``lines``.
"""

import copy
import json
import os
import sys
import threading
import time
import warnings

_SPEC = json.loads(os.environ.get("FLAKEBPF_INTERVENE") or "{}")
_DIR = os.environ.get("FLAKEBPF_OUTCOMES")
_KIND = _SPEC.get("kind")
_lock = threading.Lock()
_hits = 0
_MAX_DELAY_HITS = 50
_MAX_DELAY_S = 3.0
_delayed_s = 0.0


def _emit(obj):
    if not _DIR:
        return
    try:
        with open(os.path.join(_DIR, "intervene-%d.jsonl" % os.getpid()), "a") as f:
            f.write(json.dumps(obj, separators=(",", ":"), default=str) + "\n")
    except Exception:
        pass


_real_path = {}


def _same_file(co_filename, target):
    r = _real_path.get(co_filename)
    if r is None:
        try:
            r = os.path.realpath(co_filename)
        except Exception:
            r = co_filename
        _real_path[co_filename] = r
    return r == target


_lines_of = {}


def _code_lines(code):
    """The set of lines a code object runs (cached)."""
    r = _lines_of.get(code)
    if r is None:
        try:
            r = frozenset(l for (_, _, l) in code.co_lines() if l is not None)
        except AttributeError:  # < 3.10
            import dis
            r = frozenset(l for (_, l) in dis.findlinestarts(code))
        _lines_of[code] = r
    return r


# ------------------------------------------------------------------ line callbacks

def _on_line(target_file, target_line, action):
    """Calls ``action(frame)`` each time a thread is about to run the line."""
    mon = getattr(sys, "monitoring", None)
    if mon is not None:
        tool = None
        for t in (4, 3, 5):
            try:
                mon.use_tool_id(t, "flakebpf")
                tool = t
                break
            except ValueError:
                continue
        if tool is not None:
            E = mon.events

            def on_start(code, offset):
                if _same_file(code.co_filename, target_file) and target_line in _code_lines(code):
                    mon.set_local_events(tool, code, E.LINE)
                return mon.DISABLE

            def on_line(code, line):
                if line != target_line:
                    return mon.DISABLE
                action(sys._getframe(1))

            mon.register_callback(tool, E.PY_START, on_start)
            mon.register_callback(tool, E.LINE, on_line)
            mon.set_events(tool, E.PY_START)
            return

    def local(frame, event, arg):
        if event == "line" and frame.f_lineno == target_line:
            action(frame)
        return local

    def glob(frame, event, arg):
        if event == "call" and _same_file(frame.f_code.co_filename, target_file):
            return local
        return None

    threading.settrace(glob)
    sys.settrace(glob)


def _count_hit():
    global _hits
    with _lock:
        _hits += 1
        first = _hits == 1
    if first:
        _emit({"ev": "hit", "kind": _KIND, "file": _SPEC.get("file"), "line": _SPEC.get("line")})
    return first


def _delay(frame):
    global _delayed_s
    _count_hit()
    s = float(_SPEC.get("ms", 0)) / 1000.0
    with _lock:
        if _hits > _MAX_DELAY_HITS or _delayed_s + s > _MAX_DELAY_S:
            return
        _delayed_s += s
    time.sleep(s)


def _seed_numpy(frame):
    """``draws``, for numpy's global generator (``np.random.randn``...),
    which no wrapper of ``random`` sees: seeded with ``seed`` each time the
    line is about to run, when the process has numpy loaded."""
    np = sys.modules.get("numpy")
    rnd = getattr(np, "random", None)
    if rnd is None or not hasattr(rnd, "seed"):
        return
    try:
        rnd.seed(int(_SPEC.get("seed", 0)) % (2 ** 32))
    except Exception:
        return
    _count_hit()


def _give_back(frame):
    """``give_back``: runs the function's own statement that gives a taken
    slot back (line ``release`` of the same file) in the frame about to
    leave early, so that way out keeps nothing."""
    import linecache
    stmt = linecache.getline(frame.f_code.co_filename, int(_SPEC.get("release", 0))).strip()
    if not stmt:
        return
    try:
        exec(compile(stmt, frame.f_code.co_filename, "exec"), frame.f_globals, frame.f_locals)
    except Exception:
        return
    _count_hit()


def _rewrite_lines(target_file, edits):
    """``rewrite``: a trace function limited to the target file runs each
    edit's ``text`` in the frame about to run its line (the locals it sets
    are written back to the frame once the trace function returns), then,
    with ``replace``, jumps over the line (a trace function may set
    ``f_lineno``) to its ``to`` line (the first line at or after it that
    has code: a ``while True:`` header has none), else the next line below
    it; where Python refuses the jump, the line runs as well."""
    todo = {}
    for e in edits:
        try:
            todo[int(e["line"])] = (compile(str(e.get("text", "")).strip() or "pass", target_file, "exec"), bool(e.get("replace")), e.get("to"))
        except (SyntaxError, KeyError, ValueError):
            return

    def local(frame, event, arg):
        edit = todo.get(frame.f_lineno) if event == "line" else None
        if edit is None:
            return local
        code, replace, to = edit
        after = sorted(l for l in _code_lines(frame.f_code) if (l >= int(to) if to else l > frame.f_lineno))
        if replace and not after:
            return local
        try:
            exec(code, frame.f_globals, frame.f_locals)
        except Exception:
            return local
        if replace:
            try:
                with warnings.catch_warnings():
                    # 3.12 sees the names just set as unbound until the
                    # trace function returns and writes them back
                    warnings.simplefilter("ignore", RuntimeWarning)
                    frame.f_lineno = after[0]
            except ValueError:
                return local
        _count_hit()
        return local

    def glob(frame, event, arg):
        if event == "call" and _same_file(frame.f_code.co_filename, target_file) and not todo.keys().isdisjoint(_code_lines(frame.f_code)):
            return local
        return None

    threading.settrace(glob)
    sys.settrace(glob)


# ------------------------------------------------------------------ waits

def _scaled(v):
    """A duration asked for from the target function (``waits``) or under
    the call at the target line (``await_waits``), scaled (and counted)."""
    if v is None:
        return v
    if _KIND == "await_waits":
        if not (_caller_at_target(8, True) or _in_started_task()):
            return v
    elif _KIND == "line_waits":
        if not _caller_at_target(4, True):
            return v
    elif not _from_target(4):
        return v
    _count_hit()
    return v * float(_SPEC.get("percent", 100)) / 100.0


_started = None  # asyncio tasks started under the target line (await_waits, task_order)
_task_index = None  # their order of start (a task started by one of them: its parent's)
_task_count = 0


def _in_started_task():
    if not _started:
        return False
    try:
        import asyncio
        return asyncio.current_task() in _started
    except RuntimeError:  # no running loop in this thread
        return False


def _install_task_tags():
    """Tasks created under the call at the target line, or by such tasks,
    are remembered: their waits are the call's too."""
    global _started, _task_index
    import asyncio
    import asyncio.base_events as be
    import weakref
    _started = weakref.WeakSet()
    _task_index = weakref.WeakKeyDictionary()
    real_create = be.BaseEventLoop.create_task

    def create_task(self, coro, *a, **kw):
        t = real_create(self, coro, *a, **kw)
        try:
            parent = asyncio.current_task(self)
        except RuntimeError:
            parent = None
        if parent is not None and parent in _started:
            _started.add(t)
            _task_index[t] = _task_index.get(parent, 0)
        elif _caller_at_target(12, True, 2):
            global _task_count
            _started.add(t)
            _task_index[t] = _task_count
            _task_count += 1
        return t

    be.BaseEventLoop.create_task = create_task


_ORDER_STEP = 0.02
_ORDER_SLOTS = 32


def _install_task_order():
    """The tasks started under the target line sleep in their order of start."""
    import asyncio
    import asyncio.tasks as atasks
    _install_task_tags()
    real_asleep = asyncio.sleep

    def asleep(delay, *a, **kw):
        try:
            t = asyncio.current_task()
        except RuntimeError:
            t = None
        if t is not None and _started and t in _started:
            _count_hit()
            n = min(_task_index.get(t, 0), _ORDER_SLOTS - 1)
            delay = (_ORDER_SLOTS - n if _SPEC.get("reverse") else n + 1) * _ORDER_STEP
        return real_asleep(delay, *a, **kw)

    asyncio.sleep = atasks.sleep = asleep


def _install_waits():
    import asyncio
    import queue
    if _KIND == "await_waits":
        _install_task_tags()
    real_sleep = time.sleep

    def sleep(secs):
        return real_sleep(_scaled(secs))

    time.sleep = sleep
    real_asleep = asyncio.sleep

    def asleep(delay, *a, **kw):
        return real_asleep(_scaled(delay), *a, **kw)

    asyncio.sleep = asleep
    real_wait_for = asyncio.wait_for

    def wait_for(fut, timeout, *a, **kw):
        return real_wait_for(fut, _scaled(timeout), *a, **kw)

    asyncio.wait_for = wait_for
    try:
        import asyncio.tasks as _t
        _t.sleep, _t.wait_for = asleep, wait_for
    except Exception:
        pass
    real_timeout = getattr(asyncio, "timeout", None)  # 3.11+
    if real_timeout is not None:
        def timeout(delay):
            return real_timeout(_scaled(delay))

        asyncio.timeout = timeout

    inside = threading.local()

    def wrap_timeout(cls, name, pos):
        real = getattr(cls, name)

        def f(self, *a, **kw):
            if getattr(inside, "on", False):  # Event.wait -> Condition.wait: scale once
                return real(self, *a, **kw)
            a = list(a)
            if "timeout" in kw:
                kw["timeout"] = _scaled(kw["timeout"])
            elif len(a) > pos:
                a[pos] = _scaled(a[pos])
            inside.on = True
            try:
                return real(self, *a, **kw)
            finally:
                inside.on = False

        f.__name__ = real.__name__
        setattr(cls, name, f)

    real_lock = threading.Lock

    class ScaledLock(object):
        """A lock whose timed acquires from the target function are scaled."""
        __slots__ = ("_l",)

        def __init__(self):
            self._l = real_lock()

        def acquire(self, blocking=True, timeout=-1):
            if timeout is not None and timeout > 0:
                timeout = _scaled(timeout)
            return self._l.acquire(blocking, timeout)

        def release(self):
            self._l.release()

        def locked(self):
            return self._l.locked()

        def __enter__(self):
            return self._l.__enter__()

        def __exit__(self, *a):
            return self._l.__exit__(*a)

        def _at_fork_reinit(self):
            self._l._at_fork_reinit()

    threading.Lock = ScaledLock
    # a semaphore's acquire keeps its own end time across the condition
    # waits it makes: its timeout is scaled where it is given
    wrap_timeout(threading.Semaphore, "acquire", 1)
    wrap_timeout(threading.Event, "wait", 0)
    wrap_timeout(threading.Condition, "wait", 0)
    wrap_timeout(threading.Thread, "join", 0)
    wrap_timeout(queue.Queue, "get", 1)
    wrap_timeout(queue.Queue, "put", 2)
    # waits for the outside world: a selector or select() on a pipe or
    # socket, a child process, a socket's own timeout
    import selectors
    import select
    import socket
    import subprocess
    for name in ("SelectSelector", "PollSelector", "EpollSelector", "DevpollSelector", "KqueueSelector"):
        cls = getattr(selectors, name, None)
        if cls is not None and "select" in vars(cls):
            wrap_timeout(cls, "select", 0)
    real_select = select.select

    def select_(r, w, x, timeout=None):
        if not getattr(inside, "on", False):
            timeout = _scaled(timeout)
        return real_select(r, w, x, timeout)

    select.select = select_
    wrap_timeout(subprocess.Popen, "wait", 0)
    wrap_timeout(subprocess.Popen, "communicate", 1)
    wrap_timeout(socket.socket, "settimeout", 0)


# ------------------------------------------------------------------ clock

_offset = None  # seconds added to wall-clock reads once set
_SECOND = 1.0  # the boundary crossed: the next whole second
_LEAD = 20e-6
_AFTER = 1e-3


def _spans(frame, line):
    """Whether the instruction ``frame`` is at belongs to an expression that
    spans ``line`` (a call whose arguments run over several lines is at its
    first line; an argument on a later line is part of it). 3.11+."""
    code = frame.f_code
    pos = _positions.get(code)
    if pos is None:
        try:
            pos = _positions[code] = list(code.co_positions())
        except AttributeError:  # < 3.11: from the source
            pos = _positions[code] = None
    if pos is None:
        return _open_until(code.co_filename, frame.f_lineno, line)
    try:
        first, last = pos[frame.f_lasti // 2][:2]
    except IndexError:
        return False
    return first is not None and last is not None and first <= line <= last


_positions = {}
_open = {}


def _open_until(filename, first, line):
    """Whether the statement on line ``first`` of ``filename`` is still open
    (brackets unclosed) on every line before ``line``."""
    key = (filename, first, line)
    r = _open.get(key)
    if r is None:
        import linecache
        depth = 0
        r = line - first <= 40
        for n in range(first, line):
            text = linecache.getline(filename, n).split("#")[0]
            depth += sum(text.count(c) for c in "([{") - sum(text.count(c) for c in ")]}")
            if depth <= 0:
                r = False
                break
        _open[key] = r
    return r


def _caller_at_target(depth, exact, start=3):
    """Whether the caller of the wrapped function (``sys._getframe(start)``
    from here) or one of its callers, within ``depth`` frames, is at the
    target: on the target line itself (``exact``) or anywhere in the
    function holding it."""
    if not _SPEC.get("ready"):
        return False
    f = sys._getframe(start)
    want = _SPEC["file"]
    line = int(_SPEC["line"])
    while f is not None and depth > 0:
        if exact:
            at = f.f_lineno == line or (f.f_lineno is not None and f.f_lineno < line and _same_file(f.f_code.co_filename, want) and _spans(f, line))
        else:
            at = line in _code_lines(f.f_code)
        if at and _same_file(f.f_code.co_filename, want):
            return True
        f = f.f_back
        depth -= 1
    return False


def _from_target(depth=8):
    """The caller runs in the function holding the target line (or calls it)."""
    return _caller_at_target(depth, False)


def _shift(real):
    """The value a wall-clock read returns (seconds since the epoch)."""
    global _offset
    if _SPEC.get("rearm"):
        if not _from_target():
            return real if _offset is None else real + _offset
        with _lock:
            if _SPEC.pop("rearm", None):
                edge = (real // _SECOND + 1) * _SECOND
                # just before the boundary (the reads that follow cross it),
                # or just after it (those of the next second share it)
                _offset = edge + _AFTER - real if _SPEC.get("after") else edge - _LEAD - real
                _emit({"ev": "hit", "kind": "clock_edge", "file": _SPEC.get("file"), "line": _SPEC.get("line"),
                       "real": real, "shifted": real + _offset})
    return real if _offset is None else real + _offset


def _install_clock():
    import datetime as dt
    real_time, real_time_ns = time.time, time.time_ns
    real_localtime, real_gmtime, real_ctime, real_strftime = time.localtime, time.gmtime, time.ctime, time.strftime

    def t_time():
        return _shift(real_time())

    def t_time_ns():
        r = real_time_ns()
        s = _shift(r / 1e9)
        return r + int(round((s - r / 1e9) * 1e9))

    def t_localtime(secs=None):
        return real_localtime(_shift(real_time()) if secs is None else secs)

    def t_gmtime(secs=None):
        return real_gmtime(_shift(real_time()) if secs is None else secs)

    def t_ctime(secs=None):
        return real_ctime(_shift(real_time()) if secs is None else secs)

    def t_strftime(fmt, t=None):
        return real_strftime(fmt, real_localtime(_shift(real_time())) if t is None else t)

    time.time, time.time_ns = t_time, t_time_ns
    time.localtime, time.gmtime, time.ctime, time.strftime = t_localtime, t_gmtime, t_ctime, t_strftime

    base_dt, base_date = dt.datetime, dt.date

    class datetime(base_dt):
        @classmethod
        def now(cls, tz=None):
            return cls.fromtimestamp(_shift(real_time()), tz)

        @classmethod
        def utcnow(cls):
            return cls.utcfromtimestamp(_shift(real_time()))

        @classmethod
        def today(cls):
            return cls.fromtimestamp(_shift(real_time()))

    class date(base_date):
        @classmethod
        def today(cls):
            return cls.fromtimestamp(_shift(real_time()))

    datetime.__name__, date.__name__ = "datetime", "date"
    datetime.__module__ = date.__module__ = "datetime"
    dt.datetime, dt.date = datetime, date


def _install_clock_shift():
    """Clock reads made at the target line return ``ms`` later."""
    shift = float(_SPEC.get("ms", 0)) / 1000.0

    def wrap(name, ns):
        real = getattr(time, name, None)
        if real is None:
            return

        def f():
            v = real()
            if _at_line():
                _count_hit()
                return v + int(shift * 1e9) if ns else v + shift
            return v

        f.__name__ = name
        setattr(time, name, f)

    for name in ("monotonic", "perf_counter", "time"):
        wrap(name, False)
        wrap(name + "_ns", True)


# ------------------------------------------------------------------ draws

def _at_line(depth=4):
    """The call comes from the target line (directly or through at most
    ``depth`` - 1 calls made on that line)."""
    return _caller_at_target(depth, True)


# A seeding is rare, and often deep inside the call the line makes (a
# simulation's constructor): it is looked for further up the stack.
_SEED_DEPTH = 16

_DRAW_FUNCS = ("random", "uniform", "randint", "randrange", "choice", "choices", "sample", "shuffle",
               "gauss", "normalvariate", "lognormvariate", "triangular", "betavariate", "expovariate",
               "getrandbits", "randbytes")


def _install_draws():
    """Draws made at the target line come from a generator seeded with
    ``seed``; every other draw stays as it was."""
    import random
    global _det
    det = _det = random.Random(int(_SPEC.get("seed", 0)))
    inst = random._inst

    def module_func(name, real):
        def f(*a, **kw):
            if _at_line():
                _count_hit()
                return getattr(det, name)(*a, **kw)
            return real(*a, **kw)
        f.__name__ = name
        return f

    for name in _DRAW_FUNCS:
        real = getattr(random, name, None)
        if real is not None and getattr(real, "__self__", None) is inst:
            setattr(random, name, module_func(name, real))

    def method(name, real):
        def m(self, *a, **kw):
            if self is not det and _at_line():
                _count_hit()
                return real(det, *a, **kw)
            return real(self, *a, **kw)
        m.__name__ = name
        return m

    for name in _DRAW_FUNCS:
        real = getattr(random.Random, name, None)
        if real is not None:
            setattr(random.Random, name, method(name, real))
    real_seed = random.Random.seed

    def seed(self, a=None, version=2):
        if a is None and self is not det and _at_line(_SEED_DEPTH):
            _count_hit()
            a = det.getrandbits(64)
        return real_seed(self, a, version)

    random.Random.seed = seed
    real_module_seed = random.seed

    def module_seed(a=None, version=2):
        # ``random.seed`` is the hidden instance's method, bound before the
        # class was patched: a seeding from entropy under the line is fixed too
        if a is None and _at_line(_SEED_DEPTH):
            _count_hit()
            a = det.getrandbits(64)
        return real_module_seed(a, version)

    random.seed = module_seed
    real_urandom = os.urandom

    def urandom(n):
        if _at_line(5):
            _count_hit()
            return bytes(det.getrandbits(8) for _ in range(n))
        return real_urandom(n)

    os.urandom = urandom
    random._urandom = urandom


# ------------------------------------------------------------------ set-up

# ------------------------------------------------------------------ completion order


def _ordered(items):
    items = list(items)
    if _SPEC.get("reverse"):
        items.reverse()
    return items


class _InOrder:
    """``asyncio.as_completed``'s result, with the awaitables handed out in
    input order (each awaited when it is asked for): a plain and an async
    iterator, as 3.13's is."""

    def __init__(self, futs):
        self._futs = futs

    def __iter__(self):
        return self

    def __next__(self):
        if not self._futs:
            raise StopIteration
        return self._one(self._futs.pop(0))

    @staticmethod
    async def _one(f):
        return await f

    def __aiter__(self):
        return self

    async def __anext__(self):
        import asyncio
        if not self._futs:
            raise StopAsyncIteration
        f = self._futs.pop(0)
        await asyncio.wait([f])
        return f


class _Listed(list):
    """A directory listing handed out in a fixed order; usable where
    ``os.scandir``'s iterator is (``with``, ``close``)."""

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def close(self):
        pass


def _listing_key(entry):
    name = getattr(entry, "name", entry)
    return os.fsdecode(name) if isinstance(name, (bytes, str)) else str(name)


def _install_listing_order():
    """The directory listing made at the target line (``os.listdir``,
    ``os.scandir``, ``glob``, ``Path.iterdir``/``glob``/``rglob``) comes
    sorted by name, or in the reverse order: whether the outcome depends on
    the order the file system lists the directory in."""
    import glob
    import pathlib
    rev = bool(_SPEC.get("reverse"))

    def ordered(items):
        _count_hit()
        return _Listed(sorted(items, key=_listing_key, reverse=rev))

    def wrap(owner, name, generator=False):
        real = getattr(owner, name, None)
        if real is None:
            return

        def f(*a, **kw):
            if not _caller_at_target(2, True, 2):
                return real(*a, **kw)
            out = ordered(list(real(*a, **kw)))
            return iter(out) if generator else out

        f.__name__ = getattr(real, "__name__", name)
        setattr(owner, name, f)

    wrap(os, "listdir")
    wrap(os, "scandir")
    wrap(glob, "glob")
    wrap(glob, "iglob", generator=True)
    for name in ("iterdir", "glob", "rglob"):
        wrap(pathlib.Path, name, generator=True)


def _install_in_order():
    import asyncio
    import asyncio.tasks as atasks
    import concurrent.futures as cf
    import concurrent.futures._base as cfb
    real_async = asyncio.as_completed

    def as_completed(fs, *a, **kw):
        if not _caller_at_target(2, True, 2):
            return real_async(fs, *a, **kw)
        _count_hit()
        loop = kw.get("loop")
        futs = [asyncio.ensure_future(f, loop=loop) if loop else asyncio.ensure_future(f) for f in fs]
        return _InOrder(_ordered(futs))

    asyncio.as_completed = atasks.as_completed = as_completed
    real_cf = cf.as_completed

    def cf_as_completed(fs, timeout=None):
        if not _caller_at_target(2, True, 2):
            return real_cf(fs, timeout)
        _count_hit()
        futs = _ordered(fs)

        def gen():
            for f in futs:
                cf.wait([f], timeout)
                yield f
        return gen()

    cf.as_completed = cfb.as_completed = cf_as_completed
    real_await = asyncio.wait

    async def wait(fs, *a, **kw):
        first = kw.get("return_when", a[1] if len(a) > 1 else None) == asyncio.FIRST_COMPLETED
        if not first or not _caller_at_target(2, True, 2):
            return await real_await(fs, *a, **kw)
        _count_hit()
        futs = [asyncio.ensure_future(f) for f in fs]
        pick = _ordered(futs)[0]
        await real_await([pick])
        return {pick}, set(futs) - {pick}

    asyncio.wait = atasks.wait = wait
    real_cf_wait = cf.wait

    def cf_wait(fs, timeout=None, return_when=cf.ALL_COMPLETED):
        if return_when != cf.FIRST_COMPLETED or not _caller_at_target(2, True, 2):
            return real_cf_wait(fs, timeout, return_when)
        _count_hit()
        futs = list(fs)
        pick = _ordered(futs)[0]
        real_cf_wait([pick], timeout)
        return cfb.DoneAndNotDoneFutures({pick}, set(futs) - {pick})

    cf.wait = cfb.wait = cf_wait
    try:
        import multiprocessing.pool as mpool
        real_unordered = mpool.Pool.imap_unordered

        def imap_unordered(self, func, iterable, chunksize=1):
            if not _caller_at_target(2, True, 2):
                return real_unordered(self, func, iterable, chunksize)
            _count_hit()
            return iter(_ordered(self.imap(func, iterable, chunksize)))
        mpool.Pool.imap_unordered = imap_unordered
    except Exception:
        pass


_early_done = False
_installed = False


def _ours(path):
    """Whether a ``PYTHONPATH`` entry is flakebpf's (the plugin folder or
    its ``child`` folder)."""
    try:
        if os.path.isfile(os.path.join(path, "flakebpf_intervene.py")):
            return True
        return os.path.basename(os.path.normpath(path)) == "child" and os.path.isfile(os.path.join(path, os.pardir, "flakebpf_intervene.py"))
    except Exception:
        return False


def carry_env(env):
    """An environment a process gives its child explicitly (``env=`` of
    ``subprocess``, ``os.execve``) keeps the experiment: flakebpf's
    ``FLAKEBPF_*`` variables and its folders first on ``PYTHONPATH``, so a
    worker started with a rebuilt environment acts on the intervention too.
    Anything else of ``env`` is left as the caller made it."""
    try:
        if env is None or any(not isinstance(k, str) for k in env):
            return env
        ours = {k: v for k, v in os.environ.items() if k.startswith("FLAKEBPF_")}
        paths = [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p and _ours(p)]
        if not ours and not paths:
            return env
        new = dict(env)
        for k, v in ours.items():
            new.setdefault(k, v)
        given = [p for p in (new.get("PYTHONPATH") or "").split(os.pathsep) if p]
        new["PYTHONPATH"] = os.pathsep.join(paths + [p for p in given if p not in paths])
        return new
    except Exception:
        return env


# Popen(args, bufsize, executable, stdin, stdout, stderr, preexec_fn,
# close_fds, shell, cwd, env, ...): env's position, 3.8-3.13
_POPEN_ENV_AT = 10


def _install_carry():
    """Child processes started with an environment of their own keep the
    experiment (see :func:`carry_env`)."""
    import subprocess

    init = subprocess.Popen.__init__
    if getattr(init, "_flakebpf", False):
        return

    def __init__(self, *args, **kwargs):
        if kwargs.get("env") is not None:
            kwargs["env"] = carry_env(kwargs["env"])
        elif len(args) > _POPEN_ENV_AT and args[_POPEN_ENV_AT] is not None:
            args = args[:_POPEN_ENV_AT] + (carry_env(args[_POPEN_ENV_AT]),) + args[_POPEN_ENV_AT + 1:]
        return init(self, *args, **kwargs)

    __init__._flakebpf = True
    subprocess.Popen.__init__ = __init__
    for name in ("execve", "execvpe"):
        real = getattr(os, name, None)
        if real is None or getattr(real, "_flakebpf", False):
            continue

        def wrapper(path, args, env, _real=real):
            return _real(path, args, carry_env(env))

        wrapper._flakebpf = True
        setattr(os, name, wrapper)


def install_early():
    """Wraps the clock and wait functions when the plugin is imported, before
    conftest files and the code under test bind them (``from time import
    time``); they act only once :func:`install` says where. Once per process."""
    global _early_done
    if _early_done:
        return
    _early_done = True
    _install_carry()
    if _KIND == "clock_edge":
        _install_clock()
    elif _KIND in ("waits", "line_waits", "await_waits"):
        _install_waits()
    elif _KIND == "draws":
        _install_draws()
    elif _KIND == "clock_shift":
        _install_clock_shift()
    elif _KIND == "in_order":
        _install_in_order()
    elif _KIND == "listing_order":
        _install_listing_order()
    elif _KIND == "task_order":
        _install_task_order()


def install(rootdir):
    """Resolves the target file (relative to ``rootdir``) and starts the
    line callbacks; the plugin drives the per-test interventions. Once per
    process; the processes this one starts learn the rootdir from
    ``FLAKEBPF_ROOTDIR`` (see :func:`install_child`)."""
    global _installed
    if _installed:
        return
    _installed = True
    os.environ[ROOTDIR_ENV] = str(rootdir)
    set_rootdir(rootdir)
    if "file" in _SPEC:
        _SPEC["file"] = os.path.realpath(os.path.join(_state._ROOT, _SPEC["file"]))
        _SPEC["ready"] = True
    if _KIND == "delay":
        _on_line(_SPEC["file"], int(_SPEC["line"]), _delay)
    elif _KIND == "draws":
        _on_line(_SPEC["file"], int(_SPEC["line"]), _seed_numpy)
    elif _KIND == "give_back":
        _on_line(_SPEC["file"], int(_SPEC["line"]), _give_back)
    elif _KIND == "rewrite":
        _rewrite_lines(_SPEC["file"], _SPEC.get("edits") or [])


ROOTDIR_ENV = "FLAKEBPF_ROOTDIR"


def install_child():
    """In any Python process of an experiment run (``sitecustomize``): the
    wrappers at once, and the line callbacks when the process was started
    by one that knows the rootdir (a worker subprocess, an xdist worker), so
    an intervention at a line of code that runs in a child process acts
    there too."""
    install_early()
    root = os.environ.get(ROOTDIR_ENV)
    if root:
        install(root)


_det = None  # the seeded generator of a draws experiment


def test_starts(nodeid):
    """A clock edge is armed afresh in each execution of the test it is for
    (reads in between keep the offset of the last edge); the draws of a
    draws experiment start again from their seed in each execution, so the
    executions of a repeated test (``--count``) draw alike."""
    if _KIND == "clock_edge" and _SPEC.get("test") in (None, nodeid):
        _SPEC["rearm"] = True
    if _KIND == "draws" and _det is not None:
        _det.seed(int(_SPEC.get("seed", 0)))


def kind():
    return _KIND


def spec():
    return _SPEC


# the state part (order experiments) lives in its own module; these are the
# names the plugin uses from here
import flakebpf_state as _state  # noqa: E402
from flakebpf_state import Lines, LinesUnder, Watch, diff, restore, save, set_rootdir, snapshot  # noqa: E402,F401

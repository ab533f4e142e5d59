"""flakebpf: the state an earlier test can leave for a later one, for the
order experiments of ``flakebpf_intervene`` (its ``snapshot``, ``restore``,
``stop_in`` kinds): fingerprints of the environment, the working directory,
module globals and class attributes of the project's modules (and what
their memoised functions remember), files under the rootdir; a change put
back in place; a piece of state watched line by line; a test stopped
before a line. Loaded by ``flakebpf_intervene``, which re-exports what the
plugin uses.
"""

import copy
import os
import sys

import flakebpf_intervene as _iv

_ROOT = None
_SKIP_DIRS = {"__pycache__", ".git", ".hg", ".tox", ".nox", "node_modules", ".pytest_cache", ".mypy_cache"}
_MAX_FILES = 3000


def set_rootdir(path):
    global _ROOT
    _ROOT = os.path.realpath(str(path))


def _project_modules():
    out = []
    here = os.path.realpath(__file__)
    for name, m in list(sys.modules.items()):
        f = getattr(m, "__file__", None)
        if not f or not _ROOT:
            continue
        try:
            rf = os.path.realpath(f)
        except Exception:
            continue
        if rf == here or os.path.basename(rf).startswith("flakebpf_") or not rf.startswith(_ROOT + os.sep):
            continue
        rel = rf[len(_ROOT) + 1:]
        if "site-packages" in rel or rel.split(os.sep)[0].startswith(".venv"):
            continue
        out.append((name, m))
    return out


def _fp(v, depth=0, seen=None):
    """A fingerprint of a value: equal for equal state, cheap for small state."""
    if seen is None:
        seen = set()
    if isinstance(v, (int, float, str, bytes, bool, type(None), complex)):
        return v
    if isinstance(v, type(sys)):
        return ("mod", id(v))
    if isinstance(v, type):
        return ("cls", id(v))
    if type(v).__name__ in ("function", "builtin_function_or_method", "method", "method-wrapper"):
        return ("id", id(v))
    if id(v) in seen or depth > 4:
        return ("id", id(v))
    seen.add(id(v))
    if isinstance(v, dict):
        return ("d", tuple(sorted(((repr(k), _fp(x, depth + 1, seen)) for k, x in list(v.items())[:2000]), key=repr)))
    if isinstance(v, (list, tuple)):
        return (type(v).__name__, tuple(_fp(x, depth + 1, seen) for x in list(v)[:2000]))
    if isinstance(v, (set, frozenset)):
        return ("s", tuple(sorted((repr(_fp(x, depth + 1, seen)) for x in list(v)[:2000]))))
    d = getattr(v, "__dict__", None)
    if isinstance(d, dict):
        return ("o", type(v).__name__, id(v), _fp(d, depth + 1, seen))
    try:
        return ("r", repr(v)[:200])
    except Exception:
        return ("id", id(v))


def _class_attrs(cls):
    for k, v in list(vars(cls).items()):
        if k.startswith("__") or isinstance(v, (staticmethod, classmethod, property)):
            continue
        if callable(v) and not hasattr(v, "__dict__"):
            continue
        if type(v).__name__ == "function":
            continue
        yield k, v


def _memo_of(mod, attr):
    """The memoised function ``attr`` of module ``mod`` (``Class.method`` for a method)."""
    obj = sys.modules.get(mod)
    for part in attr.split("."):
        obj = (vars(obj).get(part) if isinstance(obj, type) else getattr(obj, part, None)) if obj is not None else None
    return obj


def _is_memo(v):
    """A memoised function (``functools.lru_cache``/``cache``): what it
    remembers is state a test leaves behind (its size is the fingerprint)."""
    return callable(v) and hasattr(v, "cache_info") and hasattr(v, "cache_clear") and hasattr(v, "__wrapped__")


def _state_items():
    """(key, value) of everything a test can leave behind, keys resolvable by :func:`_get`."""
    for k, v in os.environ.items():
        if k in ("PYTEST_CURRENT_TEST",):
            continue
        yield "env:" + k, v
    yield "cwd", os.getcwd()
    for name, m in _project_modules():
        for k, v in list(vars(m).items()):
            if k.startswith("__") or isinstance(v, type(sys)):
                continue
            if isinstance(v, type) and getattr(v, "__module__", None) == name:
                for ak, av in _class_attrs(v):
                    yield "attr:%s:%s:%s" % (name, k, ak), av
                # a memoised method (``@lru_cache`` on ``def get(self)``)
                # remembers across instances and tests alike
                for ak, av in list(vars(v).items()):
                    if _is_memo(av):
                        yield "cache:%s:%s.%s" % (name, k, ak), av.cache_info().currsize
                continue
            if _is_memo(v) and getattr(v, "__module__", None) == name:
                yield "cache:%s:%s" % (name, k), v.cache_info().currsize
                continue
            if isinstance(v, type) or type(v).__name__ == "function" and getattr(v, "__module__", None) == name:
                continue
            yield "global:%s:%s" % (name, k), v


def _files():
    out = {}
    if not _ROOT:
        return out
    n = 0
    mine = os.path.realpath(_iv._DIR) if _iv._DIR else None
    for d, dirs, files in os.walk(_ROOT):
        dirs[:] = [x for x in dirs if x not in _SKIP_DIRS and not x.startswith(".venv") and not x.startswith(".")
                   and os.path.join(d, x) != mine]
        for f in files:
            if f.endswith((".pyc", ".pyo")):
                continue
            p = os.path.join(d, f)
            try:
                st = os.stat(p)
            except OSError:
                continue
            out["file:" + os.path.relpath(p, _ROOT)] = (st.st_size, st.st_mtime_ns)
            n += 1
            if n >= _MAX_FILES:
                return out
    return out


_is_project = {}


def _is_project_file(co_filename):
    """A real file under the rootdir, not an installed package's."""
    r = _is_project.get(co_filename)
    if r is None:
        r = False
        if _ROOT and co_filename and not co_filename.startswith("<"):
            p = os.path.realpath(co_filename)
            r = (p.startswith(_ROOT + os.sep) and os.path.isfile(p)
                 and "site-packages" not in p and not p[len(_ROOT) + 1:].startswith(".venv"))
        _is_project[co_filename] = r
    return r


def _short(v):
    try:
        r = repr(v)
    except Exception:
        r = "<%s>" % type(v).__name__
    return r if len(r) <= 160 else r[:157] + "..."


def snapshot():
    snap = {}
    for k, v in _state_items():
        try:
            snap[k] = (_fp(v), _short(v))
        except Exception:
            continue
    for k, v in _files().items():
        snap[k] = (v, "%d bytes" % v[0])
    return snap


def diff(before, after, nodeid):
    for k in sorted(set(before) | set(after)):
        b, a = before.get(k), after.get(k)
        if b is None or a is None or b[0] != a[0]:
            _iv._emit({"ev": "changed", "test": nodeid, "key": k,
                   "before": None if b is None else b[1], "after": None if a is None else a[1]})


def _resolve(key):
    """(getter, setter) for a state key, or None."""
    kind, _, rest = key.partition(":")
    if kind == "env":
        return (lambda: os.environ.get(rest),
                lambda v: os.environ.__setitem__(rest, v) if v is not None else os.environ.pop(rest, None))
    if kind == "cwd":
        return (os.getcwd, os.chdir)
    if kind == "global":
        mod, _, attr = rest.partition(":")
        m = sys.modules.get(mod)
        if m is None:
            return None
        return (lambda: getattr(m, attr, _MISSING), lambda v: _put(m, attr, v))
    if kind == "attr":
        mod, _, tail = rest.partition(":")
        cls, _, attr = tail.partition(":")
        c = getattr(sys.modules.get(mod), cls, None)
        if c is None:
            return None
        return (lambda: vars(c).get(attr, _MISSING), lambda v: _put(c, attr, v))
    if kind == "cache":
        mod, _, attr = rest.partition(":")
        fn = _memo_of(mod, attr)
        if not _is_memo(fn):
            return None
        # put back: forgotten (what it remembered before is recomputed on demand)
        return (lambda: fn.cache_info().currsize, lambda v: fn.cache_clear())
    if kind == "file":
        p = os.path.join(_ROOT or ".", rest)

        def get():
            try:
                with open(p, "rb") as f:
                    return f.read(1 << 20)
            except OSError:
                return _MISSING

        def put(v):
            if v is _MISSING:
                try:
                    os.unlink(p)
                except OSError:
                    pass
            else:
                with open(p, "wb") as f:
                    f.write(v)
        return (get, put)
    return None


class _Missing(object):
    def __repr__(self):
        return "<missing>"


_MISSING = _Missing()


def _put(owner, attr, saved):
    """Puts ``saved`` back, in place where the object is shared by reference."""
    if saved is _MISSING:
        try:
            delattr(owner, attr)
        except Exception:
            pass
        return
    saved_obj, orig = saved
    cur = getattr(owner, attr, _MISSING)
    if cur is orig and cur is not _MISSING and saved_obj is not orig:
        try:
            if isinstance(cur, dict):
                cur.clear()
                cur.update(saved_obj)
                return
            if isinstance(cur, list):
                cur[:] = saved_obj
                return
            if isinstance(cur, set):
                cur.clear()
                cur.update(saved_obj)
                return
            if hasattr(cur, "__dict__") and not isinstance(cur, type):
                cur.__dict__.clear()
                cur.__dict__.update(saved_obj.__dict__)
                return
        except Exception:
            pass
    setattr(owner, attr, orig if saved_obj is orig else saved_obj)


def save(key):
    r = _resolve(key)
    if r is None:
        return None
    v = r[0]()
    if key.startswith(("global:", "attr:")):
        if v is _MISSING:
            return (r, _MISSING)
        try:
            c = copy.deepcopy(v)
        except Exception:
            c = v
        return (r, (c, v))
    return (r, v)


def restore(saved):
    if saved is None:
        return
    (get, put), v = saved
    try:
        put(v)
        _iv._emit({"ev": "hit", "kind": "restore", "key": _iv._SPEC.get("key")})
    except Exception as e:
        _iv._emit({"ev": "restore_failed", "key": _iv._SPEC.get("key"), "error": repr(e)})


def _only_adds(a, b):
    """Whether fingerprint ``b`` is ``a`` with things added and nothing
    changed or taken away (an attribute or key that was not there before,
    an object where there was None)."""
    if a == b or a is None:
        return True
    if not (isinstance(a, tuple) and isinstance(b, tuple) and a and b and a[0] == b[0]):
        return False
    if a[0] == "d":
        new = dict(b[1])
        return all(k in new and _only_adds(v, new[k]) for k, v in a[1])
    if a[0] == "o":
        return a[1:3] == b[1:3] and _only_adds(a[3], b[3])
    return False


def _test_line(frame):
    """The line the running test function is at (the outermost frame of a
    file under the rootdir whose function is a test), seen from ``frame``."""
    found = None
    while frame is not None:
        c = frame.f_code
        if c.co_name.startswith("test") and _is_project_file(c.co_filename):
            found = frame.f_lineno
        frame = frame.f_back
    return found


class Watch(object):
    """Finds the line after which the state named by ``key`` changed (and,
    when that change made it from nothing or only added to it, the line of
    the next change), with the line the test function was at each time."""

    def __init__(self, key):
        self.key = key
        self.res = _resolve(key)
        self.last = None
        # the last line of each frame still running: a change seen at a
        # frame's next event was made by its previous line, even when that
        # line's calls ran other lines after it (``_x = build()``)
        self.last_in = {}
        self.fp, self.empty = self._now()
        self.found = False
        self.reported = 0

    def _now(self):
        """(fingerprint, whether there is nothing there: None or missing)."""
        try:
            v = self.res[0]() if self.res else None
        except Exception:
            return None, True
        return _fp(v), v is None or v is _MISSING

    def _check(self, frame, event):
        fp, empty = self._now()
        where = self.last_in.get(id(frame), self.last) if frame is not None else self.last
        if fp != self.fp and where is not None and not self.found:
            f, line, fn = where
            ev = {"ev": "culprit", "key": self.key, "file": f, "line": line, "function": fn}
            at = _test_line(frame)
            if at is not None:
                ev["test_line"] = at
            _iv._emit(ev)
            # a state made where there was none (a singleton created on
            # first use, its instance added to the object that makes it) is
            # what a fresh start makes too: the change after it, if any, is
            # reported as well
            self.reported += 1
            self.found = self.reported > 1 or not (self.empty or _only_adds(self.fp, fp))
        self.fp, self.empty = fp, empty
        if event == "line":
            c = frame.f_code
            self.last = (c.co_filename, frame.f_lineno, getattr(c, "co_qualname", c.co_name))
            self.last_in[id(frame)] = self.last
        elif event == "return":
            self.last_in.pop(id(frame), None)

    def start(self):
        if self.key.startswith("cache:") and self.res is not None:
            # what to change is the memoisation itself: where the function is defined
            mod, _, attr = self.key[len("cache:"):].partition(":")
            fn = _memo_of(mod, attr)
            code = getattr(getattr(fn, "__wrapped__", None), "__code__", None)
            if code is not None:
                _iv._emit({"ev": "culprit", "key": self.key, "file": code.co_filename, "line": code.co_firstlineno,
                       "function": getattr(code, "co_qualname", code.co_name)})
                self.found = True
                return

        def local(frame, event, arg):
            if event in ("line", "return"):
                self._check(frame, event)
            return local

        def glob(frame, event, arg):
            if event != "call" or not _ROOT:
                return None
            if _is_project_file(frame.f_code.co_filename) and "flakebpf_" not in frame.f_code.co_filename:
                return local
            return None

        sys.settrace(glob)

    def stop(self):
        sys.settrace(None)
        self._check(None, "end")


class Stopped(BaseException):
    """Raised in a test stopped by ``stop_at`` (a BaseException, so the
    test's own ``except Exception`` does not swallow it)."""


def _test_code(item):
    fn = getattr(item, "obj", None)
    fn = getattr(fn, "__func__", fn)
    try:
        import inspect
        fn = inspect.unwrap(fn)
    except Exception:
        pass
    return getattr(fn, "__code__", None)


class Lines(object):
    """Follows one test's own function line by line: writes down the lines
    it runs (``lines``) or stops it before one of them (``stop_at``)."""

    def __init__(self, item, stop=None):
        self.nodeid = item.nodeid
        self.code = _test_code(item)
        self.stop_line = stop
        self.seen = []
        self._set = set()
        self.stopped = False

    def start(self):
        code = self.code
        if code is None:
            return

        def local(frame, event, arg):
            if event == "line":
                ln = frame.f_lineno
                if ln == self.stop_line and not self.stopped:
                    self.stopped = True
                    _iv._count_hit()
                    raise Stopped("flakebpf stopped this test before line %d (an experiment)" % ln)
                if ln not in self._set:
                    self._set.add(ln)
                    self.seen.append(ln)
            return local

        def glob(frame, event, arg):
            if event == "call" and frame.f_code is code:
                return local
            return None

        sys.settrace(glob)

    def stop(self):
        sys.settrace(None)
        if self.stop_line is None and self.code is not None:
            _iv._emit({"ev": "lines", "test": self.nodeid, "file": self.code.co_filename,
                   "first": self.code.co_firstlineno, "lines": self.seen})


class LinesUnder(object):
    """Follows the code one line of a test's function runs: writes down
    the project lines it runs (``lines_under``), or stops the test before
    one of them (``stop_in``)."""

    def __init__(self, item, at=None, stop_file=None, stop_line=None):
        self.nodeid = item.nodeid
        self.code = _test_code(item)
        self.at = at
        self.target = (os.path.realpath(os.path.join(_ROOT or "", stop_file)), int(stop_line)) if stop_file else None
        # stop_in, and lines_under at 0, watch the whole test, set-up included
        self.inside = not at
        self.seen = []
        self._set = set()
        self.stopped = False

    def _line(self, frame):
        c = frame.f_code
        if self.target is not None:
            if not self.stopped and frame.f_lineno == self.target[1] and _iv._same_file(c.co_filename, self.target[0]):
                self.stopped = True
                _iv._count_hit()
                raise Stopped("flakebpf stopped this test before %s:%d (an experiment)" % self.target)
            return
        key = (c.co_filename, frame.f_lineno)
        if key not in self._set:
            self._set.add(key)
            self.seen.append(key)

    def start(self):
        code = self.code
        if code is None:
            return

        def in_test(frame, event, arg):
            if event == "line" and self.at:
                self.inside = frame.f_lineno == self.at
            return in_test

        def in_callee(frame, event, arg):
            if event == "line" and self.inside:
                self._line(frame)
            return in_callee

        def glob(frame, event, arg):
            if event != "call":
                return None
            if frame.f_code is code:
                return in_test
            if self.inside and _is_project_file(frame.f_code.co_filename) and "flakebpf_" not in frame.f_code.co_filename:
                return in_callee
            return None

        sys.settrace(glob)

    def stop(self):
        sys.settrace(None)
        if self.target is None and self.code is not None:
            _iv._emit({"ev": "lines_under", "test": self.nodeid, "at": self.at, "lines": self.seen})

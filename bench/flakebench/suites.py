"""The generated pytest suites the figures run (written into the scratch
folder): CPU-bound, syscall/thread-heavy, asyncio, a ~0.5 s mixed suite,
a suite whose first test stamps the time it starts, and a flaky suite
making a chosen number of traced events per run; plus the runner that
times pytest processes from the inside of a traced tree."""
import os
import textwrap

PYTEST_INI = "[pytest]\nasyncio_default_fixture_loop_scope = function\n"

CPU = '''
def work(n):
    total = 0
    for i in range(n):
        total += (i * i) % 7
    return total

''' + "".join("def test_cpu_%d():\n    assert work(40000) >= 0\n\n" % i for i in range(200))

# Threads handing a lock and a condition back and forth, reading clocks,
# and file and socket syscalls: what the tracer reports most.
SYSCALL_THREADS = '''
import os, socket, threading, time

def handoffs(rounds):
    cond = threading.Condition()
    state = {"turn": 0, "reads": 0}
    def player(me):
        for _ in range(rounds):
            with cond:
                while state["turn"] != me:
                    cond.wait()
                state["reads"] += time.monotonic() > 0
                time.time()
                state["turn"] = 1 - me
                cond.notify_all()
    ts = [threading.Thread(target=player, args=(k,)) for k in (0, 1)]
    for t in ts: t.start()
    for t in ts: t.join()
    return state["reads"]

def io_roundtrip(tmp_path, i):
    p = tmp_path / ("f%d.txt" % i)
    for k in range(10):
        p.write_text("x" * 512)
        assert p.read_text()
        os.stat(p)
    a, b = socket.socketpair()
    for k in range(10):
        a.sendall(b"y" * 256)
        b.recv(4096)
    a.close(); b.close()

''' + "".join("def test_io_%d(tmp_path):\n    io_roundtrip(tmp_path, %d)\n    assert handoffs(40) == 80\n\n" % (i, i) for i in range(60))

ASYNCIO = '''
import asyncio, time
import pytest

async def producer(q, n):
    for i in range(n):
        await q.put(i)
        await asyncio.sleep(0)
    await q.put(None)

async def consumer(q):
    total = 0
    while (item := await q.get()) is not None:
        total += item
        time.monotonic()
    return total

async def echo(reader, writer):
    while data := await reader.read(256):
        writer.write(data)
        await writer.drain()
    writer.close()

async def pipeline(n):
    q = asyncio.Queue(maxsize=4)
    _, total = await asyncio.gather(producer(q, n), consumer(q))
    server = await asyncio.start_server(echo, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    for _ in range(10):
        writer.write(b"z" * 64)
        await writer.drain()
        await reader.readexactly(64)
    writer.close()
    await writer.wait_closed()
    server.close()
    await server.wait_closed()
    return total

''' + "".join("@pytest.mark.asyncio\nasync def test_async_%d():\n    assert await pipeline(300) == 44850\n\n" % i for i in range(60))

# A small everyday suite: some computing, files, a thread, short sleeps.
MIXED = '''
import json, os, threading, time

def test_json(tmp_path):
    p = tmp_path / "d.json"
    p.write_text(json.dumps({"k": list(range(2000))}))
    assert len(json.loads(p.read_text())["k"]) == 2000

def test_compute():
    assert sum(i * i for i in range(150000)) > 0

def test_thread():
    out = []
    t = threading.Thread(target=lambda: out.append(time.monotonic()))
    t.start(); t.join()
    assert out

def test_sleepy():
    time.sleep(0.02)

''' + "".join("def test_small_%d():\n    assert sorted(range(%d, 0, -1))[0] == 1\n\n" % (i, 500 + i) for i in range(40))

FIRST_TEST = '''
import os, time

def test_first():
    # The moment the first test starts (CLOCK_MONOTONIC, as the bench reads it).
    with open(os.environ["FLAKEBENCH_MARK"], "w") as f:
        f.write(str(time.clock_gettime_ns(time.CLOCK_MONOTONIC)))

def test_second():
    assert True
'''

# One flaky test (fails in ~40 % of runs, so that `analyze` compares
# passing and failing runs) making about `events` traced events: two
# threads taking turns at a lock to read two clocks, each with a file syscall.
EVENTFUL = '''
import os, random, threading, time

EVENTS = {events}

def churn(n):
    lock = threading.Lock()
    def worker():
        for _ in range(n // 6):
            with lock:
                time.monotonic()
                time.time()
            os.stat(".")
    ts = [threading.Thread(target=worker) for _ in range(2)]
    for t in ts: t.start()
    for t in ts: t.join()

def test_eventful():
    churn(EVENTS)
    assert random.random() > 0.4

def test_steady():
    assert True
'''

RUNNER = '''
import subprocess, sys, time
suite, repeat = sys.argv[1], int(sys.argv[2])
for _ in range(repeat):
    t0 = time.perf_counter()
    r = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", suite],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    print("%.6f %d" % (time.perf_counter() - t0, r.returncode), flush=True)
'''


def write_suite(root, name, source, filename="test_suite.py"):
    """Writes a one-file suite into root/name; returns its folder."""
    d = os.path.join(root, name)
    os.makedirs(os.path.join(d, "tests"), exist_ok=True)
    with open(os.path.join(d, "pytest.ini"), "w") as f:
        f.write(PYTEST_INI)
    with open(os.path.join(d, "tests", filename), "w") as f:
        f.write(textwrap.dedent(source))
    return d


def write_runner(root):
    os.makedirs(root, exist_ok=True)
    p = os.path.join(root, "runner.py")
    with open(p, "w") as f:
        f.write(RUNNER)
    return p


def eventful(events):
    return EVENTFUL.format(events=events)


def pytest_cmd(python):
    """How every suite is run, in its folder."""
    return [python, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests"]

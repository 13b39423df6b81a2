"""The code sandbox: hostile completions neither hang the evaluation nor escape it.

Each escape attempt is checked from outside (a loopback listener that must see no connection, a
marker file that must not appear, a wall clock that must stay bounded), not by trusting the exit code.
"""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time

import pytest

from training.sandbox import GUARD, Limits, _preexec, isolation_layers, run_program

FAST = Limits(wall_s=3, cpu_s=3)


@pytest.fixture
def listener():
    """A TCP server on 127.0.0.1 that records every connection it accepts."""
    srv = socket.socket()
    srv.bind(("127.0.0.1", 0))
    srv.listen()
    srv.settimeout(0.2)
    hits: list[tuple] = []
    stop = threading.Event()

    def serve():
        while not stop.is_set():
            try:
                conn, addr = srv.accept()
                hits.append(addr)
                conn.close()
            except OSError:
                continue

    t = threading.Thread(target=serve, daemon=True)
    t.start()
    yield srv.getsockname()[1], hits
    stop.set()
    t.join()
    srv.close()


def test_correct_program_passes_and_can_use_its_folder():
    r = run_program("import math\nopen('scratch.txt', 'w').write('ok')\nassert math.gcd(12, 18) == 6\n"
                    "print(open('scratch.txt').read())", FAST)
    assert r.passed and r.stdout.strip() == "ok"


def test_failing_assertion_fails():
    r = run_program("assert sum([1, 2]) == 4", FAST)
    assert r.status == "failed" and "AssertionError" in r.stderr


@pytest.mark.parametrize("source", ["while True:\n    pass", "import time\ntime.sleep(120)"])
def test_infinite_loop_and_sleep_are_killed_on_time(source):
    start = time.monotonic()
    r = run_program(source, FAST)
    assert r.status == "timeout" and time.monotonic() - start < FAST.wall_s + 3


def test_writes_outside_the_sandbox_do_not_happen(tmp_path):
    os.chmod(tmp_path, 0o777)               # even a folder anyone may write to stays untouched
    marker = tmp_path / "escaped.txt"
    attempts = [f"open({str(marker)!r}, 'w').write('x')",
                f"import os\nfd = os.open({str(marker)!r}, os.O_CREAT | os.O_WRONLY)\nos.write(fd, b'x')",
                f"import pathlib\npathlib.Path({str(marker)!r}).write_text('x')",
                f"import shutil\nopen('a', 'w').write('x')\nshutil.copy('a', {str(marker)!r})",
                f"import os\nopen('a', 'w').write('x')\nos.rename('a', {str(marker)!r})"]
    for source in attempts:
        r = run_program(source, FAST)
        assert r.status == "failed", source
        assert not marker.exists(), f"escaped with: {source}"


def test_fork_and_subprocesses_are_refused():
    for source in ["import os\npid = os.fork()\nprint('forked', pid)",
                   "import subprocess\nsubprocess.run(['sleep', '60'])\nprint('forked')",
                   "import os\nos.system('sleep 60')\nprint('forked')",
                   "import multiprocessing as m\np = m.Process(target=print)\np.start()\nprint('forked')",
                   "import ctypes\nctypes.CDLL(None).fork()\nprint('forked')",
                   "import os\nwhile True:\n    os.fork()"]:
        start = time.monotonic()
        r = run_program(source, FAST)
        assert r.status == "failed" and "forked" not in r.stdout, source
        assert time.monotonic() - start < FAST.wall_s


def test_sockets_reach_nothing(listener):
    port, hits = listener
    r = run_program(f"import socket\ns = socket.create_connection(('127.0.0.1', {port}), timeout=2)\n"
                    "print('connected')", FAST)
    time.sleep(0.3)
    assert r.status == "failed" and "connected" not in r.stdout and hits == []


def test_audit_hook_alone_blocks_escapes(listener, tmp_path):
    """The portable layer, without namespaces or a privilege drop (how it runs where those are missing)."""
    port, hits = listener
    marker = tmp_path / "escaped.txt"
    work = tmp_path / "work"
    work.mkdir()
    for source in [f"import socket\nsocket.create_connection(('127.0.0.1', {port}), timeout=2)",
                   f"open({str(marker)!r}, 'w').write('x')", "import os\nos.fork()",
                   "import subprocess\nsubprocess.run(['true'])"]:
        (work / "p.py").write_text(source)
        r = subprocess.run([sys.executable, "-I", "-B", str(GUARD), str(work), str(work / "p.py")],
                           capture_output=True, text=True, timeout=20, cwd=work)
        assert r.returncode != 0 and "sandbox:" in r.stderr, (source, r.stderr)
    time.sleep(0.3)
    assert hits == [] and not marker.exists()


@pytest.mark.skipif(not isolation_layers()["network_namespace"], reason="kernel refuses network namespaces here")
def test_network_namespace_alone_blocks_loopback(listener):
    """The kernel layer, without the audit hook: a plain interpreter in the namespace reaches nothing."""
    port, hits = listener
    code = f"import socket\ntry:\n    socket.create_connection(('127.0.0.1', {port}), timeout=2)\n" \
           "    print('connected')\nexcept OSError as e:\n    print('refused', e)"
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=20,
                       preexec_fn=_preexec(FAST, True))
    time.sleep(0.3)
    assert "refused" in r.stdout and hits == []


def test_memory_is_limited():
    r = run_program("x = bytearray(4 * 1024 ** 3)\nprint('allocated')", Limits(wall_s=5, memory_bytes=512 << 20))
    assert r.status == "failed" and "allocated" not in r.stdout and "MemoryError" in r.stderr


def test_isolation_is_reported():
    layers = run_program("pass", FAST).isolation
    assert layers["audit_hook"] and layers["rlimits"] and layers["process_group_kill"]
    assert layers["drop_to_nobody"] == (os.geteuid() == 0)   # root in CI and here: the drop must happen

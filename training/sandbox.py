"""Running model-written code (HumanEval completions) without letting it hang or escape the evaluation.

Each program runs in its own Python process, in a fresh temporary folder that is deleted afterwards,
under layered limits. Layers, and what each one honestly does:

1. Process: a new session (own process group), killed as a group with SIGKILL at the wall-clock
   timeout, so an infinite loop or a sleeping child never hangs the caller.
2. Kernel resource limits (setrlimit, inherited and irreversible for an unprivileged process):
   CPU seconds, address space (memory), maximum file size written, open files, no core dumps, and a
   process count (RLIMIT_NPROC, effective because of layer 3).
3. Privileges: when the evaluator runs as root (CI containers do), the child drops to the `nobody`
   user (in the guard, after the interpreter and common standard modules loaded, before compiling
   the program), so file permissions forbid writing almost anywhere except world-writable temp
   folders, and RLIMIT_NPROC applies; the sandbox folder is handed to `nobody`.
4. Network: the child enters a new, empty network namespace (`unshare(CLONE_NEWNET)`, with a user
   namespace when not root) - no interface but a down loopback, so no connection can leave, not even
   to 127.0.0.1 of the host. Where the kernel refuses namespaces, this layer is reported as missing
   and only layer 5 blocks sockets.
5. Python audit hook (PEP 578), installed before the program is compiled: refuses socket creation,
   process creation (fork, exec, spawn, subprocess, os.system), `ctypes`/`_posixsubprocess` imports
   (the usual ways around the hook), and opening for writing, renaming, removing or creating anything
   outside the sandbox folder. An audit hook is not a security boundary against native code; it is
   the portable first line, and layers 1-4 are the kernel-enforced backstop.

`run_program` reports which layers were in force (`Execution.isolation`), so a result never claims
more isolation than it had.
"""
from __future__ import annotations

import ctypes
import os
import pwd
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

GUARD = Path(__file__).with_name("sandbox_guard.py")
CLONE_NEWUSER = 0x10000000
CLONE_NEWNET = 0x40000000


@dataclass(frozen=True)
class Limits:
    wall_s: float = 10.0
    cpu_s: int = 10
    memory_bytes: int = 1 << 30
    file_bytes: int = 1 << 20
    open_files: int = 64
    processes: int = 32


@dataclass
class Execution:
    status: str                   # passed | failed | timeout
    returncode: int | None
    stdout: str
    stderr: str
    wall_s: float
    isolation: dict[str, bool] = field(default_factory=dict)

    @property
    def passed(self) -> bool:
        return self.status == "passed"


def _probe_netns() -> bool:
    """Whether this kernel lets a child enter a new network namespace (checked once, in a fork)."""
    pid = os.fork()
    if pid == 0:
        libc = ctypes.CDLL(None, use_errno=True)
        flags = CLONE_NEWNET if os.geteuid() == 0 else CLONE_NEWUSER | CLONE_NEWNET
        os._exit(0 if libc.unshare(flags) == 0 else 1)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status) == 0


_NETNS: bool | None = None


def _has_nobody() -> bool:
    try:
        pwd.getpwnam("nobody")
        return True
    except KeyError:
        return False


def isolation_layers() -> dict[str, bool]:
    global _NETNS
    if _NETNS is None:
        _NETNS = _probe_netns()
    return {"process_group_kill": True, "rlimits": True, "drop_to_nobody": os.geteuid() == 0 and _has_nobody(),
            "network_namespace": _NETNS, "audit_hook": True}


def _preexec(limits: Limits, netns: bool):
    def setup() -> None:   # runs in the child between fork and exec
        if netns:
            libc = ctypes.CDLL(None, use_errno=True)
            flags = CLONE_NEWNET if os.geteuid() == 0 else CLONE_NEWUSER | CLONE_NEWNET
            if libc.unshare(flags) != 0:
                os._exit(121)       # never run without the isolation we reported
        for res, value in ((resource.RLIMIT_CPU, limits.cpu_s), (resource.RLIMIT_AS, limits.memory_bytes),
                           (resource.RLIMIT_FSIZE, limits.file_bytes), (resource.RLIMIT_NOFILE, limits.open_files),
                           (resource.RLIMIT_CORE, 0), (resource.RLIMIT_NPROC, limits.processes)):
            resource.setrlimit(res, (value, value))
    return setup


def run_program(source: str, limits: Limits = Limits(), preload: tuple[str, ...] = ()) -> Execution:
    """Run `source` as a Python program in the sandbox; passed means exit status 0.

    `preload` names standard modules to import before the drop to `nobody`, beyond the guard's own
    list: once privileges are dropped, modules of an interpreter installed under an unreadable prefix (e.g. in
    root's home folder) cannot be imported any more."""
    layers = isolation_layers()
    workdir = Path(tempfile.mkdtemp(prefix="arena-sbx-"))
    uid = gid = None
    try:
        if layers["drop_to_nobody"]:
            nobody = pwd.getpwnam("nobody")
            uid, gid = nobody.pw_uid, nobody.pw_gid
            os.chown(workdir, uid, gid)
        program = workdir / "program.py"
        program.write_text(source)
        if uid is not None:
            os.chown(program, uid, gid)
        env = {"PATH": "/usr/bin:/bin", "HOME": str(workdir), "TMPDIR": str(workdir), "LANG": "C.UTF-8",
               "PYTHONDONTWRITEBYTECODE": "1"}
        if preload:
            env["ARENA_SANDBOX_PRELOAD"] = ",".join(preload)
        start = time.monotonic()
        proc = subprocess.Popen(
            [sys.executable, "-I", "-B", str(GUARD), str(workdir), str(program)]
            + ([f"{uid}:{gid}"] if uid is not None else []), cwd=workdir, env=env,
            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True,
            preexec_fn=_preexec(limits, layers["network_namespace"]))
        try:
            out, err = proc.communicate(timeout=limits.wall_s)
            # killed by RLIMIT_CPU (SIGXCPU, or SIGKILL at the hard limit): it ran out of time too
            cpu_out = proc.returncode in (-signal.SIGXCPU, -signal.SIGKILL)
            status = "passed" if proc.returncode == 0 else "timeout" if cpu_out else "failed"
        except subprocess.TimeoutExpired:
            out, err = b"", b""
            status = "timeout"
        finally:
            try:
                os.killpg(proc.pid, signal.SIGKILL)     # the program and anything it left behind
            except ProcessLookupError:
                pass
        if status == "timeout":
            try:
                out, err = proc.communicate(timeout=2)
            except subprocess.TimeoutExpired:             # something outside the group holds the pipes
                proc.kill()
                for pipe in (proc.stdout, proc.stderr):
                    pipe.close()
                proc.wait()
        return Execution(status=status, returncode=proc.returncode,
                         stdout=out.decode(errors="replace")[-2000:], stderr=err.decode(errors="replace")[-2000:],
                         wall_s=round(time.monotonic() - start, 3), isolation=layers)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)

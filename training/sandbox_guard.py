"""Runs inside the sandbox process: installs the audit hook, then executes the untrusted program.

Invoked as `python -I -B sandbox_guard.py <workdir> <program.py> [<uid>:<gid>]` by `training.sandbox`
(which has already applied the kernel-level limits). With a uid, the process drops to it here, after
the interpreter and the standard modules that programs commonly import are loaded (the interpreter
may live where that user cannot read, e.g. under /root). Kept free of project imports so it starts
fast and so the program cannot reach the evaluator's modules through it.
"""
import os
import sys

WORKDIR = os.path.realpath(sys.argv[1])
PROGRAM = sys.argv[2]
DROP_TO = sys.argv[3] if len(sys.argv) > 3 else None
# loaded before dropping privileges: what HumanEval-style programs and their tests import
PRELOAD = ("math", "cmath", "re", "string", "itertools", "functools", "collections", "collections.abc",
           "heapq", "bisect", "typing", "fractions", "decimal", "statistics", "random", "hashlib", "copy",
           "operator", "datetime", "json", "array", "numbers", "unicodedata", "textwrap", "time", "sys",
           "traceback", "linecache", "tokenize", "dataclasses", "enum", "types", "struct", "binascii",
           "base64", "io", "abc", "contextlib", "warnings", "weakref", "keyword", "codecs", "encodings.idna")

_BLOCKED_EVENTS = {
    "socket.__new__", "socket.connect", "socket.bind", "socket.sendto", "socket.getaddrinfo",
    "os.fork", "os.forkpty", "os.exec", "os.posix_spawn", "os.spawn", "os.system", "subprocess.Popen",
    "os.kill", "os.killpg", "pty.spawn", "ctypes.dlopen", "ctypes.dlsym",
}
_BLOCKED_IMPORTS = {"ctypes", "_ctypes", "_posixsubprocess", "_xxsubinterpreters", "_interpreters"}
_PATH_EVENTS = {"os.remove", "os.rmdir", "os.mkdir", "os.chmod", "os.chown", "os.link", "os.symlink",
                "os.truncate", "os.utime", "shutil.rmtree", "os.rename", "os.chflags", "os.lchflags"}
_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC


def _inside(path) -> bool:
    if isinstance(path, int):
        return True                      # an already-open descriptor was checked when opened
    if isinstance(path, bytes):
        path = os.fsdecode(path)
    real = os.path.realpath(os.path.join(WORKDIR, os.fspath(path)))
    return real == WORKDIR or real.startswith(WORKDIR + os.sep) or real == "/dev/null"


def _hook(event, args):
    if event in _BLOCKED_EVENTS:
        raise PermissionError(f"sandbox: {event} is not allowed")
    if event == "import" and args[0].split(".")[0] in _BLOCKED_IMPORTS:
        raise ImportError(f"sandbox: importing {args[0]} is not allowed")
    if event == "open":
        path, mode, flags = args
        writing = (isinstance(mode, str) and any(c in mode for c in "wax+")) or bool((flags or 0) & _WRITE_FLAGS)
        if writing and path is not None and not _inside(path):
            raise PermissionError(f"sandbox: writing {path!r} outside the sandbox folder is not allowed")
    elif event in _PATH_EVENTS:
        targets = [a for a in args[:2] if isinstance(a, (str, bytes, os.PathLike))]
        for target in targets:
            if not _inside(target):
                raise PermissionError(f"sandbox: {event} on {target!r} outside the sandbox folder is not allowed")


def main() -> None:
    import importlib

    # the caller's extra modules (training.sandbox.run_program's `preload`), taken out of the
    # environment the program sees
    extra = tuple(m for m in os.environ.pop("ARENA_SANDBOX_PRELOAD", "").split(",") if m)
    for name in PRELOAD + extra:
        try:
            importlib.import_module(name)
        except ImportError:
            pass
    with open(PROGRAM) as fh:
        source = fh.read()
    code = compile(source, "program.py", "exec")
    if DROP_TO:
        uid, gid = (int(x) for x in DROP_TO.split(":"))
        os.setgroups([])
        os.setgid(gid)
        os.setuid(uid)
        if os.getuid() != uid or os.geteuid() != uid:
            raise SystemExit("sandbox: could not drop privileges")
    sys.addaudithook(_hook)
    sys.argv = ["program.py"]
    exec(code, {"__name__": "__main__", "__builtins__": __builtins__})


if __name__ == "__main__":
    main()

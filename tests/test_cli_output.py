"""The main command's own lines stay on the terminal while what libraries print goes to a log."""
import os
import subprocess
import sys


def test_library_output_goes_to_the_job_log(tmp_path, capfd, monkeypatch):
    from arena_cli.runs import library_output_to

    monkeypatch.delenv("ARENA_VERBOSE", raising=False)
    log = tmp_path / "logs" / "job.log"
    with library_output_to(log):
        print("python print")
        os.write(2, b"raw stderr\n")
        subprocess.run([sys.executable, "-c", "print('child process')"], check=True)
    print("after")
    out, err = capfd.readouterr()
    assert out == "after\n" and err == ""
    assert log.read_text().splitlines() == ["python print", "raw stderr", "child process"]


def test_verbose_keeps_library_output_on_the_terminal(tmp_path, capfd, monkeypatch):
    from arena_cli.runs import library_output_to

    monkeypatch.setenv("ARENA_VERBOSE", "1")
    with library_output_to(tmp_path / "job.log"):
        print("shown")
    assert capfd.readouterr().out == "shown\n" and not (tmp_path / "job.log").exists()

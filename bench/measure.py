"""Timing commands in subprocesses, and describing the machine the figures come from."""

from __future__ import annotations

import os
import platform
import signal
import subprocess
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

TIMEOUT_S = 900  # per command: far above any normal run, low enough that a hang ends
TAIL_LINES = 15


@dataclass
class Run:
    """One timed run of one or more commands executed one after the other."""

    commands: list[list[str]]
    step_seconds: list[float] = field(default_factory=list)
    returncode: int = 0
    stdout: str = ""
    stderr_tail: str = ""

    @property
    def ok(self) -> bool:
        return self.returncode == 0

    @property
    def seconds(self) -> float:
        """Wall time of all steps together."""
        return sum(self.step_seconds)

    @property
    def last_command(self) -> list[str]:
        """The last command run: the one that failed, when one did."""
        return self.commands[len(self.step_seconds) - 1]


def run_commands(commands: list[list[str]], cwd: Path) -> Run:
    """Run `commands` in order, timing each; stop at the first that fails or times out."""
    run = Run(commands)
    for command in commands:
        started = time.perf_counter()
        returncode, stdout, stderr = _run(command, cwd)
        run.step_seconds.append(time.perf_counter() - started)
        run.returncode, run.stdout = returncode, stdout
        if returncode != 0:
            run.stderr_tail = "\n".join(stderr.rstrip().splitlines()[-TAIL_LINES:])
            break
    return run


def _run(command: list[str], cwd: Path) -> tuple[int, str, str]:
    try:
        # A session of its own, so that a timeout also ends the kernels the command started.
        process = subprocess.Popen(
            command,
            cwd=cwd,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,
        )
    except OSError as exc:  # the executable is missing or not executable
        return 127, "", str(exc)
    with process:
        try:
            stdout, stderr = process.communicate(timeout=TIMEOUT_S)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            stdout, stderr = process.communicate()
            return -9, stdout, f"{stderr}\n(avbrutet efter {TIMEOUT_S} s)"
        return process.returncode, stdout, stderr


def machine() -> dict[str, object]:
    """Cores, CPU model, memory, Python and OS of this machine, and the time now."""
    return {
        "datum": datetime.now().astimezone().isoformat(timespec="seconds"),
        "karnor": os.cpu_count(),
        "karnor_tillgangliga": len(os.sched_getaffinity(0)),
        "cpu": _proc_field("/proc/cpuinfo", "model name") or platform.processor() or "okänd",
        "minne_bytes": _memory_bytes(),
        "python": platform.python_version(),
        "system": platform.platform(),
    }


def _proc_field(path: str, key: str) -> str | None:
    """The value of the first `key: value` line of a /proc file (None when absent)."""
    try:
        lines = Path(path).read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return None
    for line in lines:
        name, _, value = line.partition(":")
        if name.strip() == key:
            return value.strip()
    return None


def _memory_bytes() -> int | None:
    total = _proc_field("/proc/meminfo", "MemTotal")  # "24567890 kB"
    return int(total.split()[0]) * 1024 if total else None

"""The report's Jupyter kernel, started early so that it boots while the runner prepares.

A kernel takes about a second to be ready: ipykernel starts, then the report imports pandas and
matplotlib. Papermill would start it only when execution begins, after the runner has imported
papermill and nbconvert. Started here instead, the two happen at once on two cores, and the
kernel imports the report library while it boots (`exec_lines`). Papermill is then handed the
running kernel; one kernel per run, always shut down by `running_kernel`.
"""

from __future__ import annotations

import functools
import sys
import tempfile
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

KERNEL_NAME = "hsn-analysis"

KERNEL_ARGUMENTS = [
    # ipykernel warns on every start that loopback TCP is unencrypted; it says nothing about the
    # run and would bury real messages in a scheduled run's log.
    "--IPKernelApp.log_level=ERROR",
    # No IPython history file: parallel runs would contend for one SQLite file in $HOME.
    "--HistoryManager.hist_file=:memory:",
    # Imported while the kernel boots; the notebook's first cell then finds it loaded.
    "--IPKernelApp.exec_lines=['import hsn_analysis.report.sections']",
]


def skip_slow_schema_import() -> None:
    """Keep jsonschema from building its IRI grammar when nbformat imports it.

    With `rfc3987-syntax` installed (JupyterLab pulls it in), importing jsonschema builds some 35
    Earley parsers: 0,7 s of every run, for a format ("iri") that no notebook schema uses
    (python-jsonschema/jsonschema#1428). Marking the module absent makes jsonschema skip that
    check. Called by the runner only, before papermill or nbconvert is imported.
    """
    if "jsonschema" not in sys.modules:
        # None in sys.modules makes an import fail; typeshed allows only modules there.
        sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]


@functools.cache
def _manager_class() -> type:
    from jupyter_client.manager import AsyncKernelManager

    class Manager(AsyncKernelManager):
        """jupyter_client's manager, checking ten times as often whether a killed kernel is gone.

        Its own 0,1 s between checks made every run wait 0,1 s at the end, for a process that
        is gone within milliseconds of SIGKILL. (A private method: should jupyter_client rename
        it, this override is simply never called.)
        """

        async def _async_wait(self, pollinterval: float = 0.01) -> None:
            await super()._async_wait(pollinterval=min(pollinterval, 0.01))

    return Manager


class Kernel:
    """A kernel for one run, started at once in `cwd`; `stop()` shuts it down (once).

    Without `cwd` the kernel works in a private temporary folder, removed when it stops (the
    report notebook writes no files; its own folder keeps parallel runs apart). `manager` is
    the `AsyncKernelManager` to pass to papermill as `km=`: nbclient uses a kernel that is
    already running (and waits for it to be ready) and leaves its shutdown to its owner.
    """

    def __init__(self, cwd: Path | None = None) -> None:
        # nbclient drives an asynchronous manager on an event loop of its thread; `run_sync`
        # runs each call the same way, on the calling thread's loop.
        from jupyter_core.utils import run_sync

        self._run_sync = run_sync
        self._stack = ExitStack()
        if cwd is None:
            cwd = Path(self._stack.enter_context(tempfile.TemporaryDirectory(prefix="hsn-karna-")))
        # Unix sockets in a private folder, not TCP ports: a TCP port is chosen free and only
        # bound later by the kernel, so two processes starting kernels at once (parallel tests,
        # two commands, Dask workers on one host) could both pick it ("Address already in use").
        sockets = self._stack.enter_context(tempfile.TemporaryDirectory(prefix="hsn-zmq-"))
        self.manager = _manager_class()(
            kernel_name=KERNEL_NAME, transport="ipc", ip=str(Path(sockets) / "kernel")
        )
        try:
            run_sync(self.manager.start_kernel)(cwd=str(cwd), extra_arguments=KERNEL_ARGUMENTS)
        except BaseException:
            self._stack.close()
            raise
        self._stopped = False

    def stop(self) -> None:
        """Shut the kernel down now: its notebook has run and the outputs are in hand."""
        if not self._stopped:
            self._stopped = True
            try:
                self._run_sync(self.manager.shutdown_kernel)(now=True)
            finally:
                self._stack.close()

    def __enter__(self) -> Kernel:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


@contextmanager
def running_kernel(cwd: Path | None = None) -> Iterator[Any]:
    """A started kernel's manager for one run (see `Kernel`); shut down on leaving."""
    with Kernel(cwd) as kernel:
        yield kernel.manager

"""The report's Jupyter kernel, started early so that it boots while the runner prepares.

A kernel takes about a second to be ready: ipykernel starts, then the report imports pandas and
matplotlib. Papermill would start it only when execution begins, after the runner has imported
papermill and nbconvert. Started here instead, the two happen at once on two cores, and the
kernel imports the report library while it boots (`exec_lines`). Papermill is then handed the
running kernel; one kernel per run, always shut down by `running_kernel`.
"""

from __future__ import annotations

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
    "--IPKernelApp.exec_lines=['import hsn_analysis.report']",
]


def skip_slow_schema_import() -> None:
    """Keep jsonschema from building its IRI grammar when nbformat imports it.

    With `rfc3987-syntax` installed (JupyterLab pulls it in), importing jsonschema builds some 35
    Earley parsers: 0,7 s of every run, for a format ("iri") that no notebook schema uses
    (python-jsonschema/jsonschema#1428). Marking the module absent makes jsonschema skip that
    check. Called by the runner only, before papermill or nbconvert is imported.
    """
    if "jsonschema" not in sys.modules:
        sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[assignment]


@contextmanager
def running_kernel(cwd: Path | None = None) -> Iterator[Any]:
    """A started `AsyncKernelManager` for one run, working in `cwd`; shut down on leaving.

    Without `cwd` the kernel works in a private temporary folder, removed afterwards (the report
    notebook writes no files; its own folder keeps parallel runs apart). Pass the manager to
    papermill as `km=`: nbclient uses a kernel that is already running (and waits for it to be
    ready) and leaves its shutdown to the owner, which is this context.
    """
    # nbclient drives an asynchronous manager on this thread's event loop; `run_sync` uses the
    # same loop, so the manager started here is the one nbclient can talk to.
    from jupyter_client.manager import AsyncKernelManager
    from jupyter_core.utils import run_sync

    with ExitStack() as stack:
        if cwd is None:
            cwd = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="hsn-karna-")))
        manager = AsyncKernelManager(kernel_name=KERNEL_NAME)
        run_sync(manager.start_kernel)(cwd=str(cwd), extra_arguments=KERNEL_ARGUMENTS)
        try:
            yield manager
        finally:
            # The notebook has run and its outputs are in hand: nothing to wait for.
            run_sync(manager.shutdown_kernel)(now=True)

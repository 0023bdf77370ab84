"""Running a report notebook with papermill in a started kernel, and what its failures mean.

A cell that raises or times out is the notebook's failure, named by cell. A kernel that dies
(the OOM killer, `kill -9`), whether while it starts or in the middle of a cell, is named as
such: nbclient reports the two differently (a `RuntimeError` while it waits for the kernel to
answer, `DeadKernelError` during a cell), so after any other failure the kernel itself is
asked whether it still lives.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from hsn_analysis.runs.kernel import KERNEL_NAME, skip_slow_schema_import
from hsn_analysis.words.publishing import MSG_CELL_TIMEOUT, MSG_KERNEL_DIED, WHERE_CELL


class _KernelDeathLines(logging.Filter):
    """Drops nbclient's English lines on a dead kernel ("Kernel died while waiting for execute
    reply.", "Error occurred while starting new kernel client …"), logged through papermill's
    logger: the run says the same in one Swedish sentence (`KernelDied`). Anything else, and
    these lines should nbclient reword them, still gets through."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        return not (message.startswith("Kernel died") or "Kernel died before replying" in message)


_QUIET_ON_DEATH = _KernelDeathLines()

CELL_TIMEOUT_S = 300
# A cold kernel start on a busy 2-core machine can pass papermill's default of 60 s.
START_TIMEOUT_S = 120


class NotebookFailed(Exception):
    """A notebook cell raised or timed out, or its kernel died."""

    def __init__(self, notebook: Path, cell: int | None, error: str, source: str = "") -> None:
        self.notebook = notebook
        self.cell = cell
        self.error = error
        self.source = source
        where = f", {WHERE_CELL.format(cell=cell)}" if cell is not None else ""
        first_line = source.strip().splitlines()[0] if source.strip() else ""
        code = f" ({first_line})" if first_line else ""
        super().__init__(f"{notebook.name}{where}{code}: {error}")


class KernelDied(NotebookFailed):
    """The notebook's kernel died, while it started or during a cell."""

    def __init__(self, notebook: Path) -> None:
        super().__init__(notebook, None, MSG_KERNEL_DIED)


def kernel_alive(manager: Any) -> bool:
    """Whether the kernel process of `manager` (an AsyncKernelManager) still runs."""
    from jupyter_core.utils import run_sync

    try:
        return bool(run_sync(manager.is_alive)())
    except Exception:  # a manager that cannot even say: its kernel is of no more use
        return False


def execute_notebook(
    notebook: Path,
    output: Path,
    parameters: dict[str, Any],
    *,
    kernel: Any,
    timeout: int = CELL_TIMEOUT_S,
) -> Any:
    """Run `notebook` with papermill in `kernel` (a started manager, `kernel.Kernel`); returns the
    executed NotebookNode, also written to `output` when papermill gets that far.

    Raises NotebookFailed naming the cell and the error, KernelDied if the kernel died.
    Papermill's saved metadata is not trusted (after a timeout it still says every cell
    completed): only its exception counts.
    """
    skip_slow_schema_import()
    import papermill  # deferred: a slow import that only report runs need
    from nbclient.exceptions import CellTimeoutError, DeadKernelError

    # Papermill hands nbclient its own logger, whatever the caller passes (`log=` is replaced).
    logging.getLogger("papermill").addFilter(_QUIET_ON_DEATH)  # added once, however often called
    try:
        return papermill.execute_notebook(
            str(notebook),
            str(output),
            parameters=parameters,
            kernel_name=KERNEL_NAME,
            execution_timeout=timeout,
            start_timeout=START_TIMEOUT_S,
            progress_bar=False,
            # Written once at the end (also after a failure), not after every cell.
            request_save_on_cell_execute=False,
            # Its working folder was set when it started; papermill must not chdir this process.
            km=kernel,
        )
    except papermill.PapermillExecutionError as exc:
        raise NotebookFailed(
            notebook, exc.cell_index, f"{exc.ename}: {exc.evalue}", exc.source
        ) from exc
    except CellTimeoutError as exc:
        raise NotebookFailed(notebook, None, MSG_CELL_TIMEOUT.format(seconds=timeout)) from exc
    except DeadKernelError as exc:
        raise KernelDied(notebook) from exc
    except Exception as exc:
        # "Kernel died before replying to kernel_info" is a RuntimeError like any other: the
        # kernel, not the message, says what happened.
        if not kernel_alive(kernel):
            raise KernelDied(notebook) from exc
        raise


def clean_namespace(kernel: Any, notebook: Path) -> None:
    """Empty the kernel's namespace (`%reset -f`) so that the next report starts clean; the
    modules it imported stay loaded, which is the point of reusing the kernel. KernelDied if
    the kernel has died since its last report (named as the next report's failure)."""
    import nbformat
    from nbclient import NotebookClient

    reset = "get_ipython().run_line_magic('reset', '-f')"
    cell = nbformat.v4.new_code_cell(reset)
    code = nbformat.v4.new_notebook(cells=[cell])
    try:
        NotebookClient(code, km=kernel, kernel_name=KERNEL_NAME, timeout=60).execute()
    except Exception as exc:
        if not kernel_alive(kernel):
            raise KernelDied(notebook) from exc
        raise

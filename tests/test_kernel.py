"""The report kernel: started before it is needed, always stopped, and the runner's own
imports kept lean."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from jupyter_core.utils import run_sync

from hsn_analysis.runs.kernel import Kernel, running_kernel


def kernel_prints(manager, code: str) -> list[str]:
    """What `code` prints in the kernel, word by word."""
    printed: list[str] = []
    client = manager.blocking_client()
    client.start_channels()
    try:
        client.wait_for_ready(timeout=60)
        reply = client.execute_interactive(
            code, timeout=60, output_hook=lambda msg: printed.append(msg["content"].get("text", ""))
        )
    finally:
        client.stop_channels()
    assert reply["content"]["status"] == "ok"
    return "".join(printed).split()


def test_a_running_kernel_works_in_its_folder_with_the_report_imported_and_stops_after(tmp_path):
    code = "import os, sys; print(os.getcwd(), 'hsn_analysis.report.sections' in sys.modules)"
    with running_kernel(tmp_path) as manager:
        assert kernel_prints(manager, code) == [str(tmp_path), "True"]
    assert not run_sync(manager.is_alive)()


def test_without_a_folder_the_kernel_works_in_a_temporary_one_that_is_removed():
    with running_kernel() as manager:
        [folder] = kernel_prints(manager, "import os; print(os.getcwd())")
        assert Path(folder).name.startswith("hsn-karna-")
    assert not Path(folder).exists()
    assert not run_sync(manager.is_alive)()


def test_nbformat_still_validates_notebooks_without_the_iri_grammar():
    code = (
        "import sys\n"
        "from hsn_analysis.runs.kernel import skip_slow_schema_import\n"
        "skip_slow_schema_import()\n"
        "import nbformat\n"
        "nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell('1')])\n"
        "nbformat.validate(nb)\n"
        "nb.cells[0]['outputs'] = 'fel'\n"
        "try:\n"
        "    nbformat.validate(nb)\n"
        "except nbformat.ValidationError:\n"
        "    print('ogiltig upptäckt')\n"
        "print(sys.modules.get('rfc3987_syntax', 'saknas'))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["ogiltig", "upptäckt", "None"]


def test_the_command_line_imports_no_pandas_before_it_starts_the_kernel():
    code = "import sys, hsn_analysis.cli; print('pandas' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "False", result.stderr


def test_a_kernel_talks_over_unix_sockets_in_a_private_folder_removed_when_it_stops():
    # TCP ports are chosen free and bound later by the kernel: two processes starting kernels
    # at once could pick the same one. Sockets in a folder of the kernel's own cannot collide.
    kernel = Kernel()
    try:
        manager = kernel.manager
        assert manager.transport == "ipc"
        folder = Path(manager.ip).parent
        assert folder.name.startswith("hsn-zmq-")
        assert kernel_prints(manager, "print('svar')") == ["svar"]
        assert sorted(p.name for p in folder.iterdir())[0].startswith("kernel-")
    finally:
        kernel.stop()
    assert not folder.exists()

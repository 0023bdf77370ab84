"""How the `hsn-report` process ends: its exit code, without tearing the interpreter down.

By the time a command returns, every file it wrote is written and closed, and its threads are
done. What remains of a normal exit is the interpreter dismantling hundreds of modules and the
objects they hold (pandas, matplotlib, nbconvert, ZeroMQ, Typst's fonts): 0,3 s of a report
run's 3,5 s, measured, that nobody waits for on purpose. So the process runs what a normal exit
would run first, joining any thread still working, the registered exit handlers, flushing the
output, and then ends at once. Only the console script and `python -m hsn_analysis` end this
way; `cli.main.main` called in a process of its own (a test, a notebook) returns as always.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import sys
import threading
from typing import NoReturn

from hsn_analysis.cli.main import main


def run() -> NoReturn:
    """`hsn-report`: `main` with the command line, then the process ends with its exit code."""
    code = main()
    for thread in threading.enumerate():
        if thread is not threading.current_thread() and not thread.daemon:
            thread.join()
    atexit._run_exitfuncs()  # logging's flush, temporary folders (e.g. the PDF's fonts)
    for stream in (sys.stdout, sys.stderr):
        # A closed pipe (`| head`) or a closed stream has nothing left to flush.
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    os._exit(code)

"""What every command shares: the exit codes, the usage error and reading the data."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from hsn_analysis.paths import OUTPUTS
from hsn_analysis.words import cli_text

if TYPE_CHECKING:
    from hsn_analysis.reading.validation import ValidationResult

EXIT_OK = 0
EXIT_INVALID_DATA = 1
EXIT_USAGE = 2
EXIT_RUN_FAILED = 3
EXIT_NOT_READY = 4
EXIT_BUSY = 5
EXIT_MAIL_FAILED = 6
EXIT_FETCH_FAILED = 7
EXIT_FILE_SYSTEM = 8
EXIT_BUG = 9
# A batch's failures as one exit code (`runs.publishing.worst`), the same for every report.
FAILURE_EXIT = {
    "busy": EXIT_BUSY,
    "run": EXIT_RUN_FAILED,
    "disk": EXIT_FILE_SYSTEM,
    "bug": EXIT_BUG,
}

LOG_FORMAT = "%(asctime)s hsn-report %(levelname)s: %(message)s"
LOG_DATE_FORMAT = "%Y-%m-%d %H:%M:%S%z"  # with the offset: a log read on a UTC host is clear

logger = logging.getLogger(__name__)

DEFAULT_OUT = OUTPUTS  # relative: the current folder's outputs/


class UsageError(Exception):
    """A command line that cannot be carried out as written (exit code 2)."""


def check_data(path: Path) -> ValidationResult:
    """The validation result of `path`; UsageError if it does not exist."""
    from hsn_analysis.reading.validation import check_dataset

    try:
        return check_dataset(path)
    except FileNotFoundError as exc:
        raise UsageError(cli_text.DATA_NOT_FOUND.format(path=path)) from exc

"""The command line `hsn-report`: parser, exit codes and commands. Nothing imports this package."""

from hsn_analysis.cli.common import (
    EXIT_BUG,
    EXIT_BUSY,
    EXIT_FETCH_FAILED,
    EXIT_FILE_SYSTEM,
    EXIT_INVALID_DATA,
    EXIT_MAIL_FAILED,
    EXIT_NOT_READY,
    EXIT_OK,
    EXIT_RUN_FAILED,
    EXIT_USAGE,
)
from hsn_analysis.cli.main import build_parser, main

__all__ = [
    "EXIT_BUG",
    "EXIT_BUSY",
    "EXIT_FETCH_FAILED",
    "EXIT_FILE_SYSTEM",
    "EXIT_INVALID_DATA",
    "EXIT_MAIL_FAILED",
    "EXIT_NOT_READY",
    "EXIT_OK",
    "EXIT_RUN_FAILED",
    "EXIT_USAGE",
    "build_parser",
    "main",
]

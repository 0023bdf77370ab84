"""hsn_analysis: the tertial follow-up of a health-care board's plan.

`hsn_analysis.load(path)` is the analyst's front door (see `analyst.follow_up`). Importing the
package loads nothing else: no pandas, no files, no logging.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from hsn_analysis.version import __version__

if TYPE_CHECKING:
    from hsn_analysis.analyst.follow_up import FollowUp

__all__ = ["__version__", "load"]


def load(path: str | os.PathLike[str] | None = None) -> FollowUp:
    """Read and check a dataset once and return a `FollowUp` to ask questions of.

    `path` is a folder of CSV files or one .xlsx workbook, relative to the current folder;
    None is the bundled example data.
    """
    from hsn_analysis.analyst.follow_up import load as load_follow_up

    return load_follow_up(path)

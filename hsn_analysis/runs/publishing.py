"""Moving a finished run's files into place all together, or not at all."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

# The HTML goes last: whoever sees the new report also finds its notebook and record.
PUBLISHED = ("notebook", "record", "pdf", "html")


def publish(work: Path, paths: dict[str, Path], backup: Path | None) -> None:
    """Move the notebook, record, PDF and HTML from `work` over the period's current files.

    Renames within one folder do not fail for want of space or rights that the run already had,
    but should one fail anyway, the files already moved are put back as they were (from the
    hard links of `backup`, the replaced report in `tidigare/`, or removed when there was none),
    so that the period never holds a new notebook or record beside an old report.
    """
    moved: list[str] = []
    try:
        for key in PUBLISHED:
            if key not in paths:  # a basenhet's report has no PDF
                continue
            os.replace(work / paths[key].name, paths[key])
            moved.append(key)
    except OSError:
        for key in moved:
            earlier = backup.with_suffix(paths[key].suffix) if backup else None
            if earlier is not None and earlier.exists():
                shutil.copy2(earlier, work / "tillbaka")
                os.replace(work / "tillbaka", paths[key])
            else:
                paths[key].unlink(missing_ok=True)
        raise

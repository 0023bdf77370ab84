"""Rows that repeat a key: the duplicate check of validation, lean on memory for long tables."""

from __future__ import annotations

import numpy as np
import pandas as pd


def repeated(keys: np.ndarray, valid: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Among the rows where `valid` holds: those whose key an earlier row has, and the first
    row of each such key. `keys` are integers ≥ 0."""
    later, first = np.zeros(len(keys), dtype=bool), np.zeros(len(keys), dtype=bool)
    size = int(keys.max(initial=-1)) + 1
    if size <= 4 * len(keys) + 1024:  # count each key: far less memory than a hash table
        shared = np.bincount(keys, minlength=size) > 1  # rows not valid count too: no harm
        suspect = valid & shared[keys]
        del shared
    else:
        suspect = valid
    if suspect.any():  # the pandas way on the few rows that share a key
        shared_keys = pd.Series(keys[suspect])
        again = shared_keys.duplicated().to_numpy()
        later[suspect] = again
        first[suspect] = shared_keys.duplicated(keep=False).to_numpy() & ~again
    return later, first

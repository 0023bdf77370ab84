"""The checks between tables: an id must name a row of the table it refers to, a minst/högst
indicator needs a target somewhere, and an id with no row for a period others have is warned of.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from hsn_analysis.problems import Problem
from hsn_analysis.reading import plan_years
from hsn_analysis.reading import units as unit_checks
from hsn_analysis.reading.checking import Checks, Table
from hsn_analysis.vocabulary import Frequency, Severity, TargetType
from hsn_analysis.words.messages import MSG_NO_IDS, MSG_NO_TARGET, MSG_UNKNOWN_ID

# (table, column) → the table whose ids the column must name.
REFERENCES = {
    ("delmal", "mal_id"): "mal",
    ("indikatorer", "delmal_id"): "delmal",
    ("utfall", "indikator_id"): "indikatorer",
    ("bedomningar", "delmal_id"): "delmal",
    ("jamforelser", "indikator_id"): "indikatorer",
    ("malbedomningar", "mal_id"): "mal",
} | unit_checks.REFERENCES


def check_references(v: Checks, table: Table) -> None:
    """Every id `table` gives in a referring column names a row of the table referred to."""
    for (source, column), target in REFERENCES.items():
        if source == table.name and target in v.tables:
            _check_reference(v, table, column, v.tables[target])


def _check_reference(v: Checks, table: Table, column: str, target: Table) -> None:
    ids = table.text(column)
    valid = target.text(column)
    valid = valid[target.filled(column)]
    bad = table.filled(column) & ~ids.isin(set(valid))
    if not bad.any():
        return
    sample = ", ".join(list(dict.fromkeys(valid))[:5])
    template = MSG_UNKNOWN_ID if sample else MSG_NO_IDS
    message = template.format(column=column, target=target.source, sample=sample)
    v.add(table, column, bad, message)


def check_targets(v: Checks) -> None:
    """A minst/högst indicator needs a target in indikatorer or in some utfall row."""
    if "indikatorer" not in v.tables or "utfall" not in v.tables:
        return
    ind, out = v.tables["indikatorer"], v.tables["utfall"]
    kinds = v.parsed["indikatorer", "maltyp"]
    needs = kinds.isin([TargetType.AT_LEAST.value, TargetType.AT_MOST.value])
    needs &= ~ind.filled("malvarde")
    with_target = set(out.text("indikator_id")[v.parsed["utfall", "malvarde"].notna()])
    mask = needs & ~ind.text("indikator_id").isin(with_target)
    v.add(ind, "malvarde", mask, lambda _, row: MSG_NO_TARGET.format(kind=kinds[row]))


def warn_missing(v: Checks, name: str, id_column: str, owner: str, template: str) -> None:
    """Warn for each id of `owner` with no row in `name` for a period others have rows for
    (an indicator's value the basenheter give counts as a row)."""
    if name not in v.tables or owner not in v.tables:
        return
    owners = v.tables[owner].text(id_column)
    expected = pd.unique(owners[v.tables[owner].filled(id_column)])
    ids, codes = v.tables[name].text(id_column), v.parsed[name, "period"]
    id_pos = pd.Index(expected).get_indexer(ids)
    counted = (id_pos >= 0) & codes.notna().to_numpy() & ~codes.isin(v.future).to_numpy()
    periods = sorted(pd.unique(codes[counted]))
    # One flag per (id, period) pair: millions of rows collapse to a small matrix.
    present = np.zeros((len(expected), len(periods)), dtype=bool)
    present[id_pos[counted], pd.Index(periods).get_indexer(codes[counted])] = True
    unit_checks.mark_covered(present, v.from_units, owner, pd.Index(expected), periods)
    present |= plan_years.outside_plans(v, owner, pd.Index(expected), periods)
    if owner == "indikatorer":  # helår indicators are due at T3 only
        frequency = v.parsed[owner, "frekvens"]
        full_year = pd.Index(expected).isin(owners[frequency == Frequency.FULL_YEAR.value])
        early = np.array([not p.endswith("T3") for p in periods], dtype=bool)
        present |= full_year[:, None] & early[None, :]
    source = v.tables[name].source
    for j, period in enumerate(periods):
        for id_ in expected[~present[:, j]]:
            message = template.format(id=id_, period=period)
            v.problems.append(Problem(Severity.WARNING, source, message, None, id_column, id_))

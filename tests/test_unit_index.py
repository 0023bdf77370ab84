"""The index's list of the basenheter's reports: counted words agree with their number."""

from __future__ import annotations

import json

import pytest

from hsn_analysis.runs.unit_index import unit_listing


def _unit_report(out, unit_id, area):
    folder = out / "2025-T2" / "enheter" / unit_id
    folder.mkdir(parents=True)
    stem = f"uppfoljning-2025-T2-{unit_id}"
    (folder / f"{stem}.html").write_text("<html></html>", encoding="utf-8")
    record = {"enhet_namn": f"Enhet {unit_id}", "omrade": area}
    (folder / f"{stem}.json").write_text(json.dumps(record), encoding="utf-8")


@pytest.mark.parametrize(("units", "said"), [(1, "1 rapport<"), (2, "2 rapporter<")])
def test_the_count_of_unit_reports_agrees_with_its_number(tmp_path, units, said):
    for n in range(units):
        _unit_report(tmp_path, f"PV0{n + 1}", "Primärvård")
    listing = unit_listing(tmp_path)
    assert said in listing
    assert "1 rapporter" not in listing

"""The Kolada client and fetch against a local v3-shaped server: paging, faults and the file."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import pandas as pd
import pytest
from kolada_server import REGION_NAMES, FakeKolada, Reply, UnthrottledClient, example_kpis, serve

from hsn_analysis.cli import EXIT_FETCH_FAILED, EXIT_OK, EXIT_USAGE, main
from hsn_analysis.kolada.client import MAX_IDS, KoladaClient, chunks
from hsn_analysis.kolada.command import fetch_into, parse_years
from hsn_analysis.kolada.fetch import fetch_comparisons
from hsn_analysis.paths import EXAMPLE_DATA
from hsn_analysis.reading.validation import check_dataset, load_dataset

YEARS = [2022, 2023, 2024]


@pytest.fixture
def dataset(tmp_path):
    """The example data with I1.1.1 mapped to N79176 and kolada_id 0024, in tmp_path."""
    folder = tmp_path / "data"
    shutil.copytree(EXAMPLE_DATA, folder)
    (folder / "jamforelser.csv").unlink(missing_ok=True)
    settings = folder / "installningar.toml"
    text = settings.read_text(encoding="utf-8")
    if "kolada_id" not in text:
        settings.write_text(text + 'kolada_id = "0024"\n', encoding="utf-8")
    indicators = pd.read_csv(folder / "indikatorer.csv", sep=";", dtype=str, keep_default_na=False)
    for column in ("kolada_kpi", "kolada_kon", "spc_fran"):
        if column not in indicators:
            indicators[column] = ""
    indicators["kolada_kpi"] = ""
    indicators.loc[indicators["indikator_id"] == "I1.1.1", "kolada_kpi"] = "N79176"
    indicators.to_csv(folder / "indikatorer.csv", sep=";", index=False, encoding="utf-8-sig")
    return load_dataset(folder)


class Sleeps(list):
    """A stand-in for time.sleep that remembers each wait."""

    def __call__(self, seconds: float) -> None:
        self.append(round(seconds, 3))


def client(url: str, sleeps: Sleeps | None = None, **options) -> KoladaClient:
    options = {"min_interval": 0.0, "timeout": 5.0, **options}
    return KoladaClient(url, sleep=sleeps if sleeps is not None else Sleeps(), **options)


def fetch(fake: FakeKolada, dataset, sleeps: Sleeps | None = None, **options):
    with serve(fake) as url:
        return fetch_comparisons(dataset, YEARS, client(url, sleeps, **options))


def test_every_page_is_followed_and_riket_is_kept_apart_from_the_21_regions(dataset):
    fake = FakeKolada(example_kpis(), page_size=7)
    result = fetch(fake, dataset)
    assert result.ok, result.failures
    rows = pd.DataFrame(result.rows)
    assert len(rows) == 22 * 3  # 21 regions and riket, three years: every page was read
    assert sum("page=" in r for r in fake.requests) >= 9  # 66 rows in pages of 7
    assert set(rows["indikator_id"]) == {"I1.1.1"}
    assert rows.loc[rows["omrade_id"] == "0000", "omrade"].unique().tolist() == ["Riket"]
    assert rows.loc[rows["omrade_id"] == "0024", "omrade"].iloc[0] == "Region Västerbotten"
    assert (rows["kpi_titel"] == "Utskrivningsklara patienter, andel").all()
    own = rows[(rows["omrade_id"] == "0024") & (rows["ar"] == 2024)]["varde"].item()
    assert own == 50.0 + 19 + 2  # the 20th region in order, the gender T value


def test_no_path_segment_names_more_than_25_ids():
    assert [len(c) for c in chunks(str(i) for i in range(60))] == [25, 25, 10]
    assert MAX_IDS == 25


def test_the_request_paths_hold_at_most_25_ids_each(dataset):
    fake = FakeKolada(example_kpis())
    assert fetch(fake, dataset).ok
    data = [r.split("?")[0].split("/") for r in fake.requests if "/data/" in r]
    assert data and all(len(path[6].split(",")) <= 25 for path in data)
    assert sorted({a for path in data for a in path[6].split(",")}) == ["0000", *REGION_NAMES]


def test_a_429_is_retried_after_the_seconds_of_retry_after(dataset):
    fake = FakeKolada(example_kpis(), faults=[("/data/", Reply(429, {}, {"Retry-After": "3"}))])
    sleeps = Sleeps()
    assert fetch(fake, dataset, sleeps).ok
    assert sleeps == [3.0]
    assert sum("/data/" in r for r in fake.requests) == 1 + 7  # the 429, then 66 rows by 10


def test_a_500_is_retried_with_back_off_and_then_succeeds(dataset):
    faults = [("/data/", Reply(500, {})), ("/data/", Reply(503, {}))]
    sleeps = Sleeps()
    assert fetch(FakeKolada(example_kpis(), faults=faults), dataset, sleeps, backoff=0.5).ok
    assert sleeps == [0.5, 1.0]  # doubled each time


def test_a_timeout_is_retried_and_a_service_that_never_answers_is_one_sentence(dataset):
    slow = [("/data/", Reply(200, {}, delay=1.0))]
    assert fetch(FakeKolada(example_kpis(), faults=slow), dataset, timeout=0.3).ok
    never = [("/kpi/", Reply(200, {}, delay=1.0)) for _ in range(3)]
    result = fetch(FakeKolada(example_kpis(), faults=never), dataset, timeout=0.3, retries=2)
    assert len(result.failures) == 1
    assert "Kolada svarar inte" in result.failures[0]
    assert "inget svar inom 0.3 s" in result.failures[0]


def test_a_refused_connection_says_the_service_is_unreachable(dataset):
    with serve(FakeKolada({})) as url:
        pass  # the server is gone: nothing listens on the port any more
    result = fetch_comparisons(dataset, YEARS, client(url, retries=0))
    assert len(result.failures) == 1 and "Kolada svarar inte" in result.failures[0]


def test_malformed_json_is_a_failure_not_a_traceback(dataset):
    fake = FakeKolada(example_kpis(), faults=[("/data/", Reply(200, b"{values: ["))])
    result = fetch(fake, dataset)
    assert len(result.failures) == 1
    assert "inte går att läsa" in result.failures[0] and "inte JSON" in result.failures[0]


def test_missing_values_and_deleted_rows_are_left_out_not_zero(dataset):
    kpis = example_kpis()
    kpis["N79176"].values["0001", 2024] = None  # status Missing
    kpis["N79176"].deleted.add(("0003", 2024))
    result = fetch(FakeKolada(kpis), dataset)
    assert result.ok
    areas_2024 = {r["omrade_id"] for r in result.rows if r["ar"] == 2024}
    assert "0001" not in areas_2024 and "0003" not in areas_2024
    assert len(areas_2024) == 20
    assert all(r["varde"] != 0 for r in result.rows)


def test_a_year_without_values_is_said_not_failed(dataset, caplog):
    with (
        caplog.at_level(logging.INFO, logger="hsn_analysis"),
        serve(FakeKolada(example_kpis())) as url,
    ):
        result = fetch_comparisons(dataset, [2023, 2024, 2025], client(url))
    assert result.ok
    assert "N79176 (I1.1.1): 44 värden för 22 områden, år 2023, 2024" in caplog.text
    assert "N79176 (I1.1.1): Kolada har inga värden för år 2025 än" in caplog.text


def test_a_kpi_without_data_for_our_region_and_an_unknown_kpi_are_one_sentence_each(dataset):
    kpis = example_kpis()
    for year in YEARS:
        del kpis["N79176"].values["0024", year]
    result = fetch(FakeKolada(kpis), dataset)
    assert result.failures == [
        "N79176 (I1.1.1): Kolada har inget värde för vår region (0024) något av åren "
        "2022, 2023, 2024; jämförelsen kan inte göras."
    ]
    unknown = fetch(FakeKolada({}), dataset)
    assert unknown.failures == [
        "N79176 (I1.1.1): nyckeltalet finns inte i Kolada. Kontrollera id:t."
    ]


def test_requests_are_spaced_by_the_minimum_interval(dataset):
    sleeps = Sleeps()
    fixed_clock = iter(float(i) * 0.05 for i in range(1000))
    fake = FakeKolada(example_kpis())
    with serve(fake) as url:
        polite = KoladaClient(url, sleep=sleeps, clock=lambda: next(fixed_clock), min_interval=0.2)
        assert fetch_comparisons(dataset, YEARS, polite).ok
    # each request after the first finds 0,05 s passed (one tick) and waits the rest
    assert len(sleeps) == len(fake.requests) - 1
    assert set(sleeps) == {0.15}


def test_the_file_is_replaced_only_when_the_fetch_succeeded(dataset, tmp_path):
    folder = tmp_path / "data"
    old = folder / "jamforelser.csv"
    old.write_text("indikator_id;ar;omrade_id;varde\nI1.1.1;2020;0024;1\n", encoding="utf-8")
    bad = FakeKolada(example_kpis(), faults=[("/data/", Reply(200, b"not json"))])
    with serve(bad) as url:
        assert not fetch_into(dataset, folder, YEARS, client(url)).ok
    assert old.read_text(encoding="utf-8").endswith("I1.1.1;2020;0024;1\n")
    with serve(FakeKolada(example_kpis())) as url:
        assert fetch_into(dataset, folder, YEARS, client(url)).ok
    checked = check_dataset(folder)
    assert checked.ok, [str(p) for p in checked.problems]
    assert len(checked.dataset.comparisons) == 66
    assert not list(folder.glob(".jamforelser-*"))  # no temporary file left behind


@pytest.mark.parametrize(
    ("text", "years"),
    [
        (None, [2021, 2022, 2023, 2024, 2025]),
        ("2024", [2024]),
        ("2022..2024", [2022, 2023, 2024]),
        ("2024,2022", [2022, 2024]),
    ],
)
def test_years_are_read_from_a_range_a_list_or_the_plan_year(text, years):
    assert parse_years(text, 2025) == years


def test_the_command_fetches_into_the_folder_and_says_what_failed(
    dataset, tmp_path, capsys, monkeypatch
):
    monkeypatch.setattr("hsn_analysis.kolada.client.KoladaClient", UnthrottledClient)
    folder = tmp_path / "data"
    with serve(FakeKolada(example_kpis())) as url:
        code = main(["kolada", "--data", str(folder), "--ar", "2022..2024", "--bas-url", url])
    assert code == EXIT_OK
    assert "Skrev" in capsys.readouterr().err
    assert (folder / "jamforelser.csv").is_file()
    with serve(FakeKolada({})) as url:
        code = main(["kolada", "--data", str(folder), "--bas-url", url])
    assert code == EXIT_FETCH_FAILED
    err = capsys.readouterr().err
    assert "nyckeltalet finns inte i Kolada" in err and "skrevs inte om" in err
    assert main(["kolada", "--data", str(folder), "--ar", "förra året"]) == EXIT_USAGE
    assert main(["kolada", "--data", str(Path(folder) / "indikatorer.csv")]) == EXIT_USAGE

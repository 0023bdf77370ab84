"""The Kolada client stays on its server, ends by its deadlines and reads capped bodies:
a hostile or broken server is a failure naming the URL, never a traceback or a foreign file."""

from __future__ import annotations

import json

import pytest
from kolada_server import FakeKolada, Reply, example_kpis, serve
from test_kolada import YEARS, client, fetch
from test_kolada import dataset as dataset  # the example data with one mapped key figure

from hsn_analysis.cli import EXIT_FETCH_FAILED, main
from hsn_analysis.kolada.errors import KoladaOffHost
from hsn_analysis.kolada.fetch import fetch_comparisons
from hsn_analysis.kolada.transport import Origin

KPI_PAGE = {"values": [{"id": "N79176", "title": "Utskrivningsklara"}], "next_url": None}


@pytest.mark.parametrize(
    ("url", "allowed"),
    [
        ("http://127.0.0.1:8000/v3/kpi?page=2", True),
        ("HTTP://127.0.0.1:8000/other/path", True),  # the path may change, the origin not
        ("http://127.0.0.1:8001/v3/kpi", False),  # another port
        ("https://127.0.0.1:8000/v3/kpi", False),  # another scheme
        ("http://localhost:8000/v3/kpi", False),  # another host name
        ("http://127.0.0.1:8000@evil.example/v3", False),  # user info hiding the host
        ("file:///etc/passwd", False),
        ("ftp://127.0.0.1:8000/v3", False),
        ("http://127.0.0.1:port/v3", False),
    ],
)
def test_only_the_base_urls_scheme_host_and_port_are_allowed(url, allowed):
    origin = Origin.of("http://127.0.0.1:8000/v3")
    assert origin is not None
    if allowed:
        origin.check(url)
    else:
        with pytest.raises(KoladaOffHost) as refused:
            origin.check(url)
        assert url in refused.value.reason


def test_the_default_port_of_the_scheme_is_the_same_origin_as_none():
    assert Origin.of("https://api.kolada.se/v3") == Origin.of("https://api.kolada.se:443/v3/x")


def test_a_next_url_to_another_host_is_not_followed_and_names_the_url(dataset):
    elsewhere = FakeKolada(example_kpis())
    with serve(elsewhere) as evil:
        honest = FakeKolada(example_kpis(), page_size=7, next_base=evil.removesuffix("/v3"))
        result = fetch(honest, dataset)
    assert elsewhere.requests == []  # not one request left the configured server
    assert not result.ok and not result.rows
    assert len(result.failures) == 1
    assert "stoppades" in result.failures[0]
    assert f"{elsewhere.base}/v3/municipality" in result.failures[0]


def test_a_next_page_to_another_host_is_not_followed_either(dataset):
    elsewhere = FakeKolada(example_kpis())
    with serve(elsewhere) as evil:
        honest = FakeKolada(
            example_kpis(), page_size=7, next_base=evil.removesuffix("/v3"), next_key="next_page"
        )
        result = fetch(honest, dataset)
    assert elsewhere.requests == []
    assert not result.ok and elsewhere.base in result.failures[0]


def test_a_next_page_number_is_followed_on_the_same_server(dataset):
    fake = FakeKolada(example_kpis(), page_size=7, next_key="next_page")
    result = fetch(fake, dataset)
    assert result.ok, result.failures
    assert len(result.rows) == 66  # every page came
    assert sum("page=" in r for r in fake.requests) >= 9


def test_a_file_url_as_next_url_is_never_read(dataset, tmp_path):
    planted = tmp_path / "planted.json"
    rows = [FakeKolada.row("N79176", "0024", 2024, 1.0, False)]
    planted.write_text(json.dumps({"values": rows, "next_url": None}), encoding="utf-8")
    fake = FakeKolada(example_kpis(), page_size=7, next_base=f"file://{tmp_path}/planted.json#")
    result = fetch(fake, dataset)
    assert not result.ok and not result.rows
    assert len(result.failures) == 1
    assert f"file://{tmp_path}/planted.json" in result.failures[0]
    assert "inte http eller https" in result.failures[0]


def test_a_base_url_that_is_a_file_is_refused_by_name(dataset, tmp_path):
    url = f"file://{tmp_path}"
    result = fetch_comparisons(dataset, YEARS, client(url))
    assert len(result.failures) == 1 and url in result.failures[0]


def test_a_redirect_to_another_host_is_not_followed(dataset):
    elsewhere = FakeKolada(example_kpis())
    with serve(elsewhere) as evil:
        location = f"{evil}/data/kpi/N79176"
        fake = FakeKolada(
            example_kpis(), faults=[("/data/", Reply(302, {}, {"Location": location}))]
        )
        result = fetch(fake, dataset)
    assert elsewhere.requests == []
    assert len(result.failures) == 1 and location in result.failures[0]


def test_a_redirect_on_the_same_server_is_followed(dataset):
    fake = FakeKolada(example_kpis())
    with serve(fake) as url:
        moved = url + "/kpi/N79176?per_page=5000"
        fake.faults.append(("/kpi/", Reply(301, {}, {"Location": moved.removeprefix(fake.base)})))
        result = fetch_comparisons(dataset, YEARS, client(url))
    assert result.ok, result.failures
    assert sum(r.startswith("/v3/kpi/") for r in fake.requests) == 2  # redirect and target


@pytest.mark.parametrize("drip_after", [0, 100], ids=["headers", "body"])
def test_a_server_dripping_one_byte_at_a_time_is_cut_off_by_the_request_deadline(
    dataset, drip_after
):
    # at 0.05 s a byte the page would take seconds; the client's whole request gets 0.3 s
    slow = Reply(200, KPI_PAGE, drip=0.05, drip_after=drip_after)
    fake = FakeKolada(example_kpis(), faults=[("/kpi/", slow)])
    result = fetch(fake, dataset, retries=0, request_deadline=0.3)
    assert not result.ok and not result.rows
    assert len(result.failures) == 1
    assert "inom 0.3 s (gräns per anrop)" in result.failures[0]


def test_the_whole_fetch_has_a_deadline_of_its_own(dataset):
    slow = [("/kpi/", Reply(200, KPI_PAGE, drip=0.05)) for _ in range(3)]
    fake = FakeKolada(example_kpis(), faults=slow)
    result = fetch(fake, dataset, retries=5, backoff=0.0, fetch_deadline=0.5)
    assert len(result.failures) == 1
    assert "hela hämtningen tog mer än 0.5 s" in result.failures[0]


def test_a_truncated_body_is_retried_and_then_a_failure_not_a_traceback(dataset):
    body = json.dumps(KPI_PAGE).encode()
    cut = Reply(200, body[:20], length=len(body))
    healed = fetch(FakeKolada(example_kpis(), faults=[("/kpi/", cut)]), dataset)
    assert healed.ok, healed.failures
    broken = FakeKolada(example_kpis(), faults=[("/kpi/", cut)] * 3)
    result = fetch(broken, dataset, retries=2)
    assert len(result.failures) == 1
    assert f"bröts av efter 20 byte av utlovade {len(body)}" in result.failures[0]


def test_a_body_larger_than_the_cap_is_refused(dataset):
    result = fetch(FakeKolada(example_kpis()), dataset, max_body=1000)
    assert len(result.failures) == 1
    assert "större än gränsen 1000 byte" in result.failures[0]


def test_the_command_exits_7_and_keeps_the_old_file_when_sent_elsewhere(dataset, tmp_path):
    folder = tmp_path / "data"
    old = folder / "jamforelser.csv"
    old.write_text("indikator_id;ar;omrade_id;varde\nI1.1.1;2020;0024;1\n", encoding="utf-8")
    before = old.read_bytes()
    elsewhere = FakeKolada(example_kpis())
    with serve(elsewhere) as evil:
        fake = FakeKolada(example_kpis(), page_size=7, next_base=evil.removesuffix("/v3"))
        with serve(fake) as url:
            code = main(["kolada", "--data", str(folder), "--ar", "2022..2024", "--bas-url", url])
    assert code == EXIT_FETCH_FAILED
    assert old.read_bytes() == before
    assert elsewhere.requests == []

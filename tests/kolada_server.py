"""A stand-in for the Kolada v3 API on 127.0.0.1, replaying v3-shaped answers with faults.

The shapes follow the v3 documentation: listings are `{"values": [...], "count": n,
"next_url": ..., "previous_url": ...}` with `count` the page's count; data rows carry
`kpi`, `municipality`, `period`, `values` (one per gender) and `isdeleted`.
"""

from __future__ import annotations

import json
import threading
import time
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from hsn_analysis.kolada.client import KoladaClient

REGION_NAMES = {
    "0001": "Region Stockholm",
    "0003": "Region Uppsala",
    "0004": "Region Sörmland",
    "0005": "Region Östergötland",
    "0006": "Region Jönköpings län",
    "0007": "Region Kronoberg",
    "0008": "Region Kalmar län",
    "0009": "Region Gotland",
    "0010": "Region Blekinge",
    "0012": "Region Skåne",
    "0013": "Region Halland",
    "0014": "Västra Götalandsregionen",
    "0017": "Region Värmland",
    "0018": "Region Örebro län",
    "0019": "Region Västmanland",
    "0020": "Region Dalarna",
    "0021": "Region Gävleborg",
    "0022": "Region Västernorrland",
    "0023": "Region Jämtland Härjedalen",
    "0024": "Region Västerbotten",
    "0025": "Region Norrbotten",
}


@dataclass
class Reply:
    status: int = 200
    body: object = None  # a dict or list becomes JSON; bytes are sent as they are
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    drip: float = 0.0  # > 0: the answer is sent one byte at a time, this many seconds apart
    drip_after: int = 0  # bytes of the answer sent at once before the drip starts
    length: int | None = None  # a Content-Length other than the body's (a truncated answer)


@dataclass
class Kpi:
    title: str
    # (area, year) → value; None is a "Missing" value; NaN and text are sent as they are
    values: dict[tuple[str, int], object]
    deleted: set[tuple[str, int]] = field(default_factory=set)  # rows marked isdeleted


@dataclass
class FakeKolada:
    kpis: dict[str, Kpi]
    page_size: int = 10
    faults: list[tuple[str, Reply]] = field(default_factory=list)  # (path part, reply), once
    requests: list[str] = field(default_factory=list)
    base: str = ""
    next_base: str | None = None  # where next_url points instead of this server (hostile)
    next_key: str = "next_url"
    unfinished: list[str] = field(default_factory=list)  # answers the client hung up on
    lock: threading.Lock = field(default_factory=threading.Lock)

    def respond(self, target: str) -> Reply:
        with self.lock:
            self.requests.append(target)
            for i, (part, reply) in enumerate(self.faults):
                if part in target:
                    del self.faults[i]
                    return reply
        url = urllib.parse.urlsplit(target)
        query = dict(urllib.parse.parse_qsl(url.query))
        parts = url.path.strip("/").split("/")[1:]  # without "v3"
        if parts == ["municipality"]:
            listing = [{"id": "0000", "title": "Riket", "type": "L"}]
            listing += [{"id": k, "title": v, "type": "L"} for k, v in REGION_NAMES.items()]
            return self.page(listing, url.path, query)
        if parts[0] == "kpi" and len(parts) == 2:
            found = [
                {"id": k, "title": self.kpis[k].title}
                for k in parts[1].split(",")
                if k in self.kpis
            ]
            return self.page(found, url.path, query)
        if parts[:2] == ["data", "kpi"] and len(parts) == 7:
            kpi, areas, years = parts[2], parts[4].split(","), parts[6].split(",")
            if len(areas) > 25 or len(years) > 25:
                return Reply(400, {"detail": "at most 25 ids per segment"})
            rows = []
            data = self.kpis.get(kpi)
            for (area, year), value in sorted((data.values if data else {}).items()):
                if area in areas and str(year) in years:
                    rows.append(self.row(kpi, area, year, value, (area, year) in data.deleted))
            return self.page(rows, url.path, query)
        return Reply(404, {"detail": "Not Found"})

    @staticmethod
    def row(kpi: str, area: str, year: int, value: object, deleted: bool) -> dict:
        status = "Missing" if value is None else ""
        other = value + 1 if isinstance(value, float) else value
        return {
            "kpi": kpi,
            "municipality": area,
            "period": year,
            "values": [
                {"gender": "K", "value": other, "status": status, "count": 1},
                {"gender": "T", "value": value, "status": status, "count": 1},
            ],
            "isdeleted": deleted,
        }

    def page(self, rows: list, path: str, query: dict[str, str]) -> Reply:
        page = int(query.get("page", "1"))
        size = min(self.page_size, int(query.get("per_page", "5000")))
        chunk = rows[(page - 1) * size : page * size]
        more = page * size < len(rows)
        next_query = urllib.parse.urlencode({**query, "page": page + 1})
        return Reply(
            200,
            {
                "values": chunk,
                "count": len(chunk),
                self.next_key: f"{self.next_base or self.base}{path}?{next_query}"
                if more
                else None,
                "previous_url": None,
            },
        )


class _Handler(BaseHTTPRequestHandler):
    fake: FakeKolada

    def do_GET(self) -> None:
        fake = self.server.fake  # type: ignore[attr-defined]
        reply = fake.respond(self.path)
        if reply.delay:
            time.sleep(reply.delay)
        body = reply.body
        if not isinstance(body, bytes):
            body = json.dumps(body).encode()  # NaN stays NaN, as a hostile server may send it
        headers = {"Content-Type": "application/json", "Content-Length": str(len(body))}
        if reply.length is not None:
            headers["Content-Length"] = str(reply.length)
        headers.update(reply.headers)
        head = f"HTTP/1.0 {reply.status} {self.responses.get(reply.status, ('',))[0]}\r\n"
        head += "".join(f"{k}: {v}\r\n" for k, v in headers.items()) + "\r\n"
        answer = head.encode("latin-1") + body
        try:
            if not reply.drip:
                self.wfile.write(answer)
                return
            self.wfile.write(answer[: reply.drip_after])
            for i in range(reply.drip_after, len(answer)):
                self.wfile.write(answer[i : i + 1])
                self.wfile.flush()
                time.sleep(reply.drip)
        except OSError:  # the client gave up waiting (the timeout and deadline tests)
            fake.unfinished.append(self.path)

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serve(fake: FakeKolada) -> Iterator[str]:
    """Run `fake` on 127.0.0.1 at a free port; yields the API root (…/v3)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    server.fake = fake  # type: ignore[attr-defined]
    server.handle_error = lambda request, address: None  # type: ignore[method-assign]
    fake.base = f"http://127.0.0.1:{server.server_address[1]}"
    # The loop looks for shutdown() every poll interval: 0,5 s by default, paid by every test.
    thread = threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True)
    thread.start()
    try:
        yield f"{fake.base}/v3"
    finally:
        server.shutdown()
        server.server_close()


def example_kpis(own: str = "0024", years: tuple[int, ...] = (2022, 2023, 2024)) -> dict:
    """One key figure with a value for every region and riket in `years`: region i has
    50 + i + year offset, riket 60."""
    values: dict[tuple[str, int], float | None] = {}
    for year in years:
        for i, area in enumerate(sorted(REGION_NAMES)):
            values[area, year] = 50.0 + i + (year - years[0])
        values["0000", year] = 60.0
    return {"N79176": Kpi("Utskrivningsklara patienter, andel", values)}


@dataclass
class UnthrottledClient(KoladaClient):
    """The real client without its pause between requests (0,2 s by default, some twenty
    pauses a fetch), for tests that fetch through `hsn-report kolada` from a local server:
    patched in as `hsn_analysis.kolada.client.KoladaClient`, which the command looks up when
    it runs. The pause itself is test_kolada's subject, with a clock of its own."""

    min_interval: float = 0.0

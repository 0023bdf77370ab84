"""A thin, polite client of the Kolada v3 API on the standard library.

Polite: at most one request per `min_interval` seconds (about 5 a second by default), retries
with exponential back-off on 429 and 5xx, honouring `Retry-After`. Guarded: every request,
paging link and redirect stays on the base URL's scheme, host and port; each request has a
total deadline and the whole fetch another; bodies are capped in size and nesting depth
(`transport`, `body`). The API is small (three endpoints, paging by `next_url`), so no
client library is needed; the published ones are v2-only or young.
"""

from __future__ import annotations

import time
import urllib.parse
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from hsn_analysis.kolada import body, transport
from hsn_analysis.kolada.errors import (
    KoladaBadReply,
    KoladaError,
    KoladaOffHost,
    KoladaUnreachable,
    Retry,
)
from hsn_analysis.words import kolada_text as text

__all__ = [
    "DEFAULT_BASE_URL",
    "MAX_IDS",
    "PER_PAGE",
    "KoladaBadReply",
    "KoladaClient",
    "KoladaError",
    "KoladaOffHost",
    "KoladaUnreachable",
    "chunks",
]

DEFAULT_BASE_URL = "https://api.kolada.se/v3"
MAX_IDS = 25  # Kolada answers at most 25 comma-separated ids per path segment
PER_PAGE = 5000  # the API's largest page
NEXT_KEYS = ("next_url", "next_page")  # v3 names the next page next_url; next_page is accepted


def chunks(ids: Iterable[str], size: int = MAX_IDS) -> Iterator[list[str]]:
    """The ids in lists of at most `size`, in order."""
    batch: list[str] = []
    for id_ in ids:
        batch.append(id_)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


@dataclass
class KoladaClient:
    """GETs JSON from one API root; `sleep` and `clock` are replaceable for tests.

    One client serves one fetch: `fetch_deadline` counts from its first request.
    """

    base_url: str = DEFAULT_BASE_URL
    timeout: float = 30.0  # seconds one socket operation may wait
    min_interval: float = 0.2
    retries: int = 4
    backoff: float = 1.0  # seconds before the first retry; doubled each time
    sleep: Callable[[float], None] = time.sleep
    clock: Callable[[], float] = time.monotonic
    request_deadline: float = 120.0  # seconds a whole request may take, however it drips
    fetch_deadline: float = 1800.0  # seconds the whole fetch may take, retries included
    max_body: int = transport.Limits.max_body
    max_depth: int = body.MAX_DEPTH
    requests: int = 0
    _last: float | None = field(default=None, repr=False)
    _started: float | None = field(default=None, repr=False)

    def url(self, *segments: str, **query: object) -> str:
        """`base/seg/seg?query`, each segment quoted but commas kept."""
        path = "/".join(urllib.parse.quote(s, safe=",") for s in segments)
        text = f"{self.base_url.rstrip('/')}/{path}"
        return f"{text}?{urllib.parse.urlencode(query)}" if query else text

    def get_json(self, url: str) -> dict[str, Any]:
        """One JSON object, retried on 429/5xx, timeouts and drops; KoladaError when it fails
        for good, when it is off the base URL's host, or when a deadline has passed."""
        origin = transport.Origin.of(self.base_url)
        if origin is None:
            raise KoladaOffHost(self.base_url, text.BAD_SCHEME.format(url=self.base_url))
        limits = transport.Limits(self.timeout, self.request_deadline, self.max_body)
        if self._started is None:
            self._started = time.monotonic()
        attempt = 0
        while True:
            self._throttle()
            left = self._time_left(url)
            try:
                self.requests += 1
                answer = transport.get(url, origin, limits, min(self.request_deadline, left))
                return body.parse(answer, url, self.max_depth)
            except Retry as retry:
                attempt += 1
                wait = retry.wait if retry.wait is not None else self._backoff(attempt)
                left = self._time_left(url)  # a passed fetch deadline is said as such
                if attempt > self.retries or wait >= left:
                    raise KoladaUnreachable(url, retry.reason, retry.status) from None
                self.sleep(wait)

    def pages(self, url: str) -> Iterator[dict[str, Any]]:
        """Every page of a listing, following `next_url` (or `next_page`) until it is null."""
        seen: set[str] = set()
        next_url: str | None = url
        while next_url:
            if next_url in seen:  # a server pointing back would otherwise loop forever
                raise KoladaBadReply(next_url, text.NEXT_SEEN.format(key="next_url"))
            seen.add(next_url)
            page = self.get_json(next_url)
            if not isinstance(page.get("values"), list):
                raise KoladaBadReply(next_url, text.NO_VALUES)
            yield page
            next_url = _next_address(page, next_url)

    def values(self, *segments: str, **query: object) -> list[dict[str, Any]]:
        """The rows of every page of a listing."""
        url = self.url(*segments, **query, per_page=PER_PAGE)
        return [row for page in self.pages(url) for row in page["values"]]

    def _time_left(self, url: str) -> float:
        assert self._started is not None
        left = self.fetch_deadline - (time.monotonic() - self._started)
        if left <= 0:
            raise KoladaUnreachable(url, text.FETCH_DEADLINE.format(seconds=self.fetch_deadline))
        return left

    def _throttle(self) -> None:
        now = self.clock()
        if self._last is not None and now - self._last < self.min_interval:
            self.sleep(self.min_interval - (now - self._last))
            now = self.clock()
        self._last = now

    def _backoff(self, attempt: int) -> float:
        return float(self.backoff * 2 ** (attempt - 1))


def _next_address(page: dict[str, Any], current: str) -> str | None:
    """The next page's address, resolved against the current one; None on the last page.
    A page number is put in the current address's `page` parameter. Where the address
    points is checked by the request, not here."""
    for key in NEXT_KEYS:
        link = page.get(key)
        if link is None or link == "":
            continue
        if isinstance(link, str):
            return urllib.parse.urljoin(current, link)
        if isinstance(link, int) and not isinstance(link, bool):
            parts = urllib.parse.urlsplit(current)
            query = dict(urllib.parse.parse_qsl(parts.query))
            query["page"] = str(link)
            return urllib.parse.urlunsplit(parts._replace(query=urllib.parse.urlencode(query)))
        raise KoladaBadReply(current, text.NEXT_NOT_ADDRESS.format(key=key))
    return None

"""A thin, polite client of the Kolada v3 API on the standard library.

Polite: at most one request per `min_interval` seconds (about 5 a second by default), retries
with exponential back-off on 429 and 5xx, honouring `Retry-After`, and a timeout on each
request. The API is small (three endpoints, paging by `next_url`), so no client library is
needed; the published ones are v2-only or young.
"""

from __future__ import annotations

import json
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from typing import Any

DEFAULT_BASE_URL = "https://api.kolada.se/v3"
MAX_IDS = 25  # Kolada answers at most 25 comma-separated ids per path segment
PER_PAGE = 5000  # the API's largest page
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
MAX_RETRY_AFTER = 120.0  # seconds: a longer wait is not worth a board report's fetch


class KoladaError(Exception):
    """A request that failed for good; `reason` says why in Swedish, `url` which request."""

    def __init__(self, url: str, reason: str, status: int | None = None) -> None:
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason
        self.status = status


class KoladaUnreachable(KoladaError):
    """The service did not answer (refused, timed out, retries used up)."""


class KoladaBadReply(KoladaError):
    """An answer that is not the JSON the API promises."""


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
    """GETs JSON from one API root; `sleep` and `clock` are replaceable for tests."""

    base_url: str = DEFAULT_BASE_URL
    timeout: float = 30.0
    min_interval: float = 0.2
    retries: int = 4
    backoff: float = 1.0  # seconds before the first retry; doubled each time
    sleep: Callable[[float], None] = time.sleep
    clock: Callable[[], float] = time.monotonic
    requests: int = 0
    _last: float | None = field(default=None, repr=False)

    def url(self, *segments: str, **query: object) -> str:
        """`base/seg/seg?query`, each segment quoted but commas kept."""
        path = "/".join(urllib.parse.quote(s, safe=",") for s in segments)
        text = f"{self.base_url.rstrip('/')}/{path}"
        return f"{text}?{urllib.parse.urlencode(query)}" if query else text

    def get_json(self, url: str) -> dict[str, Any]:
        """One JSON object, retried on 429/5xx and on timeouts; KoladaError when it fails."""
        attempt = 0
        while True:
            self._throttle()
            try:
                return self._get_once(url)
            except _Retry as retry:
                attempt += 1
                if attempt > self.retries:
                    raise KoladaUnreachable(url, retry.reason, retry.status) from None
                self.sleep(retry.wait if retry.wait is not None else self._backoff(attempt))

    def pages(self, url: str) -> Iterator[dict[str, Any]]:
        """Every page of a listing, following `next_url` until it is null."""
        seen: set[str] = set()
        next_url: str | None = url
        while next_url:
            if next_url in seen:  # a server pointing back would otherwise loop forever
                raise KoladaBadReply(next_url, "next_url pekar på en sida som redan hämtats")
            seen.add(next_url)
            page = self.get_json(next_url)
            values = page.get("values")
            if not isinstance(values, list):
                raise KoladaBadReply(next_url, "svaret saknar listan values")
            yield page
            next_url = page.get("next_url") or None
            if next_url is not None and not isinstance(next_url, str):
                raise KoladaBadReply(url, "next_url är inte en adress")

    def values(self, *segments: str, **query: object) -> list[dict[str, Any]]:
        """The rows of every page of a listing."""
        url = self.url(*segments, **query, per_page=PER_PAGE)
        return [row for page in self.pages(url) for row in page["values"]]

    def _get_once(self, url: str) -> dict[str, Any]:
        request = urllib.request.Request(url, headers={"Accept": "application/json"})
        self.requests += 1
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                body = response.read()
        except urllib.error.HTTPError as exc:
            if exc.code in RETRY_STATUSES:
                wait = _retry_after(exc.headers.get("Retry-After"))
                raise _Retry(f"svarade {exc.code}", exc.code, wait) from None
            raise KoladaError(url, f"svarade {exc.code} {exc.reason}", exc.code) from None
        except TimeoutError as exc:
            raise _Retry(f"inget svar inom {self.timeout:g} s", None, None) from exc
        except urllib.error.URLError as exc:
            if isinstance(exc.reason, TimeoutError | socket.timeout):
                raise _Retry(f"inget svar inom {self.timeout:g} s", None, None) from exc
            raise KoladaUnreachable(url, str(exc.reason)) from None
        except (ConnectionError, OSError) as exc:  # reset mid-answer, and the like
            raise _Retry(str(exc), None, None) from exc
        try:
            document = json.loads(body)
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise KoladaBadReply(url, f"inte JSON ({exc})") from None
        if not isinstance(document, dict):
            raise KoladaBadReply(url, "svaret är inte ett JSON-objekt")
        return document

    def _throttle(self) -> None:
        now = self.clock()
        if self._last is not None and now - self._last < self.min_interval:
            self.sleep(self.min_interval - (now - self._last))
            now = self.clock()
        self._last = now

    def _backoff(self, attempt: int) -> float:
        return float(self.backoff * 2 ** (attempt - 1))


class _Retry(Exception):
    """A failure worth another try: 429, 5xx, a timeout, a dropped connection."""

    def __init__(self, reason: str, status: int | None, wait: float | None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.status = status
        self.wait = wait


def _retry_after(value: str | None) -> float | None:
    """Seconds to wait from a `Retry-After` header (seconds or an HTTP date), capped."""
    if not value:
        return None
    value = value.strip()
    try:
        seconds = float(value)
    except ValueError:
        try:
            moment = parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return None
        seconds = moment.timestamp() - time.time()
    return min(max(seconds, 0.0), MAX_RETRY_AFTER)

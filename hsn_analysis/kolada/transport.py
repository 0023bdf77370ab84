"""One GET that stays on its server, ends by a deadline and reads at most a capped body.

The standard library's `urlopen` follows redirects anywhere, opens `file://` and times out
per socket read only, so a server dripping a byte at a time is never cut off. Here a request
is one `http.client` exchange per hop: a redirect is followed only to the same scheme, host and
port, and a watchdog shuts the socket when the request's whole time is up.
"""

from __future__ import annotations

import contextlib
import http.client
import socket
import ssl
import threading
import time
import urllib.parse
from dataclasses import dataclass
from email.message import Message
from email.utils import parsedate_to_datetime

from hsn_analysis.kolada.errors import (
    KoladaBadReply,
    KoladaError,
    KoladaOffHost,
    KoladaUnreachable,
    Retry,
)
from hsn_analysis.words import kolada_text as text

DEFAULT_PORTS = {"http": 80, "https": 443}
REDIRECTS = frozenset({301, 302, 303, 307, 308})
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
MAX_RETRY_AFTER = 120.0  # seconds: a longer wait is not worth a board report's fetch
READ_SIZE = 64 * 1024


@dataclass(frozen=True)
class Origin:
    """The scheme, host and port every request of a fetch must go to."""

    scheme: str
    host: str
    port: int

    @classmethod
    def of(cls, url: str) -> Origin | None:
        """The origin of an http(s) URL; None for any other scheme or a URL without a host."""
        try:
            parts = urllib.parse.urlsplit(url)
            port = parts.port
        except ValueError:  # a port that is not a number
            return None
        scheme = parts.scheme.lower()
        if scheme not in DEFAULT_PORTS or not parts.hostname:
            return None
        return cls(scheme, parts.hostname.lower(), port or DEFAULT_PORTS[scheme])

    def __str__(self) -> str:
        return f"{self.scheme}://{self.host}:{self.port}"

    def check(self, url: str) -> None:
        """KoladaOffHost naming `url` unless it lies on this origin."""
        other = Origin.of(url)
        if other is None:
            raise KoladaOffHost(url, text.BAD_SCHEME.format(url=url))
        if other != self:
            raise KoladaOffHost(url, text.OFF_HOST.format(url=url, origin=self))


@dataclass(frozen=True)
class Limits:
    """How long one socket operation and one whole request may take, and how much may come."""

    read_timeout: float = 30.0
    request_deadline: float = 120.0
    max_body: int = 32 * 1024 * 1024
    max_redirects: int = 5


def get(url: str, origin: Origin, limits: Limits, seconds: float) -> bytes:
    """The body of a 200 answer to GET `url`, following on-origin redirects, all within
    `seconds`. Raises Retry for what may pass (429, 5xx, timeouts, drops) and KoladaError
    for what will not."""
    ends = time.monotonic() + seconds
    for _ in range(limits.max_redirects + 1):
        origin.check(url)
        status, headers, body = _exchange(url, limits, ends - time.monotonic())
        if status in REDIRECTS:
            location = headers.get("Location")
            if not location:
                raise KoladaBadReply(url, text.REDIRECT_WITHOUT_LOCATION.format(status=status))
            url = urllib.parse.urljoin(url, location)
            continue
        if status in RETRY_STATUSES:
            wait = retry_after(headers.get("Retry-After"))
            raise Retry(text.ANSWERED.format(status=status), status, wait)
        if status != 200:
            raise KoladaError(url, text.ANSWERED.format(status=status), status)
        return body
    raise KoladaBadReply(url, text.TOO_MANY_REDIRECTS.format(n=limits.max_redirects))


def _exchange(url: str, limits: Limits, seconds: float) -> tuple[int, Message, bytes]:
    """One request and its answer; the watchdog cuts the connection after `seconds`."""
    if seconds <= 0:
        raise Retry(text.REQUEST_DEADLINE.format(seconds=limits.request_deadline))
    parts = urllib.parse.urlsplit(url)
    kind = http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
    connection = kind(parts.hostname or "", parts.port, timeout=min(limits.read_timeout, seconds))
    expired = threading.Event()
    opened: list[socket.socket] = []  # the connection lets go of its socket once answered

    def cut() -> None:
        expired.set()
        for sock in opened:
            with contextlib.suppress(OSError):  # already closed: nothing left to cut
                sock.shutdown(socket.SHUT_RDWR)

    watchdog = threading.Timer(seconds, cut)
    watchdog.daemon = True
    watchdog.start()
    path = urllib.parse.urlunsplit(("", "", parts.path or "/", parts.query, ""))
    try:
        connection.connect()
        opened.append(connection.sock)
        if expired.is_set():  # the time ran out while connecting
            raise TimeoutError
        connection.request("GET", path, headers={"Accept": "application/json"})
        response = connection.getresponse()
        body = _read_capped(url, response, limits.max_body) if response.status == 200 else b""
        return response.status, response.headers, body
    except KoladaError:
        raise
    except Exception as exc:
        if expired.is_set():
            raise Retry(text.REQUEST_DEADLINE.format(seconds=limits.request_deadline)) from None
        raise _failure(url, exc, limits) from None
    finally:
        watchdog.cancel()
        connection.close()


def _read_capped(url: str, response: http.client.HTTPResponse, limit: int) -> bytes:
    """The whole body, or KoladaBadReply when it is larger than `limit` bytes."""
    declared = response.getheader("Content-Length")
    if declared and declared.strip().isdigit() and int(declared) > limit:
        raise KoladaBadReply(url, text.TOO_LARGE.format(limit=limit))
    pieces: list[bytes] = []
    size = 0
    while piece := response.read1(READ_SIZE):  # one socket read each: the watchdog can cut
        size += len(piece)
        if size > limit:
            raise KoladaBadReply(url, text.TOO_LARGE.format(limit=limit))
        pieces.append(piece)
    body = b"".join(pieces)
    if response.length:  # the connection closed before the promised length came
        raise http.client.IncompleteRead(body, response.length)
    return body


def _failure(url: str, exc: Exception, limits: Limits) -> Exception:
    """The exception of the client's vocabulary for a low-level one."""
    if isinstance(exc, http.client.IncompleteRead):
        promised = len(exc.partial) + exc.expected if exc.expected is not None else None
        expected = text.TRUNCATED_EXPECTED.format(n=promised) if promised else ""
        return Retry(text.TRUNCATED.format(got=len(exc.partial), expected=expected))
    if isinstance(exc, TimeoutError | socket.timeout):
        return Retry(text.NO_ANSWER.format(seconds=limits.read_timeout))
    if isinstance(exc, ConnectionRefusedError | socket.gaierror | ssl.SSLCertVerificationError):
        return KoladaUnreachable(url, str(exc))
    if isinstance(exc, OSError | http.client.RemoteDisconnected | http.client.BadStatusLine):
        return Retry(str(exc) or type(exc).__name__)
    # the rest: too many or too long header lines and the like, which no retry will mend
    return KoladaBadReply(url, f"{type(exc).__name__}: {exc}")


def retry_after(value: str | None) -> float | None:
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

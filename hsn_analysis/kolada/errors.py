"""What can go wrong in a request to Kolada: the failures a fetch reports, and a retryable one."""

from __future__ import annotations


class KoladaError(Exception):
    """A request that failed for good; `reason` says why in Swedish, `url` which request."""

    def __init__(self, url: str, reason: str, status: int | None = None) -> None:
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason
        self.status = status


class KoladaUnreachable(KoladaError):
    """The service did not answer (refused, timed out, deadline passed, retries used up)."""


class KoladaBadReply(KoladaError):
    """An answer that is not the JSON the API promises (malformed, too large, too deep)."""


class KoladaOffHost(KoladaError):
    """The server sent the client elsewhere (another host, port or scheme, or a file)."""


class Retry(Exception):
    """A failure worth another try: 429, 5xx, a timeout, a dropped or truncated answer."""

    def __init__(self, reason: str, status: int | None = None, wait: float | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.status = status
        self.wait = wait

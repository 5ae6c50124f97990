"""Polite, bounded fetching: the only module that touches the network.

Every outcome is a FetchResult value; network and HTTP trouble never raises. Limits follow what
trusted feed readers do: a total deadline per request, a cap on decoded bytes (so gzip bombs stop
early), a few re-checked redirects, and no connections to private networks unless allowed.
"""

from __future__ import annotations

import http.client
import ipaddress
import math
import os
import re
import socket
import ssl
import stat
import threading
import time
import zlib
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from urllib.parse import quote, unquote, urljoin, urlsplit

from .model import (
    STATUS_ERROR,
    STATUS_HTTP_ERROR,
    STATUS_NOT_MODIFIED,
    STATUS_OK,
    STATUS_REFUSED,
    STATUS_TIMEOUT,
    STATUS_TOO_LARGE,
    FetchResult,
)
from .urls import host_ip, is_public_ip

__all__ = [
    "FetchPolicy",
    "fetch_url",
    "fetch_local",
    "mirror_path",
    "parse_retry_after",
    "retry_after_seconds",
]

_DEFAULT_PORTS = {"http": 80, "https": 443}
_REDIRECT_CODES = frozenset({301, 302, 303, 307, 308})
_CHUNK = 64 * 1024
_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/rdf+xml, application/xml;q=0.9, "
    "text/xml;q=0.9, text/html;q=0.8, */*;q=0.5"
)
# Printable ASCII except space: what may appear verbatim in a request target.
_TARGET_SAFE = "".join(chr(c) for c in range(33, 127))
_LABEL = r"[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?"
_HOSTNAME_RE = re.compile(rf"^{_LABEL}(?:\.{_LABEL})*$")
_RETRY_NOTE_RE = re.compile(r"retry after (\d+) s")


@dataclass(frozen=True)
class FetchPolicy:
    """Limits and permissions for one fetch."""

    user_agent: str = "NewsDigest/0.1 (+https://github.com/)"
    connect_timeout: float = 5.0
    total_timeout: float = 30.0  # whole request incl. redirects and body, enforced while reading
    max_bytes: int = 15 * 1024 * 1024  # cap on DECODED bytes (gzip/deflate bombs included)
    max_redirects: int = 5
    allow_hosts: frozenset[str] = frozenset()  # hosts/IPs allowed even if private/loopback
    local_root: Path | None = None  # local files are readable only below this folder
    retry_after_cap: float = 7 * 86400


class _Refused(Exception):
    """The URL or its address is not allowed; nothing was sent."""


class _TooLarge(Exception):
    """The decoded body passed the cap."""


class _Deadline(Exception):
    """The total time budget ran out."""


@dataclass(frozen=True)
class _Target:
    scheme: str
    host: str  # ASCII, as sent in Host and SNI
    port: int
    request_target: str
    addresses: tuple[str, ...]  # checked IPs to connect to, in resolver order


@dataclass(frozen=True)
class _Redirect:
    location: str


# ---------------------------------------------------------------------------------------------
# Address checks (SSRF)


def _resolve(host: str, port: int, timeout: float) -> list[str]:
    """getaddrinfo with a deadline (the resolver itself has none)."""
    box: dict[str, object] = {}

    def run() -> None:
        try:
            box["infos"] = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except (OSError, UnicodeError) as exc:
            box["error"] = exc

    worker = threading.Thread(target=run, name=f"resolve {host}", daemon=True)
    worker.start()
    worker.join(max(timeout, 0.0))
    if worker.is_alive():
        raise _Deadline(f"DNS lookup of {host} timed out")
    if "error" in box:
        raise OSError(f"DNS lookup of {host} failed: {box['error']}")
    addresses: list[str] = []
    for _family, _type, _proto, _canon, sockaddr in box["infos"]:  # type: ignore[union-attr]
        address = str(sockaddr[0]).split("%", 1)[0]
        if address not in addresses:
            addresses.append(address)
    if not addresses:
        raise OSError(f"DNS lookup of {host} gave no address")
    return addresses


def _checked_addresses(host: str, port: int, policy: FetchPolicy, deadline: float) -> list[str]:
    host = host.lower().rstrip(".") if ":" not in host else host.lower()
    if not host:
        raise _Refused("empty host")
    allowed_name = host in policy.allow_hosts
    try:
        literal = host_ip(host)
    except ValueError as exc:
        raise _Refused(str(exc)) from None
    if literal is not None:
        addresses = [str(literal)]
    else:
        if not _HOSTNAME_RE.match(host) or len(host) > 253:
            raise _Refused(f"bad host name: {host!r}")
        addresses = _resolve(host, port, deadline - time.monotonic())
    # Refuse when any answer is private: a mixed answer is how rebinding tricks start.
    for address in addresses:
        ip = ipaddress.ip_address(address)
        if allowed_name or str(ip) in policy.allow_hosts or is_public_ip(ip):
            continue
        raise _Refused(f"address not allowed: {host} -> {ip}")
    return addresses


def _target_for(url: str, policy: FetchPolicy, deadline: float) -> _Target:
    try:
        parts = urlsplit(url.strip())
        scheme = parts.scheme.lower()
        if scheme not in _DEFAULT_PORTS:
            raise _Refused(f"scheme not allowed: {scheme or '(none)'}")
        hostname = parts.hostname or ""
        port = parts.port or _DEFAULT_PORTS[scheme]
    except ValueError as exc:
        raise _Refused(f"bad URL: {exc}") from None
    if ":" not in hostname and not hostname.isascii():
        try:
            hostname = hostname.encode("idna").decode("ascii")
        except UnicodeError:
            raise _Refused(f"bad host name: {hostname!r}") from None
    addresses = _checked_addresses(hostname, port, policy, deadline)
    target = quote(parts.path or "/", safe=_TARGET_SAFE)
    if parts.query:
        target += "?" + quote(parts.query, safe=_TARGET_SAFE)
    host = hostname.lower().rstrip(".") if ":" not in hostname else hostname.lower()
    return _Target(scheme, host, port, target, tuple(addresses))


# ---------------------------------------------------------------------------------------------
# Connections pinned to a checked address, with a watchdog for the total deadline


class _Watchdog:
    """Shuts the current socket down when the deadline passes, waking any blocked read."""

    def __init__(self, deadline: float) -> None:
        self.fired = False
        self._sock: socket.socket | None = None
        self._lock = threading.Lock()
        self._timer = threading.Timer(max(deadline - time.monotonic(), 0.0), self._fire)
        self._timer.daemon = True
        self._timer.start()

    def watch(self, sock: socket.socket) -> None:
        with self._lock:
            self._sock = sock
            if self.fired:
                self._shutdown()

    def _fire(self) -> None:
        with self._lock:
            self.fired = True
            self._shutdown()

    def _shutdown(self) -> None:
        if self._sock is None:
            return
        try:
            # The base-class method: SSLSocket.shutdown would drop its TLS state under a reader.
            socket.socket.shutdown(self._sock, socket.SHUT_RDWR)
        except OSError:
            pass

    def cancel(self) -> None:
        self._timer.cancel()


def _open_socket(address: str, port: int, timeout: float) -> socket.socket:
    return socket.create_connection((address, port), timeout=timeout)


class _PinnedHTTPConnection(http.client.HTTPConnection):
    def __init__(self, target: _Target, address: str, policy: FetchPolicy, deadline: float,
                 watchdog: _Watchdog) -> None:
        super().__init__(target.host, target.port)
        self._address = address
        self._policy = policy
        self._deadline = deadline
        self._watchdog = watchdog

    def _pinned_socket(self) -> socket.socket:
        remaining = self._deadline - time.monotonic()
        if remaining <= 0:
            raise _Deadline("deadline passed before connecting")
        sock = _open_socket(self._address, self.port, min(self._policy.connect_timeout, remaining))
        self._watchdog.watch(sock)
        # Per-read timeout; the watchdog enforces the total.
        sock.settimeout(max(self._deadline - time.monotonic(), 0.001))
        return sock

    def connect(self) -> None:
        self.sock = self._pinned_socket()


_TLS_CONTEXT: ssl.SSLContext | None = None


def _tls_context() -> ssl.SSLContext:
    global _TLS_CONTEXT
    if _TLS_CONTEXT is None:
        _TLS_CONTEXT = ssl.create_default_context()
    return _TLS_CONTEXT


class _PinnedHTTPSConnection(_PinnedHTTPConnection):
    default_port = 443

    def connect(self) -> None:
        sock = self._pinned_socket()
        # SNI and certificate check use the URL's host, not the pinned IP.
        tls = _tls_context().wrap_socket(sock, server_hostname=self.host)
        self._watchdog.watch(tls)
        self.sock = tls


# ---------------------------------------------------------------------------------------------
# Body decoding under a cap


class _Decoder:
    """Decodes a Content-Encoding incrementally, never producing more than `limit` bytes."""

    def __init__(self, encoding: str, limit: int) -> None:
        self.encoding = encoding
        self.limit = limit
        self.total = 0
        self._raw_total = 0
        self._parts: list[bytes] = []
        self._z: zlib._Decompress | None = None  # type: ignore[name-defined]
        self._members = 0
        self._pending = b""
        self._done = False

    def _new_decompressor(self, first: bytes) -> zlib._Decompress:  # type: ignore[name-defined]
        if self.encoding == "gzip":
            return zlib.decompressobj(16 + zlib.MAX_WBITS)
        # "deflate" should be zlib-wrapped, but many servers send a raw stream.
        wrapped = (
            len(first) >= 2 and (first[0] & 0x0F) == 8 and (first[0] * 256 + first[1]) % 31 == 0
        )
        return zlib.decompressobj(zlib.MAX_WBITS if wrapped else -zlib.MAX_WBITS)

    def _append(self, piece: bytes) -> None:
        self.total += len(piece)
        if self.total > self.limit:
            raise _TooLarge(f"body larger than {self.limit} bytes")
        self._parts.append(piece)

    def feed(self, chunk: bytes) -> None:
        self._raw_total += len(chunk)
        if self._raw_total > self.limit:
            raise _TooLarge(f"body larger than {self.limit} bytes")
        if self.encoding == "identity":
            self._append(chunk)
            return
        data, self._pending = self._pending + chunk, b""
        while data and not self._done:
            if self._z is None:
                if self._members and len(data) < 2 and b"\x1f\x8b".startswith(data):
                    self._pending = data  # the next member's magic is split across chunks
                    return
                if self._members and not (self.encoding == "gzip" and data[:2] == b"\x1f\x8b"):
                    self._done = True  # trailing bytes after the stream are ignored
                    return
                self._z = self._new_decompressor(data)
            # max_length bounds the memory one small compressed chunk can expand into.
            self._append(self._z.decompress(data, self.limit - self.total + 1))
            data = self._z.unconsumed_tail
            if self._z.eof:
                # gzip allows several members back to back; the next may start in a later chunk.
                self._members += 1
                data, self._z = self._z.unused_data, None

    def finish(self) -> bytes:
        if self._z is not None:
            raise zlib.error("compressed body ended early")
        return b"".join(self._parts)


def _content_encoding(value: str) -> str | None:
    codings = [c.strip().lower() for c in value.split(",") if c.strip()]
    codings = [c for c in codings if c != "identity"]
    if not codings:
        return "identity"
    if len(codings) == 1 and codings[0] in ("gzip", "x-gzip"):
        return "gzip"
    if len(codings) == 1 and codings[0] == "deflate":
        return "deflate"
    return None


def _read_body(response: http.client.HTTPResponse, limit: int) -> bytes:
    encoding = _content_encoding(response.getheader("Content-Encoding", "") or "")
    if encoding is None:
        raise ValueError(f"unsupported Content-Encoding: {response.getheader('Content-Encoding')}")
    length = response.getheader("Content-Length")
    if length and length.strip().isdigit() and int(length) > limit:
        raise _TooLarge(f"Content-Length {int(length)} larger than {limit} bytes")
    decoder = _Decoder(encoding, limit)
    while True:
        chunk = response.read1(_CHUNK)
        if not chunk:
            break
        decoder.feed(chunk)
    return decoder.finish()


# ---------------------------------------------------------------------------------------------
# Retry-After


def parse_retry_after(value: str, now: datetime, cap: float) -> float | None:
    """Seconds to wait from a Retry-After value (delay-seconds or HTTP date); None if invalid."""
    value = (value or "").strip()
    if not value:
        return None
    if value.isascii() and value.isdigit():
        return float(min(int(value), cap))
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if when is None:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return float(min(max((when - now).total_seconds(), 0.0), cap))


def retry_after_seconds(result: FetchResult) -> float | None:
    """The Retry-After delay fetch_url noted in a result's error text, if any."""
    match = _RETRY_NOTE_RE.search(result.error or "")
    return float(match.group(1)) if match else None


def _server_now(response: http.client.HTTPResponse) -> datetime:
    # An HTTP-date Retry-After is relative to the server's clock when it sent one.
    date = response.getheader("Date")
    if date:
        try:
            parsed = parsedate_to_datetime(date)
            if parsed is not None:
                return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
        except (TypeError, ValueError, IndexError, OverflowError):
            pass
    return datetime.now(UTC)


# ---------------------------------------------------------------------------------------------
# HTTP


def _request_headers(policy: FetchPolicy, etag: str | None, last_modified: str | None
                     ) -> dict[str, str]:
    headers = {
        "User-Agent": policy.user_agent,
        "Accept": _ACCEPT,
        "Accept-Encoding": "gzip, deflate",
        "Connection": "close",
    }
    # Validators go back verbatim; one a server garbled with line breaks is dropped, not sent.
    if etag and not re.search(r"[\r\n\x00]", etag):
        headers["If-None-Match"] = etag
    if last_modified and not re.search(r"[\r\n\x00]", last_modified):
        headers["If-Modified-Since"] = last_modified
    return headers


def _connect(target: _Target, policy: FetchPolicy, deadline: float, watchdog: _Watchdog
             ) -> _PinnedHTTPConnection:
    cls = _PinnedHTTPSConnection if target.scheme == "https" else _PinnedHTTPConnection
    last_error: Exception | None = None
    for address in target.addresses:
        conn = cls(target, address, policy, deadline, watchdog)
        try:
            conn.connect()
            return conn
        except (OSError, ssl.SSLError) as exc:
            conn.close()
            last_error = exc
            if time.monotonic() >= deadline:
                break
    raise last_error or OSError("no address to connect to")


def _result_for_response(url: str, response: http.client.HTTPResponse, policy: FetchPolicy,
                         etag: str | None, last_modified: str | None) -> FetchResult | _Redirect:
    status = response.status
    content_type = response.getheader("Content-Type", "") or ""
    new_etag = response.getheader("ETag")
    new_modified = response.getheader("Last-Modified")
    if status == 304:
        return FetchResult(STATUS_NOT_MODIFIED, url, http_status=304,
                           etag=new_etag or etag, last_modified=new_modified or last_modified,
                           content_type=content_type)
    if status in _REDIRECT_CODES:
        location = (response.getheader("Location") or "").strip()
        if location:
            return _Redirect(urljoin(url, location))
    if 200 <= status < 300:
        body = _read_body(response, policy.max_bytes)
        return FetchResult(STATUS_OK, url, body=body, http_status=status, etag=new_etag,
                           last_modified=new_modified, content_type=content_type)
    error = f"HTTP {status} {response.reason}".strip()
    if status in (429, 503):
        delay = parse_retry_after(response.getheader("Retry-After") or "", _server_now(response),
                                  policy.retry_after_cap)
        if delay is not None:
            error += f"; retry after {math.ceil(delay)} s"
    return FetchResult(STATUS_HTTP_ERROR, url, http_status=status, error=error,
                       content_type=content_type)


def _fetch_once(url: str, policy: FetchPolicy, deadline: float, etag: str | None,
                last_modified: str | None) -> FetchResult | _Redirect:
    try:
        target = _target_for(url, policy, deadline)
    except _Refused as exc:
        return FetchResult(STATUS_REFUSED, url, error=str(exc))
    except _Deadline as exc:
        return FetchResult(STATUS_TIMEOUT, url, error=str(exc))
    except OSError as exc:
        return FetchResult(STATUS_ERROR, url, error=str(exc))
    watchdog = _Watchdog(deadline)
    conn: _PinnedHTTPConnection | None = None
    try:
        conn = _connect(target, policy, deadline, watchdog)
        conn.putrequest("GET", target.request_target, skip_accept_encoding=True)
        for name, value in _request_headers(policy, etag, last_modified).items():
            conn.putheader(name, value)
        conn.endheaders()
        response = conn.getresponse()
        result = _result_for_response(url, response, policy, etag, last_modified)
        if watchdog.fired:
            # The deadline cut the stream; what looks like a clean end may be a truncated body.
            return FetchResult(STATUS_TIMEOUT, url, error=f"no complete answer within "
                               f"{policy.total_timeout:g} s")
        return result
    except _TooLarge as exc:
        return FetchResult(STATUS_TOO_LARGE, url, error=str(exc))
    except Exception as exc:  # every failure becomes a value for this feed, never a crash
        if watchdog.fired or isinstance(exc, (TimeoutError, socket.timeout, _Deadline)):
            return FetchResult(STATUS_TIMEOUT, url,
                               error=f"no complete answer within {policy.total_timeout:g} s")
        return FetchResult(STATUS_ERROR, url, error=f"{type(exc).__name__}: {exc}".strip())
    finally:
        watchdog.cancel()
        if conn is not None:
            conn.close()


def fetch_url(url: str, policy: FetchPolicy, etag: str | None = None,
              last_modified: str | None = None) -> FetchResult:
    """GET an http(s) URL within the policy's limits; problems come back as a status, not raised."""
    deadline = time.monotonic() + policy.total_timeout
    current = url
    for _hop in range(policy.max_redirects + 1):
        outcome = _fetch_once(current, policy, deadline, etag, last_modified)
        if isinstance(outcome, FetchResult):
            return outcome
        current = outcome.location
    return FetchResult(STATUS_ERROR, current,
                       error=f"more than {policy.max_redirects} redirects")


# ---------------------------------------------------------------------------------------------
# Local files and the offline mirror


def fetch_local(path: Path, policy: FetchPolicy) -> FetchResult:
    """Read a regular file whose real path lies inside policy.local_root, up to max_bytes."""
    name = str(path)
    if policy.local_root is None:
        return FetchResult(STATUS_REFUSED, name, error="local files are not allowed")
    try:
        root = Path(os.path.realpath(policy.local_root))
        real = Path(os.path.realpath(path))
    except (OSError, ValueError) as exc:
        return FetchResult(STATUS_REFUSED, name, error=f"bad path: {exc}")
    if real != root and not real.is_relative_to(root):
        return FetchResult(STATUS_REFUSED, name, error="path is outside the allowed folder")
    try:
        # O_NOFOLLOW on the resolved path: a symlink swapped in after the check is not followed.
        flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
        fd = os.open(real, flags)
    except FileNotFoundError:
        return FetchResult(STATUS_ERROR, name, error="file not found")
    except OSError as exc:
        return FetchResult(STATUS_ERROR, name, error=f"cannot open: {exc.strerror or exc}")
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        # A folder, FIFO or device inside the root could fail, block or never end.
        os.close(fd)
        return FetchResult(STATUS_REFUSED, name, error="not a regular file")
    with os.fdopen(fd, "rb") as handle:
        body = handle.read(policy.max_bytes + 1)
    if len(body) > policy.max_bytes:
        error = f"file larger than {policy.max_bytes} bytes"
        return FetchResult(STATUS_TOO_LARGE, name, error=error)
    return FetchResult(STATUS_OK, name, body=body)


_MIRROR_HOST_RE = re.compile(r"^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$")


def mirror_path(url: str, mirror_root: Path) -> Path | None:
    """Map https://host/a/b.html to mirror_root/host/a/b.html; None if it could leave the root."""
    try:
        parts = urlsplit(url.strip())
        if parts.scheme.lower() not in _DEFAULT_PORTS:
            return None
        host = (parts.hostname or "").rstrip(".")
    except ValueError:
        return None
    if not _MIRROR_HOST_RE.match(host) or len(host) > 253:
        return None
    try:
        path = unquote(parts.path, errors="strict")
    except UnicodeDecodeError:
        return None
    segments: list[str] = []
    for raw in path.split("/"):
        if raw in ("", "."):
            continue
        if raw == ".." or "\\" in raw or "\x00" in raw or len(raw.encode("utf-8", "replace")) > 255:
            return None
        if any(ord(c) < 32 or c == "\x7f" for c in raw):
            return None
        segments.append(raw)
    if not parts.path or parts.path.endswith("/") or not segments:
        segments.append("index.html")
    root = Path(os.path.abspath(mirror_root))
    candidate = Path(os.path.normpath(root.joinpath(host, *segments)))
    if not candidate.is_relative_to(root / host):
        return None
    return candidate

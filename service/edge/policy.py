"""Which Host names the server answers to and which web origins may send it state-changing requests.

Loopback names (localhost, 127.0.0.1, ::1) are always allowed: a DNS-rebinding page reaches the server under the
attacker's own name, never under a loopback one. Other names come from WIREBRIEF_ALLOWED_HOSTS; with none set, a
loopback bind answers to loopback names only and a public bind (which always has credentials) to any name.

An origin is trusted when it is listed in WIREBRIEF_ALLOWED_ORIGINS, is one of the loopback origins of the
configured port, or is the request's own origin (its host:port is the Host header, itself allowed).
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from service.errors import WirebriefError
from service.security import is_loopback

LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1")
ANY = "*"


class EdgeSettingError(WirebriefError):
    code = "bad_setting"
    status = 500


def host_name(host: str) -> str:
    """The name part of a Host header value: 'Example.org:8080' → 'example.org', '[::1]:7860' → '::1'."""
    host = host.strip().lower()
    if host.startswith("["):
        return host[1 : host.find("]")] if "]" in host else host
    if host.count(":") == 1:
        return host.split(":", 1)[0]
    return host


def normalize_origin(origin: str) -> str | None:
    """'HTTPS://Example.org/' → 'https://example.org'; None when it is not scheme://host[:port]."""
    try:
        parts = urlsplit(origin.strip())
        parts.port  # noqa: B018 — raises ValueError on a bad port
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname or parts.path not in ("", "/"):
        return None
    if parts.query or parts.fragment or parts.username or parts.password:
        return None
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"


@dataclass(frozen=True)
class EdgePolicy:
    hosts: frozenset[str]
    any_host: bool
    origins: frozenset[str]
    cors_origins: tuple[str, ...]

    @classmethod
    def from_settings(cls, settings) -> "EdgePolicy":
        configured = [h.strip().lower() for h in settings.allowed_hosts if h.strip()]
        any_host = ANY in configured or (not configured and not is_loopback(settings.host))
        hosts = {host_name(h) for h in configured if h != ANY} | set(LOOPBACK_NAMES)
        if is_loopback(settings.host):
            hosts.add(host_name(settings.host))
        cors = []
        for origin in settings.allowed_origins:
            normal = normalize_origin(origin)
            if normal is None:
                raise EdgeSettingError(
                    f"WIREBRIEF_ALLOWED_ORIGINS: {origin!r} is not an origin; write scheme://host[:port], "
                    "e.g. https://wirebrief.example.org"
                )
            cors.append(normal)
        own = {f"{scheme}://{name}:{settings.port}" for scheme in ("http", "https")
               for name in ("localhost", "127.0.0.1", "[::1]")}
        return cls(frozenset(hosts), any_host, frozenset(cors) | own, tuple(cors))

    def host_allowed(self, host: str | None) -> bool:
        if not host:
            return False
        return self.any_host or host_name(host) in self.hosts

    def origin_allowed(self, origin: str, host: str | None) -> bool:
        normal = normalize_origin(origin)
        if normal is None:  # 'null' (sandboxed frames, file://) and anything malformed
            return False
        if normal in self.origins:
            return True
        own = bool(host) and normal.split("://", 1)[1] == host.strip().lower()
        return own and self.host_allowed(host)

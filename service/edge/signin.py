"""Who is signed in, and how often a client may fail to sign in.

* the REST bearer token (WIREBRIEF_API_TOKEN), compared in constant time;
* the web app's login session: the cookie Gradio sets at /login, looked up in the mounted Gradio app's tokens;
* ``FailureLimiter``: failed sign-ins (web login, wrong bearer token) per client address in a sliding minute
  (WIREBRIEF_MAX_LOGIN_FAILURES); past the limit every sign-in attempt from that address gets 429 with Retry-After.
"""

from __future__ import annotations

import hmac
import math
import time
from collections import OrderedDict, deque


def bearer_token(authorization: str | None) -> str | None:
    """The token of an 'Authorization: Bearer <token>' header, or None."""
    scheme, _, token = (authorization or "").partition(" ")
    return token.strip() if scheme.lower() == "bearer" else None


def token_matches(presented: str | None, expected: bytes | None) -> bool:
    if presented is None or expected is None:
        return False
    return hmac.compare_digest(presented.encode("utf-8"), expected)


def ui_session_user(ui_app, cookies: dict[str, str]) -> str | None:
    """The user signed in to the web app with these cookies (Gradio's login cookies), or None."""
    if ui_app is None:
        return None
    cookie_id = getattr(ui_app, "cookie_id", None)
    token = cookies.get(f"access-token-{cookie_id}") or cookies.get(f"access-token-unsecure-{cookie_id}")
    return ui_app.tokens.get(token) if token else None


class FailureLimiter:
    """At most ``limit`` failures per client in any ``window`` seconds. Runs on the event loop (no lock needed);
    remembers at most ``max_clients`` addresses (the oldest are forgotten first)."""

    def __init__(self, limit: int, window: float = 60.0, *, clock=time.monotonic, max_clients: int = 10_000):
        self.limit, self.window, self.clock, self.max_clients = limit, window, clock, max_clients
        self._failures: OrderedDict[str, deque[float]] = OrderedDict()

    def _recent(self, client: str) -> deque[float]:
        times = self._failures.get(client)
        if times is None:
            return deque()
        cutoff = self.clock() - self.window
        while times and times[0] <= cutoff:
            times.popleft()
        if not times:
            del self._failures[client]
        return times

    def retry_after(self, client: str) -> int:
        """Seconds until ``client`` may try again; 0 when it may try now."""
        times = self._recent(client)
        if len(times) < self.limit:
            return 0
        return max(1, math.ceil(times[-self.limit] + self.window - self.clock()))

    def failed(self, client: str) -> None:
        times = self._failures.pop(client, None) or deque()
        times.append(self.clock())
        self._failures[client] = times
        while len(self._failures) > self.max_clients:
            self._failures.popitem(last=False)

    def succeeded(self, client: str) -> None:
        self._failures.pop(client, None)

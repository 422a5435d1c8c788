"""``EdgeGuard``: the pure ASGI middleware every request passes first (REST, the web app, Gradio's API, uploads).

In order, it refuses:
1. a Host the server does not answer to (400 ``host_not_allowed``) — DNS rebinding;
2. a state-changing request (POST/PUT/PATCH/DELETE, or a WebSocket) from another site: an Origin that is not
   trusted, or no Origin and ``Sec-Fetch-Site`` cross-site/same-site (403 ``cross_site``) — CSRF;
3. a /v1 JSON route called with a body type a plain HTML form or a no-cors fetch can send (415) — CSRF again;
4. a client past WIREBRIEF_MAX_LOGIN_FAILURES trying to sign in (429 with Retry-After);
5. without the credentials the settings ask for: /v1 (bearer token), the API docs and schema (token or web login),
   the web app's state-changing routes (web login) (401).
It also turns Gradio's ``SameSite=None`` login cookie into ``SameSite=Strict``, removes CORS headers for origins
outside WIREBRIEF_ALLOWED_ORIGINS, and counts failed sign-ins.
"""

from __future__ import annotations

from starlette.datastructures import MutableHeaders
from starlette.requests import HTTPConnection
from starlette.responses import JSONResponse

from service.edge.policy import EdgePolicy
from service.edge.signin import FailureLimiter, bearer_token, token_matches, ui_session_user

UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
PUBLIC_API_PATHS = ("/v1/health",)  # the container health check
DOC_PATHS = ("/docs", "/docs/oauth2-redirect", "/redoc", "/openapi.json")
LOGIN_PATHS = ("/login", "/login/")
# /v1 routes that take multipart uploads; every other state-changing /v1 route takes JSON only.
FORM_ROUTES = ("/v1/documents/read", "/v1/batch")
CROSS_SITE_FETCH = ("cross-site", "same-site")  # same-site: another port or subdomain of the same site


def is_json(content_type: str | None) -> bool:
    media = (content_type or "").split(";", 1)[0].strip().lower()
    return media == "application/json" or (media.startswith("application/") and media.endswith("+json"))


class EdgeGuard:
    def __init__(self, app, *, policy: EdgePolicy, settings, state):
        self.app = app
        self.policy = policy
        token = settings.api_token.get_secret_value() if settings.api_token is not None else ""
        self.token = token.encode("utf-8") if token.strip() else None
        self.login = bool(settings.auth_username and settings.auth_password is not None)
        self.limiter = FailureLimiter(settings.max_login_failures)
        self.state = state  # the FastAPI app's state: ``ui_app`` is the mounted Gradio app, once mounted

    async def __call__(self, scope, receive, send):
        if scope["type"] not in ("http", "websocket"):
            return await self.app(scope, receive, send)
        conn = HTTPConnection(scope)
        client = conn.client.host if conn.client else "unknown"
        refusal = self.check(conn, scope, client)
        if refusal is not None:
            if scope["type"] == "websocket":
                return await send({"type": "websocket.close", "code": 1008})
            return await refusal(scope, receive, send)
        is_login = scope["method"] == "POST" and scope["path"] in LOGIN_PATHS if scope["type"] == "http" else False
        cors_granted = conn.headers.get("origin", "").strip().lower().rstrip("/") in self.policy.cors_origins

        async def guarded_send(message):
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                strict_cookies(headers)
                if not cors_granted:
                    no_cors(headers)
                if is_login:
                    if message["status"] in (400, 401, 403):
                        self.limiter.failed(client)
                    elif message["status"] < 300:
                        self.limiter.succeeded(client)
            await send(message)

        await self.app(scope, receive, guarded_send if scope["type"] == "http" else send)

    def check(self, conn: HTTPConnection, scope, client: str):
        """The response refusing this request, or None to let it through."""
        path = scope["path"]
        method = scope.get("method", "GET")
        host = conn.headers.get("host")
        if not self.policy.host_allowed(host):
            return error_response(
                400, "host_not_allowed",
                f"this server does not answer to the host {host!r}; add it to WIREBRIEF_ALLOWED_HOSTS if it is yours",
            )
        state_changing = scope["type"] == "websocket" or method in UNSAFE_METHODS
        if state_changing:
            refusal = self.cross_site(conn, host)
            if refusal is not None:
                return refusal
            if path.startswith("/v1/") and path not in FORM_ROUTES and not is_json(conn.headers.get("content-type")):
                return error_response(
                    415, "unsupported_media", "send the body as JSON with 'Content-Type: application/json'"
                )
        return self.access(conn, path, method, client, state_changing)

    def cross_site(self, conn: HTTPConnection, host: str | None):
        origin = conn.headers.get("origin")
        if origin is not None:
            if self.policy.origin_allowed(origin, host):
                return None
            return error_response(
                403, "cross_site",
                f"requests from the web page at {origin!r} are not accepted; add its origin to "
                "WIREBRIEF_ALLOWED_ORIGINS if it is yours",
            )
        if conn.headers.get("sec-fetch-site", "").lower() in CROSS_SITE_FETCH:
            return error_response(403, "cross_site", "requests from other web sites are not accepted")
        return None

    def access(self, conn: HTTPConnection, path: str, method: str, client: str, state_changing: bool):
        presented = bearer_token(conn.headers.get("authorization"))
        signing_in = (method == "POST" and path in LOGIN_PATHS) or (presented is not None and self.token is not None)
        wait = self.limiter.retry_after(client) if signing_in else 0
        if wait:
            response = error_response(
                429, "too_many_failures",
                f"too many failed sign-ins from this address (limit WIREBRIEF_MAX_LOGIN_FAILURES = "
                f"{self.limiter.limit} per minute); retry in {wait} s",
            )
            response.headers["Retry-After"] = str(wait)
            return response
        token_ok = token_matches(presented, self.token)
        if presented is not None and self.token is not None and not token_ok:
            self.limiter.failed(client)
        elif token_ok:
            self.limiter.succeeded(client)
        if path.startswith("/v1/"):
            if self.token is None or path in PUBLIC_API_PATHS or token_ok:
                return None
            return _unauthorized("this API needs 'Authorization: Bearer <WIREBRIEF_API_TOKEN>'")
        if path in DOC_PATHS:
            if (self.token is None and not self.login) or token_ok or self.signed_in(conn):
                return None
            return _unauthorized("the API docs need the app's login or 'Authorization: Bearer <WIREBRIEF_API_TOKEN>'")
        if self.login and state_changing and path not in LOGIN_PATHS and not self.signed_in(conn):
            return _unauthorized("sign in to the app first")
        return None

    def signed_in(self, conn: HTTPConnection) -> bool:
        return ui_session_user(getattr(self.state, "ui_app", None), conn.cookies) is not None


def error_response(status: int, code: str, message: str) -> JSONResponse:
    """The API's error body, ``{code, message}`` (as ``service.api.errors``, which imports the app)."""
    return JSONResponse({"code": code, "message": message}, status_code=status)


def _unauthorized(message: str):
    response = error_response(401, "unauthorized", message)
    response.headers["WWW-Authenticate"] = "Bearer"
    return response


def no_cors(headers: MutableHeaders) -> None:
    """No CORS header for an origin outside WIREBRIEF_ALLOWED_ORIGINS, whoever added it (Gradio reflects any
    Origin, with credentials, when the server's name is not localhost)."""
    for name in {key for key in headers.keys() if key.lower().startswith("access-control-")}:
        del headers[name]


def strict_cookies(headers: MutableHeaders) -> None:
    """Every cookie the app sets is SameSite=Strict: a browser never sends the login to the app from another site."""
    cookies = headers.getlist("set-cookie")
    if not cookies:
        return
    del headers["set-cookie"]
    for cookie in cookies:
        parts = [p for p in cookie.split(";") if not p.strip().lower().startswith("samesite")]
        headers.append("set-cookie", "; ".join(p.strip() for p in parts) + "; SameSite=strict")

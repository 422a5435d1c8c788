"""Who may use the server: on a loopback address anyone on this machine; on any other address only with the
web app's login (WIREBRIEF_AUTH_USERNAME + WIREBRIEF_AUTH_PASSWORD) and the REST API's bearer token
(WIREBRIEF_API_TOKEN) — without them the server refuses to start and says which settings are missing.

Credentials set on a loopback server are enforced too (a shared machine may want them).
"""

from __future__ import annotations

import hmac
import ipaddress

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from service.errors import WirebriefError
from service.settings import Settings

# Endpoints that answer without the bearer token: the container health check, and the docs pages (which only
# describe the API; every call they make still needs the token).
PUBLIC_PATHS = ("/v1/health",)


class AuthRequired(WirebriefError):
    code = "auth_required"
    status = 500


def is_loopback(host: str) -> bool:
    host = host.strip().strip("[]")
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False  # a host name other than localhost may resolve to anything: treat it as exposed


def missing_credentials(settings: Settings) -> list[str]:
    missing = []
    if not settings.auth_username:
        missing.append("WIREBRIEF_AUTH_USERNAME")
    if settings.auth_password is None or not settings.auth_password.get_secret_value():
        missing.append("WIREBRIEF_AUTH_PASSWORD")
    if settings.api_token is None or not settings.api_token.get_secret_value():
        missing.append("WIREBRIEF_API_TOKEN")
    return missing


def check_exposure(settings: Settings) -> None:
    """Refuse to serve on a non-loopback address without authentication; refuse half-set web credentials."""
    ui_given = [bool(settings.auth_username), settings.auth_password is not None]
    if any(ui_given) and not all(ui_given):
        raise AuthRequired("set both WIREBRIEF_AUTH_USERNAME and WIREBRIEF_AUTH_PASSWORD, or neither")
    if is_loopback(settings.host):
        return
    missing = missing_credentials(settings)
    if missing:
        raise AuthRequired(
            f"refusing to listen on {settings.host} (not a loopback address) without authentication: set "
            f"{', '.join(missing)} (e.g. docker run -e WIREBRIEF_AUTH_USERNAME=… -e WIREBRIEF_AUTH_PASSWORD=… "
            "-e WIREBRIEF_API_TOKEN=…), or bind to 127.0.0.1"
        )


def gradio_auth(settings: Settings) -> tuple[str, str] | None:
    if settings.auth_username and settings.auth_password is not None:
        return settings.auth_username, settings.auth_password.get_secret_value()
    return None


def install_bearer_auth(app: FastAPI, settings: Settings) -> None:
    """With WIREBRIEF_API_TOKEN set, every /v1/ endpoint but PUBLIC_PATHS needs ``Authorization: Bearer <token>``."""
    if settings.api_token is None or not settings.api_token.get_secret_value():
        return
    expected = settings.api_token.get_secret_value().encode("utf-8")

    @app.middleware("http")
    async def _bearer(request: Request, call_next):
        path = request.url.path
        if path.startswith("/v1/") and path not in PUBLIC_PATHS:
            header = request.headers.get("authorization", "")
            scheme, _, token = header.partition(" ")
            if scheme.lower() != "bearer" or not hmac.compare_digest(token.strip().encode("utf-8"), expected):
                return JSONResponse(
                    {"code": "unauthorized", "message": "this API needs 'Authorization: Bearer <WIREBRIEF_API_TOKEN>'"},
                    status_code=401,
                    headers={"WWW-Authenticate": "Bearer"},
                )
        return await call_next(request)

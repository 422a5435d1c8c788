"""Who may use the server: on a loopback address anyone on this machine; on any other address only with the
web app's login (WIREBRIEF_AUTH_USERNAME + WIREBRIEF_AUTH_PASSWORD) and the REST API's bearer token
(WIREBRIEF_API_TOKEN) — without them the server refuses to start and says which settings are missing.

Credentials set on a loopback server are enforced too (a shared machine may want them); a credential that is set
but blank (only spaces) is refused at start-up, never taken as "no credential". The checks on each request live
in ``service.edge``.
"""

from __future__ import annotations

import ipaddress

from service.errors import WirebriefError
from service.settings import Settings


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


def _secret(value) -> str | None:
    return value.get_secret_value() if value is not None else None


def blank_credentials(settings: Settings) -> list[str]:
    """Credentials that are set but empty or only whitespace."""
    given = {
        "WIREBRIEF_AUTH_USERNAME": settings.auth_username,
        "WIREBRIEF_AUTH_PASSWORD": _secret(settings.auth_password),
        "WIREBRIEF_API_TOKEN": _secret(settings.api_token),
    }
    return [name for name, value in given.items() if value is not None and not value.strip()]


def missing_credentials(settings: Settings) -> list[str]:
    missing = []
    if not (settings.auth_username or "").strip():
        missing.append("WIREBRIEF_AUTH_USERNAME")
    if not (_secret(settings.auth_password) or "").strip():
        missing.append("WIREBRIEF_AUTH_PASSWORD")
    if not (_secret(settings.api_token) or "").strip():
        missing.append("WIREBRIEF_API_TOKEN")
    return missing


def check_exposure(settings: Settings) -> None:
    """Refuse to serve on a non-loopback address without authentication; refuse half-set web credentials and
    blank ones."""
    blank = blank_credentials(settings)
    if blank:
        raise AuthRequired(f"{', '.join(blank)} is set but blank; give it a value or unset it")
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

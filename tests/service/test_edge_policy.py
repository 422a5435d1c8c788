"""Which Host names and web origins the edge trusts, from the settings (service/edge/policy.py)."""

from __future__ import annotations

import pytest

from service.edge.policy import EdgePolicy, EdgeSettingError, host_name, normalize_origin


@pytest.mark.parametrize("host, name", [
    ("Example.ORG:8080", "example.org"), ("[::1]:7860", "::1"), ("::1", "::1"), ("localhost", "localhost"),
])
def test_host_name(host, name):
    assert host_name(host) == name


@pytest.mark.parametrize("origin, normal", [
    ("HTTPS://Newsroom.Example/", "https://newsroom.example"), ("http://127.0.0.1:7860", "http://127.0.0.1:7860"),
    ("null", None), ("file://", None), ("newsroom.example", None), ("https://a.example/path", None),
    ("https://a.example:99999", None), ("javascript:alert(1)", None),
])
def test_normalize_origin(origin, normal):
    assert normalize_origin(origin) == normal


def test_loopback_bind_answers_to_loopback_names_and_listed_ones(tiny_settings):
    policy = EdgePolicy.from_settings(tiny_settings)
    assert all(policy.host_allowed(h) for h in ("127.0.0.1:7860", "localhost:1234", "[::1]:7860"))
    assert not any(policy.host_allowed(h) for h in ("evil.example", "127.0.0.1.evil.example", "0.0.0.0:7860", "", None))
    listed = EdgePolicy.from_settings(tiny_settings.model_copy(update={"allowed_hosts": ["wb.lan"]}))
    assert listed.host_allowed("WB.lan:7860") and not listed.host_allowed("evil.example")
    assert EdgePolicy.from_settings(tiny_settings.model_copy(update={"allowed_hosts": ["*"]})).host_allowed("x.y")


def test_public_bind_answers_to_any_name_unless_names_are_listed(tiny_settings):
    public = tiny_settings.model_copy(update={"host": "0.0.0.0"})
    assert EdgePolicy.from_settings(public).host_allowed("wirebrief.example.org")
    listed = EdgePolicy.from_settings(public.model_copy(update={"allowed_hosts": ["wirebrief.example.org"]}))
    assert listed.host_allowed("wirebrief.example.org") and listed.host_allowed("127.0.0.1:7860")
    assert not listed.host_allowed("evil.example")


def test_trusted_origins(tiny_settings):
    policy = EdgePolicy.from_settings(tiny_settings.model_copy(update={"allowed_origins": ["https://newsroom.example"]}))
    assert policy.origin_allowed("http://127.0.0.1:7860", "anything")  # the configured port's loopback origins
    assert policy.origin_allowed("http://127.0.0.1:5555", "127.0.0.1:5555")  # the request's own origin
    assert not policy.origin_allowed("http://localhost:5555", "127.0.0.1:7860")  # another port
    assert not policy.origin_allowed("http://evil.example:7860", "evil.example:7860")  # own, but Host not allowed
    assert policy.origin_allowed("https://newsroom.example", "127.0.0.1:7860")
    assert not policy.origin_allowed("null", "127.0.0.1:7860")
    assert policy.cors_origins == ("https://newsroom.example",)
    with pytest.raises(EdgeSettingError, match="WIREBRIEF_ALLOWED_ORIGINS"):
        EdgePolicy.from_settings(tiny_settings.model_copy(update={"allowed_origins": ["newsroom.example"]}))


def test_origins_come_from_the_environment(monkeypatch):
    from service.settings import Settings

    monkeypatch.setenv("WIREBRIEF_ALLOWED_ORIGINS", "https://a.example, https://b.example")
    monkeypatch.setenv("WIREBRIEF_ALLOWED_HOSTS", "wb.lan")
    settings = Settings()
    assert settings.allowed_origins == ["https://a.example", "https://b.example"]
    assert settings.allowed_hosts == ["wb.lan"]

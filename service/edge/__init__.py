"""The server's edge: Host and Origin allow-lists, CSRF checks, CORS, credentials and the sign-in rate limit, in
one ASGI middleware in front of the whole app (REST API, web app, Gradio's API and uploads). See
docs/security.md for the threat model and the settings."""

from __future__ import annotations

from starlette.middleware.cors import CORSMiddleware

from service.edge.guard import EdgeGuard
from service.edge.policy import EdgePolicy


def install_edge(app, settings) -> EdgePolicy:
    """Add the guard (outermost) and CORS for WIREBRIEF_ALLOWED_ORIGINS only. Starlette's CORSMiddleware is added
    even with no origin listed: Gradio then leaves CORS to it (otherwise Gradio reflects any Origin, with
    credentials, to a server that is not on localhost)."""
    policy = EdgePolicy.from_settings(settings)
    app.add_middleware(
        CORSMiddleware,
        allow_origins=list(policy.cors_origins),
        allow_credentials=True,
        allow_methods=["*"],
        allow_headers=["*"],
    )
    app.add_middleware(EdgeGuard, policy=policy, settings=settings, state=app.state)
    return policy

"""Human ratings: blind A/B storage (SQLite) and aggregation. The app's evaluator view uses
``new_blind_pair``, ``next_pair``, ``get_pair`` and ``save_rating``; ``python -m eval ratings`` aggregates."""

from eval.ratings.store import (  # noqa: F401
    DIMENSIONS,
    ERROR_TAGS,
    BlindPair,
    RatingError,
    get_pair,
    load_ratings,
    new_blind_pair,
    next_pair,
    pairs_from_runs,
    save_rating,
)

"""Errors that reach users. Each has a stable code and the HTTP status the API answers with; the app shows the
message as is, so messages name the limit or the cause and what to do."""

from __future__ import annotations


class WirebriefError(Exception):
    code = "error"
    status = 500

    def __init__(self, message: str, *, code: str | None = None):
        super().__init__(message)
        self.message = message
        if code:
            self.code = code

    def to_dict(self) -> dict[str, str]:
        return {"code": self.code, "message": self.message}

    def __reduce__(self):
        """Pickle by message and attributes, whatever the subclass's ``__init__`` takes: an error raised in a Ray
        actor or a worker process must arrive as itself (``LimitExceeded(...)`` has four arguments, and the
        default pickling would call it with the message alone)."""
        return _rebuild, (type(self), self.args, dict(self.__dict__))


def _rebuild(cls: type[WirebriefError], args: tuple, state: dict) -> WirebriefError:
    error = cls.__new__(cls)
    Exception.__init__(error, *args)
    error.__dict__.update(state)
    return error


class InputError(WirebriefError):
    """The request itself is wrong (empty, unknown option, undecodable)."""

    code = "invalid_input"
    status = 422


class LimitExceeded(InputError):
    """A named limit from the settings table was exceeded; the message names the limit and the actual value."""

    code = "limit_exceeded"
    status = 413

    def __init__(self, limit_name: str, limit: int | float, actual: int | float, what: str):
        super().__init__(
            f"{what} is {actual:,} but the limit is {limit:,} (setting {limit_name})", code="limit_exceeded"
        )
        self.limit_name = limit_name
        self.limit = limit
        self.actual = actual


class UnsupportedLanguage(InputError):
    code = "unsupported_language"


class NotFound(WirebriefError):
    """A stored object (result, job) with this id does not exist."""

    code = "not_found"
    status = 404


class ModelUnavailable(WirebriefError):
    code = "model_unavailable"
    status = 503


class Overloaded(WirebriefError):
    code = "overloaded"
    status = 429


class GenerationTimeout(WirebriefError):
    code = "timeout"
    status = 504


class OutOfMemory(WirebriefError):
    """The model ran out of memory even on the smallest batch (one sentence)."""

    code = "out_of_memory"
    status = 503


class Cancelled(GenerationTimeout):
    """The client went away (a stream closed): the work for it stopped. Nobody reads this answer."""

    code = "cancelled"
    status = 499


class StorageFailed(WirebriefError):
    """The store (database, glossary file) cannot be written: a server-side fault, not the request's."""

    code = "storage_failed"
    status = 503

"""Errors a person sees. ``str(error)`` is one sentence they can act on."""

from __future__ import annotations


class ReconError(Exception):
    """Base class: an expected failure with a sentence for the person in front of the screen."""

    exit_code = 1


class ValidationError(ReconError):
    """Input that does not fit: a bad filter, quantity, reason or file row."""

    exit_code = 2


class NotFoundError(ReconError):
    """A lab, user, config, session, item or location that does not exist."""

    exit_code = 3


class PermissionDeniedError(ReconError):
    """The operator may not do this (not a member, not the starter, wrong role)."""

    exit_code = 4


class AuthenticationError(ReconError):
    """Sign-in failed (the same sentence for unknown user and wrong PIN) or the user is locked."""

    exit_code = 5


class SessionStateError(ReconError):
    """The session is not in a state that allows this (ended, already active, …)."""

    exit_code = 6


class StorageError(ReconError):
    """The environment's fault: disk full, database locked, read-only, corrupt, too new."""

    exit_code = 7


class DamagedDatabaseError(StorageError):
    """The database file is damaged (or not a database at all): restore a backup."""


class SchemaTooNewError(StorageError):
    """The database was written by a newer version of the program."""


class ConflictRetryError(StorageError):
    """A deadlock or serialization failure; the transaction can simply run again."""


class ConnectionLostError(StorageError):
    """The database server could not be reached; the outcome of a commit may be unknown."""

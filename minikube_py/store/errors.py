"""Errors the store raises, each with the exact text etcd shows the user and the gRPC status code the
gateway maps it to (the etcd server layer turns them into HTTP answers)."""

# gRPC status codes used by etcd's errors.
INVALID_ARGUMENT = 3
NOT_FOUND = 5
FAILED_PRECONDITION = 9
RESOURCE_EXHAUSTED = 8
OUT_OF_RANGE = 11
UNAVAILABLE = 14


class StoreError(Exception):
    """Base class: `str(err)` is the message etcd would send, `code` its gRPC status."""

    code = INVALID_ARGUMENT
    message = "etcdserver: unknown error"

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or self.message)


class CompactedError(StoreError):
    code = OUT_OF_RANGE
    message = "etcdserver: mvcc: required revision has been compacted"


class FutureRevisionError(StoreError):
    code = OUT_OF_RANGE
    message = "etcdserver: mvcc: required revision is a future revision"


class EmptyKeyError(StoreError):
    message = "etcdserver: key is not provided"


class KeyNotFoundError(StoreError):
    message = "etcdserver: key not found"


class ValueProvidedError(StoreError):
    message = "etcdserver: value is provided"


class LeaseProvidedError(StoreError):
    message = "etcdserver: lease is provided"


class DuplicateKeyError(StoreError):
    message = "etcdserver: duplicate key given in txn request"


class TooManyOpsError(StoreError):
    message = "etcdserver: too many operations in txn request"


class RequestTooLargeError(StoreError):
    message = "etcdserver: request is too large"


class LeaseNotFoundError(StoreError):
    code = NOT_FOUND
    message = "etcdserver: requested lease not found"


class LeaseExistsError(StoreError):
    code = FAILED_PRECONDITION
    message = "etcdserver: lease already exists"


class LeaseTTLTooLargeError(StoreError):
    code = OUT_OF_RANGE
    message = "etcdserver: too large lease TTL"


class NoSpaceError(StoreError):
    code = RESOURCE_EXHAUSTED
    message = "etcdserver: mvcc: database space exceeded"


class StoreClosedError(StoreError):
    code = UNAVAILABLE
    message = "etcdserver: server stopped"


class DataDirError(Exception):
    """A data dir that cannot be opened as a store (foreign files, wrong version): message for the user."""


class SnapshotError(Exception):
    """A snapshot file that cannot be read or restored: message for the user."""

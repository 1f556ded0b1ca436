"""The error a generator raises for input kubectl rejects."""

from __future__ import annotations


class GeneratorError(Exception):
    """`str(err)` is kubectl's message, which it prints as `error: <message>` (exit code 1). `usage` marks kubectl's
    usage errors (cmdutil.UsageErrorf), after which it adds `See '<command> -h' for help and examples`."""

    def __init__(self, message: str, usage: bool = False) -> None:
        super().__init__(message)
        self.message = message
        self.usage = usage

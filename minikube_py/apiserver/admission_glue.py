"""The admission chain as the write pipeline calls it: one request's attributes built from its context."""

from __future__ import annotations

from typing import Any

from .admission.attributes import AdmissionAttributes
from .admission.chain import AdmissionChain
from .cache import WatchCache


class Admission:
    def __init__(self, plugins: list[str], cache: WatchCache) -> None:
        self.chain = AdmissionChain(plugins, cache)

    def attributes(self, ctx: Any, operation: str, obj: dict[str, Any] | None,
                   old: dict[str, Any] | None) -> AdmissionAttributes:
        return AdmissionAttributes(operation, ctx.resource, ctx.info.subresource, ctx.namespace, ctx.info.name,
                                   obj, old, ctx.user, ctx.dry_run)

    def admit(self, attributes: AdmissionAttributes) -> None:
        """The mutating phase (before validation)."""
        self.chain.admit(attributes)

    def validate(self, attributes: AdmissionAttributes) -> None:
        """The validating phase (after validation)."""
        self.chain.validate(attributes)

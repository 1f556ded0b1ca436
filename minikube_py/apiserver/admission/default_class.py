"""The default among StorageClasses or IngressClasses: the ones annotated as default, the newest winning (by
creationTimestamp, then by name), as DefaultStorageClass and DefaultIngressClass pick it."""

from __future__ import annotations

from typing import Iterable

from .attributes import Object


def newest_default(classes: Iterable[Object], annotations: tuple[str, ...]) -> Object | None:
    """The newest class with one of `annotations` set to "true"; None when no class is a default.
    (RFC 3339 timestamps of one format sort as text.)"""
    defaults = [c for c in classes
                if any(((c.get("metadata") or {}).get("annotations") or {}).get(a) == "true" for a in annotations)]
    if not defaults:
        return None
    defaults.sort(key=lambda c: (c.get("metadata") or {}).get("name", ""))
    defaults.sort(key=lambda c: (c.get("metadata") or {}).get("creationTimestamp", ""), reverse=True)
    return defaults[0]

"""Resource lists (`{"cpu": "500m", "memory": 1}`) read as Quantities, for the plugins that measure them.

Parsing is memoized: the same few texts recur in every pod a quota or a LimitRange looks at."""

from __future__ import annotations

import functools
from typing import Any

from minikube_py.api.quantity import Quantity, parse_json_quantity

ResourceList = dict[str, Quantity]


@functools.lru_cache(maxsize=4096)
def _parse(value: str | int | float) -> Quantity:
    return parse_json_quantity(value)


def resource_list(resources: dict[str, Any] | None) -> ResourceList:
    """A requests/limits/hard map as Quantities (Quantities are immutable: sharing them is safe)."""
    return {name: _parse(value) for name, value in (resources or {}).items()}

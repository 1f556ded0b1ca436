"""How Go's fmt prints the values Kubernetes puts in its auth messages."""

from __future__ import annotations

import json
from typing import Iterable


def quoted_strings(values: Iterable[str]) -> str:
    """`%q` of a []string: ["a" "b"]."""
    return "[" + " ".join(json.dumps(value) for value in values) + "]"

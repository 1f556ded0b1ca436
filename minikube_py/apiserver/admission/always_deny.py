"""AlwaysDeny (deprecated, for testing): every request that reaches admission is refused."""

from __future__ import annotations

from .attributes import AdmissionAttributes, Reader

NAME = "AlwaysDeny"


def admit(attrs: AdmissionAttributes, reader: Reader) -> None:
    raise attrs.forbidden("admission control is denying all modifications")


validate = admit

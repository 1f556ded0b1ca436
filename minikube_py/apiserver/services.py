"""Service addresses on create and update: the allocators' decisions over what the cache says is taken,
plus what this apiserver handed out moments ago and the cache has not seen yet (so that two concurrent
creates never get the same ClusterIP or NodePort)."""

from __future__ import annotations

import time
from typing import Any

from . import allocators
from .cache import WatchCache

RESERVATION_SECONDS = 30.0


class ServiceAllocator:
    def __init__(self, cache: WatchCache, ip_range: str, port_range: tuple[int, int]) -> None:
        self.cache = cache
        self.ip_range = allocators.IPRange.parse(ip_range)
        self.port_range = allocators.PortRange.parse(f"{port_range[0]}-{port_range[1]}")
        self._recent_ips: dict[str, float] = {}
        self._recent_ports: dict[int, float] = {}

    def __call__(self, operation: str, ctx: Any, obj: dict[str, Any], old: dict[str, Any] | None) -> None:
        if ctx.resource.group != "" or ctx.resource.plural != "services" or ctx.info.subresource:
            return
        if operation not in ("CREATE", "UPDATE"):
            return
        used_ips, used_ports = self._used(obj)
        allocators.allocate_service(obj, old if operation == "UPDATE" else None, used_ips, used_ports,
                                    self.ip_range, self.port_range)
        if not ctx.dry_run:
            ips, ports = allocators.service_allocations(obj)
            now = time.monotonic()
            self._recent_ips.update(dict.fromkeys(ips, now))
            self._recent_ports.update(dict.fromkeys(ports, now))

    def _used(self, obj: dict[str, Any]) -> tuple[set[str], set[int]]:
        metadata = obj.get("metadata") or {}
        me = (metadata.get("namespace"), metadata.get("name"))
        ips: set[str] = set()
        ports: set[int] = set()
        services = self.cache.registry.get("", "v1", "services")
        for service in self.cache.list(services):
            other = service["metadata"]
            if (other.get("namespace"), other.get("name")) == me:
                continue
            held_ips, held_ports = allocators.service_allocations(service)
            ips |= held_ips
            ports |= held_ports
        # a reservation ends once the cache shows the service holding it (or, if its write failed, after a while)
        cutoff = time.monotonic() - RESERVATION_SECONDS
        for recent, held in ((self._recent_ips, ips), (self._recent_ports, ports)):
            for value in [value for value, when in recent.items() if when < cutoff or value in held]:
                del recent[value]
        return ips | set(self._recent_ips), ports | set(self._recent_ports)

"""ClusterIP and NodePort allocation for Services, as the apiserver's Service storage does it
(`pkg/registry/core/service/storage/alloc.go` with the bitmap IP and port allocators).

Pure decisions, no storage: `allocate_service(service, old, used_ips, used_ports, ip_range, port_range)` fills
`spec.clusterIP`/`clusterIPs`/`ipFamilies`/`ipFamilyPolicy`, `spec.ports[].nodePort` and
`spec.healthCheckNodePort` of a Service being created (`old` None) or updated, in place, or raises the
StatusError Kubernetes answers. `used_ips`/`used_ports` are what the stored Services hold
(`service_allocations` of each; the updated Service's own may be left out); the caller derives them from its
cache and makes the write a compare-and-swap, so that two creates never get the same address. Releasing is
implicit: a deleted or changed Service no longer holds what it held.

Free addresses and ports are picked at random as Kubernetes does: first from the upper part of the range,
then from the lower band (16..256 addresses, 16..128 ports) that is kept for explicit requests; the
`kubernetes` Service asks for `IPRange.first` (10.96.0.1 in the default 10.96.0.0/12)."""

from __future__ import annotations

import ipaddress
import random
from dataclasses import dataclass
from typing import Any, Iterable

from minikube_py.api import errors

Object = dict[str, Any]
IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

DEFAULT_IP_RANGE = "10.96.0.0/12"
DEFAULT_PORT_RANGE = "30000-32767"
NONE = "None"   # the clusterIP of a headless Service
NODE_PORT_TYPES = ("NodePort", "LoadBalancer")


@dataclass(frozen=True)
class IPRange:
    """A `--service-cluster-ip-range` CIDR: its usable addresses exclude the network address (and, for IPv4, the
    broadcast address); an IPv6 range is capped at 65536 addresses as Kubernetes' bitmap is."""

    network: ipaddress.IPv4Network | ipaddress.IPv6Network

    @classmethod
    def parse(cls, cidr: str = DEFAULT_IP_RANGE) -> IPRange:
        return cls(ipaddress.ip_network(cidr, strict=False))

    @property
    def family(self) -> str:
        return "IPv4" if self.network.version == 4 else "IPv6"

    @property
    def size(self) -> int:
        usable = self.network.num_addresses - (2 if self.network.version == 4 else 1)
        return max(0, min(usable, 65536) if self.network.version == 6 else usable)

    @property
    def first(self) -> str:
        """The first usable address, the `kubernetes` Service's."""
        return str(self.network.network_address + 1)

    def offset(self, ip: IPAddress) -> int | None:
        """The index of `ip` among the usable addresses, None when it is not one of them."""
        if ip.version != self.network.version or ip not in self.network:
            return None
        index = int(ip) - int(self.network.network_address) - 1
        return index if 0 <= index < self.size else None

    def address(self, offset: int) -> str:
        return str(self.network.network_address + 1 + offset)

    @property
    def band(self) -> int:
        """The lower band kept for explicit requests: min(max(16, size/16), 256), none in a range of <= 16."""
        return _band(self.network.num_addresses, 16, 256, 16)

    def __str__(self) -> str:
        return str(self.network)


@dataclass(frozen=True)
class PortRange:
    """A `--service-node-port-range`: `30000-32767`, `30000+2767` or one port."""

    base: int
    size: int

    @classmethod
    def parse(cls, text: str = DEFAULT_PORT_RANGE) -> PortRange:
        if "-" in text:
            low, high = (int(part) for part in text.split("-", 1))
        elif "+" in text:
            low, extra = (int(part) for part in text.split("+", 1))
            high = low + extra
        else:
            low = high = int(text)
        if not 0 <= low <= high <= 65535:
            raise ValueError(f'invalid port range "{text}"')
        return cls(low, high - low + 1)

    def offset(self, port: int) -> int | None:
        return port - self.base if self.base <= port < self.base + self.size else None

    def address(self, offset: int) -> int:
        return self.base + offset

    @property
    def band(self) -> int:
        """The lower band kept for explicit requests: min(max(16, size/32), 128), none in a range of <= 16."""
        return _band(self.size, 16, 128, 32)

    def __str__(self) -> str:
        return f"{self.base}-{self.base + self.size - 1}"


def _band(size: int, low: int, high: int, step: int) -> int:
    return 0 if size <= low else min(max(low, size // step), high)


def service_allocations(service: Object) -> tuple[set[str], set[int]]:
    """The cluster IPs (normalized) and node ports (health check port included) a stored Service holds."""
    spec = service.get("spec") or {}
    ips: set[str] = set()
    if spec.get("type") != "ExternalName":
        for ip in spec.get("clusterIPs") or ([spec["clusterIP"]] if spec.get("clusterIP") else []):
            parsed = _parse_ip(ip)
            if parsed is not None:
                ips.add(str(parsed))
    ports = {p["nodePort"] for p in spec.get("ports") or [] if p.get("nodePort")}
    if spec.get("healthCheckNodePort"):
        ports.add(spec["healthCheckNodePort"])
    return ips, ports


def allocate_service(service: Object, old: Object | None, used_ips: set[str], used_ports: set[int],
                     ip_range: IPRange, port_range: PortRange, rng: random.Random | None = None) -> None:
    """Fill in the Service's cluster IPs and node ports (see the module docstring), raising 422 Invalid for a
    requested address that is taken or outside its range and 500 when a range is full."""
    held_ips, held_ports = service_allocations(old) if old is not None else (set(), set())
    allocation = _Allocation(service, used_ips | held_ips, used_ports | held_ports, ip_range, port_range,
                             rng or random.Random())
    spec = service.setdefault("spec", {})
    old_spec = (old or {}).get("spec") or {}
    if old is not None:
        prepare_service_update(service, old)
    allocation.init_ip_families(old_spec if old is not None else None)
    if old is None or (old_spec.get("type") == "ExternalName" and _type(spec) != "ExternalName"):
        allocation.cluster_ips()
    if old is None:
        if _type(spec) in NODE_PORT_TYPES:
            allocation.create_node_ports()
    elif _type(spec) in NODE_PORT_TYPES:
        allocation.update_node_ports(old_spec)
    allocation.health_check_node_port(old_spec if old is not None else None)


def _type(spec: Object) -> str:
    return spec.get("type") or "ClusterIP"


def _needs_health_check(spec: Object) -> bool:
    return _type(spec) == "LoadBalancer" and spec.get("externalTrafficPolicy") == "Local"


def _allocates_node_ports(spec: Object) -> bool:
    """NodePort Services always, LoadBalancers unless allocateLoadBalancerNodePorts is false."""
    return _type(spec) == "NodePort" or (_type(spec) == "LoadBalancer"
                                          and spec.get("allocateLoadBalancerNodePorts") is not False)


def prepare_service_update(service: Object, old: Object) -> None:
    """What Kubernetes does to an updated Service before validating it (its strategy's PrepareForUpdate and the
    storage's patchAllocatedValues): a type change drops the old type's fields the user left as they were, and
    the allocated addresses an update leaves out are kept. `allocate_service` does it too (it is idempotent)."""
    spec, old_spec = service.setdefault("spec", {}), old.get("spec") or {}
    _drop_type_dependent_fields(spec, old_spec)
    _patch_allocated_values(spec, old_spec)


def _externally_accessible(spec: Object) -> bool:
    return _type(spec) in NODE_PORT_TYPES or (_type(spec) == "ClusterIP" and bool(spec.get("externalIPs")))


def _drop_type_dependent_fields(spec: Object, old_spec: Object) -> None:
    """A type change leaves behind the fields of the old type the user did not change (Service strategy)."""
    if _type(old_spec) != "ExternalName" and _type(spec) == "ExternalName" \
            and spec.get("clusterIP") == old_spec.get("clusterIP") \
            and (spec.get("clusterIPs") or None) in (None, old_spec.get("clusterIPs")):
        for key in ("clusterIP", "clusterIPs", "ipFamilies", "ipFamilyPolicy"):
            spec.pop(key, None)
    if _type(old_spec) in NODE_PORT_TYPES and _type(spec) not in NODE_PORT_TYPES:
        if [p.get("nodePort") for p in spec.get("ports") or []] == \
                [p.get("nodePort") for p in old_spec.get("ports") or []]:
            for port in spec.get("ports") or []:
                port.pop("nodePort", None)
    if _needs_health_check(old_spec) and not _needs_health_check(spec) \
            and spec.get("healthCheckNodePort") == old_spec.get("healthCheckNodePort"):
        spec.pop("healthCheckNodePort", None)
    if _type(old_spec) == "LoadBalancer" and _type(spec) != "LoadBalancer":
        for key in ("allocateLoadBalancerNodePorts", "loadBalancerClass"):
            if key in spec and spec.get(key) == old_spec.get(key):
                del spec[key]
    if _externally_accessible(old_spec) and not _externally_accessible(spec) \
            and spec.get("externalTrafficPolicy") == old_spec.get("externalTrafficPolicy"):
        spec.pop("externalTrafficPolicy", None)


def _patch_allocated_values(spec: Object, old_spec: Object) -> None:
    """An update that leaves out what was allocated keeps it (a PUT of the applied manifest, say)."""
    if _type(old_spec) != "ExternalName" and _type(spec) != "ExternalName":
        if not spec.get("clusterIP") and old_spec.get("clusterIP"):
            spec["clusterIP"] = old_spec["clusterIP"]
        if not spec.get("clusterIPs") and old_spec.get("clusterIPs"):
            spec["clusterIPs"] = list(old_spec["clusterIPs"])
    if _type(old_spec) in NODE_PORT_TYPES and _type(spec) in NODE_PORT_TYPES:
        ports = spec.get("ports") or []
        kept = {p["nodePort"] for p in old_spec.get("ports") or [] if p.get("nodePort")} & \
            {p["nodePort"] for p in ports if p.get("nodePort")}
        by_name = {p.get("name", ""): p.get("nodePort", 0) for p in old_spec.get("ports") or []}
        for port in ports:
            previous = by_name.get(port.get("name", ""), 0)
            if not port.get("nodePort") and previous and previous not in kept:
                port["nodePort"] = previous
    if _needs_health_check(old_spec) and _needs_health_check(spec) and not spec.get("healthCheckNodePort"):
        if old_spec.get("healthCheckNodePort"):
            spec["healthCheckNodePort"] = old_spec["healthCheckNodePort"]


def _parse_ip(text: str) -> IPAddress | None:
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        return None


def _go_strings(values: Iterable[str]) -> str:
    """A []string as Go's %#v prints it in a field error: []string{"10.0.0.1", "fd00::1"}."""
    return "[]string{" + ", ".join(f'"{v}"' for v in values) + "}"


class _Allocation:
    """One Service's allocation against the used sets (which it extends as it picks, so that two ports of one
    Service never get the same node port)."""

    def __init__(self, service: Object, used_ips: set[str], used_ports: set[int], ip_range: IPRange,
                 port_range: PortRange, rng: random.Random) -> None:
        self.service, self.spec = service, service["spec"]
        self.name = (service.get("metadata") or {}).get("name", "")
        self.used_ips = {str(ip) for ip in (_parse_ip(text) for text in used_ips) if ip is not None}
        self.used_ports = set(used_ports)
        self.ip_range, self.port_range, self.rng = ip_range, port_range, rng

    def invalid(self, field: str, value: str, detail: str) -> errors.StatusError:
        return errors.invalid("Service", self.name, [errors.Cause(field, "FieldValueInvalid",
                                                                  f"Invalid value: {value}: {detail}")])

    # IP families -------------------------------------------------------------------------------------------

    def init_ip_families(self, old_spec: Object | None) -> None:
        """Default ipFamilyPolicy and ipFamilies for a single-stack cluster, refusing families it lacks."""
        spec = self.spec
        if _type(spec) == "ExternalName":
            return
        if spec.get("clusterIP") and not spec.get("clusterIPs"):
            spec["clusterIPs"] = [spec["clusterIP"]]
        elif spec.get("clusterIPs") and not spec.get("clusterIP"):
            spec["clusterIP"] = spec["clusterIPs"][0]
        headless_selectorless = spec.get("clusterIP") == NONE and not spec.get("selector")
        if not spec.get("ipFamilyPolicy"):
            if old_spec and old_spec.get("ipFamilyPolicy"):
                spec["ipFamilyPolicy"] = old_spec["ipFamilyPolicy"]
            else:
                spec["ipFamilyPolicy"] = "RequireDualStack" if headless_selectorless else "SingleStack"
        families = list(spec.get("ipFamilies") or [])
        for index, ip in enumerate(spec.get("clusterIPs") or []):
            parsed = _parse_ip(ip)
            if ip == NONE or parsed is None:
                break
            family = "IPv4" if parsed.version == 4 else "IPv6"
            if index >= len(families):
                if family != self.ip_range.family:
                    raise self.invalid(f"spec.clusterIPs[{index}]", _go_strings(spec["clusterIPs"]),
                                       f"{family} is not configured on this cluster")
                families.append(family)
        if headless_selectorless:
            families = families or [self.ip_range.family]
            if len(families) < 2 and spec["ipFamilyPolicy"] != "SingleStack":
                families.append("IPv6" if families[0] == "IPv4" else "IPv4")
            spec["ipFamilies"] = families
            return
        causes = []
        if spec["ipFamilyPolicy"] == "RequireDualStack":
            causes.append(errors.Cause("spec.ipFamilyPolicy", "FieldValueInvalid", 'Invalid value: "RequireDualStack"'
                                       ": this cluster is not configured for dual-stack services"))
        causes += [errors.Cause(f"spec.ipFamilies[{i}]", "FieldValueInvalid",
                                f'Invalid value: "{family}": not configured on this cluster')
                   for i, family in enumerate(families) if family != self.ip_range.family]
        if causes:
            raise errors.invalid("Service", self.name, causes)
        spec["ipFamilies"] = families or [self.ip_range.family]

    # cluster IPs -------------------------------------------------------------------------------------------

    def cluster_ips(self) -> None:
        spec = self.spec
        if _type(spec) == "ExternalName" or spec.get("clusterIP") == NONE:
            return
        requested = spec.get("clusterIP") or ""
        if requested:
            parsed = _parse_ip(requested)
            if parsed is None:
                raise errors.internal(f'failed to parse service IP "{requested}"')
            offset = self.ip_range.offset(parsed)
            if offset is None:
                reason = f"provided IP is not in the valid range. The range of valid IPs is {self.ip_range}"
            elif str(parsed) in self.used_ips:
                reason = "provided IP is already allocated"
            else:
                reason = ""
            if reason:
                raise self.invalid("spec.clusterIPs", _go_strings(spec.get("clusterIPs") or [requested]),
                                   f"failed to allocate IP {requested}: {reason}")
            ip = requested
        else:
            offset = self._pick(self.ip_range.size, self.ip_range.band,
                                {o for o in (self.ip_range.offset(ipaddress.ip_address(text))
                                             for text in self.used_ips) if o is not None})
            if offset is None:
                raise errors.internal("failed to allocate a serviceIP: range is full")
            ip = self.ip_range.address(offset)
        self.used_ips.add(str(ipaddress.ip_address(ip)))
        spec["clusterIP"] = ip
        spec["clusterIPs"] = [ip]

    def _pick(self, size: int, band: int, taken: set[int]) -> int | None:
        """A free offset at random, the upper part of the range first, then the lower band; None when full."""
        for start, end in ((band, size), (0, band)):
            if end <= start:
                continue
            first = self.rng.randrange(start, end)
            for step in range(end - start):
                offset = start + (first - start + step) % (end - start)
                if offset not in taken:
                    return offset
        return None

    # node ports --------------------------------------------------------------------------------------------

    def port_problem(self, port: int) -> str:
        """Why the requested `port` cannot be had ("" when it can)."""
        if self.port_range.offset(port) is None:
            return f"provided port is not in the valid range. The range of valid ports is {self.port_range}"
        return "provided port is already allocated" if port in self.used_ports else ""

    def reserve(self, port: int, field: str) -> None:
        """Take the requested `port`, or raise the field error Kubernetes gives for it."""
        detail = self.port_problem(port)
        if detail:
            raise self.invalid(field, str(port), detail)
        self.used_ports.add(port)

    def next_port(self, what: str = "a nodePort") -> int:
        taken = {o for o in (self.port_range.offset(p) for p in self.used_ports) if o is not None}
        offset = self._pick(self.port_range.size, self.port_range.band, taken)
        if offset is None:
            raise errors.internal(f"failed to allocate {what}: range is full")
        port = self.port_range.address(offset)
        self.used_ports.add(port)
        return port

    def create_node_ports(self) -> None:
        """Every port gets a node port (requested ones reserved); ports sharing a number share a node port."""
        ports = self.spec.get("ports") or []
        by_port: dict[int, int] = {}
        for index, port in enumerate(ports):
            node_port = port.get("nodePort") or 0
            if not node_port and not _allocates_node_ports(self.spec):
                continue
            field = f"spec.ports[{index}].nodePort"
            shared = by_port.get(port.get("port", 0), 0)
            if not shared:
                requested = next((p.get("nodePort") for p in ports[index:]
                                  if p.get("port") == port.get("port") and p.get("nodePort")), 0)
                if requested:
                    self.reserve(requested, field)
                    port["nodePort"] = requested
                else:
                    port["nodePort"] = self.next_port()
                by_port[port.get("port", 0)] = port["nodePort"]
            elif node_port != shared:
                if node_port:
                    self.reserve(node_port, field)
                else:
                    port["nodePort"] = shared

    def update_node_ports(self, old_spec: Object) -> None:
        """Keep the node ports the Service had, reserve newly requested ones, pick the missing ones."""
        held = {p.get("nodePort") for p in old_spec.get("ports") or []} if _type(old_spec) in NODE_PORT_TYPES \
            else set()
        reserved: set[int] = set()
        seen: set[tuple[str, int]] = set()
        for index, port in enumerate(self.spec.get("ports") or []):
            node_port = port.get("nodePort") or 0
            if not node_port and not _allocates_node_ports(self.spec):
                continue
            if node_port:
                if node_port not in held and node_port not in reserved:
                    self.reserve(node_port, f"spec.ports[{index}].nodePort")
                    reserved.add(node_port)
            else:
                port["nodePort"] = node_port = self.next_port()
            key = (port.get("protocol", "TCP"), node_port)
            if key in seen:
                raise errors.internal(f"duplicate nodePort: {{{key[0]} {node_port}}}")
            seen.add(key)

    def health_check_node_port(self, old_spec: Object | None) -> None:
        """LoadBalancers with externalTrafficPolicy Local get a health check node port."""
        spec = self.spec
        if not _needs_health_check(spec) or (old_spec is not None and _needs_health_check(old_spec)):
            return
        requested = spec.get("healthCheckNodePort") or 0
        if not requested:
            spec["healthCheckNodePort"] = self.next_port("a HealthCheck NodePort 0")
            return
        detail = self.port_problem(requested)
        if detail:
            raise errors.internal(f"failed to allocate requested HealthCheck NodePort {requested}: {detail}")
        self.used_ports.add(requested)

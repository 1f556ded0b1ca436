"""Service ClusterIP and NodePort allocation: what a user sees in `spec` and the errors kubectl prints."""

from __future__ import annotations

import ipaddress
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from minikube_py.api.errors import StatusError
from minikube_py.apiserver.allocators import (
    IPRange,
    PortRange,
    allocate_service,
    prepare_service_update,
    service_allocations,
)

IPS = IPRange.parse("10.96.0.0/12")
PORTS = PortRange.parse("30000-32767")


def service(name="web", type_="ClusterIP", ports=None, **spec) -> dict:
    return {"metadata": {"name": name, "namespace": "default"},
            "spec": {"type": type_, "selector": {"app": name},
                     "ports": ports if ports is not None else [{"port": 80, "protocol": "TCP"}], **spec}}


def allocate(svc, old=None, used_ips=(), used_ports=(), ips=IPS, ports=PORTS, seed=1):
    allocate_service(svc, old, set(used_ips), set(used_ports), ips, ports, random.Random(seed))
    return svc["spec"]


def test_kubernetes_service_gets_the_first_address():
    spec = allocate(service("kubernetes", clusterIP=IPS.first))
    assert spec["clusterIP"] == "10.96.0.1"
    assert spec["clusterIPs"] == ["10.96.0.1"]
    assert spec["ipFamilies"] == ["IPv4"] and spec["ipFamilyPolicy"] == "SingleStack"


def test_random_addresses_come_from_above_the_reserved_band_and_differ():
    used: set[str] = {"10.96.0.1"}
    for seed in range(50):
        spec = allocate(service(f"s{seed}"), used_ips=used, seed=seed)
        ip = ipaddress.ip_address(spec["clusterIP"])
        assert ip in IPS.network and spec["clusterIP"] not in used
        assert int(ip) - int(IPS.network.network_address) - 1 >= 256   # the band of a /12 is 256 addresses
        used.add(spec["clusterIP"])


def test_small_range_fills_the_band_last_then_is_full():
    small = IPRange.parse("10.0.0.0/29")    # 6 usable addresses, no band
    used: set[str] = set()
    for seed in range(6):
        used.add(allocate(service(f"s{seed}"), used_ips=used, ips=small, seed=seed)["clusterIP"])
    assert used == {f"10.0.0.{i}" for i in range(1, 7)}
    with pytest.raises(StatusError) as error:
        allocate(service("full"), used_ips=used, ips=small)
    assert error.value.code == 500
    assert str(error.value) == "Internal error occurred: failed to allocate a serviceIP: range is full"


def test_requested_ip_outside_the_range():
    with pytest.raises(StatusError) as error:
        allocate(service(clusterIP="10.0.0.1"))
    assert error.value.code == 422
    assert str(error.value) == ('Service "web" is invalid: spec.clusterIPs: Invalid value: []string{"10.0.0.1"}: '
                                "failed to allocate IP 10.0.0.1: provided IP is not in the valid range. "
                                "The range of valid IPs is 10.96.0.0/12")
    assert error.value.details["causes"] == [{"reason": "FieldValueInvalid", "field": "spec.clusterIPs",
                                              "message": 'Invalid value: []string{"10.0.0.1"}: failed to allocate '
                                              "IP 10.0.0.1: provided IP is not in the valid range. The range of "
                                              "valid IPs is 10.96.0.0/12"}]


def test_network_and_broadcast_addresses_are_not_in_range():
    for ip in ("10.96.0.0", "10.111.255.255"):
        with pytest.raises(StatusError, match="provided IP is not in the valid range"):
            allocate(service(clusterIP=ip))


def test_requested_ip_already_allocated():
    with pytest.raises(StatusError) as error:
        allocate(service(clusterIP="10.96.0.10"), used_ips={"10.96.0.10"})
    assert str(error.value) == ('Service "web" is invalid: spec.clusterIPs: Invalid value: []string{"10.96.0.10"}: '
                                "failed to allocate IP 10.96.0.10: provided IP is already allocated")


def test_headless_gets_no_address():
    spec = allocate(service(clusterIP="None"))
    assert spec["clusterIP"] == "None" and spec["clusterIPs"] == ["None"]
    assert spec["ipFamilies"] == ["IPv4"] and spec["ipFamilyPolicy"] == "SingleStack"


def test_headless_without_selector_is_require_dual_stack():
    svc = service(clusterIP="None")
    del svc["spec"]["selector"]
    spec = allocate(svc)
    assert spec["ipFamilyPolicy"] == "RequireDualStack" and spec["ipFamilies"] == ["IPv4", "IPv6"]


def test_external_name_gets_nothing():
    spec = allocate(service(type_="ExternalName", externalName="example.com", ports=[]))
    assert "clusterIP" not in spec and "ipFamilies" not in spec


def test_dual_stack_refused_on_single_stack_cluster():
    with pytest.raises(StatusError) as error:
        allocate(service(ipFamilyPolicy="RequireDualStack"))
    assert str(error.value) == ('Service "web" is invalid: spec.ipFamilyPolicy: Invalid value: "RequireDualStack": '
                                "this cluster is not configured for dual-stack services")
    spec = allocate(service(ipFamilyPolicy="PreferDualStack"))
    assert spec["ipFamilies"] == ["IPv4"]


def test_node_ports_allocated_from_the_upper_range_per_port():
    spec = allocate(service(type_="NodePort", ports=[{"name": "http", "port": 80, "protocol": "TCP"},
                                                     {"name": "https", "port": 443, "protocol": "TCP"}]),
                    used_ports={30500})
    first, second = (p["nodePort"] for p in spec["ports"])
    assert first != second and 30500 not in (first, second)
    assert all(30000 + 86 <= p <= 32767 for p in (first, second))   # band of 2768 ports: 2768 // 32 = 86


def test_same_port_number_with_two_protocols_shares_the_node_port():
    spec = allocate(service(type_="NodePort", ports=[{"name": "dns", "port": 53, "protocol": "UDP"},
                                                     {"name": "dns-tcp", "port": 53, "protocol": "TCP"}]))
    assert spec["ports"][0]["nodePort"] == spec["ports"][1]["nodePort"]


def test_requested_node_port_already_allocated():
    svc = service(type_="NodePort", ports=[{"port": 80, "protocol": "TCP", "nodePort": 30080}])
    with pytest.raises(StatusError) as error:
        allocate(svc, used_ports={30080})
    assert error.value.code == 422
    assert str(error.value) == ('Service "web" is invalid: spec.ports[0].nodePort: Invalid value: 30080: '
                                "provided port is already allocated")


def test_requested_node_port_outside_the_range():
    svc = service(type_="NodePort", ports=[{"port": 80, "protocol": "TCP", "nodePort": 8080}])
    with pytest.raises(StatusError) as error:
        allocate(svc)
    assert str(error.value) == ('Service "web" is invalid: spec.ports[0].nodePort: Invalid value: 8080: '
                                "provided port is not in the valid range. The range of valid ports is 30000-32767")


def test_requested_node_port_on_clusterip_is_kept_but_none_are_added():
    spec = allocate(service(type_="LoadBalancer", allocateLoadBalancerNodePorts=False,
                            ports=[{"port": 80, "protocol": "TCP"}, {"port": 81, "protocol": "TCP",
                                                                      "nodePort": 30081}]))
    assert "nodePort" not in spec["ports"][0] and spec["ports"][1]["nodePort"] == 30081


def test_node_port_range_full():
    tiny = PortRange.parse("30000-30001")
    with pytest.raises(StatusError) as error:
        allocate(service(type_="NodePort"), used_ports={30000, 30001}, ports=tiny)
    assert str(error.value) == "Internal error occurred: failed to allocate a nodePort: range is full"


def test_health_check_node_port_for_local_load_balancers():
    spec = allocate(service(type_="LoadBalancer", externalTrafficPolicy="Local"))
    assert spec["healthCheckNodePort"] != spec["ports"][0]["nodePort"]
    with pytest.raises(StatusError) as error:
        allocate(service(type_="LoadBalancer", externalTrafficPolicy="Local", healthCheckNodePort=30100),
                 used_ports={30100})
    assert str(error.value) == ("Internal error occurred: failed to allocate requested HealthCheck NodePort 30100: "
                                "provided port is already allocated")


def test_update_keeps_what_was_allocated_when_left_out():
    old = service(type_="NodePort")
    allocate(old)
    ips, ports = service_allocations(old)
    new = service(type_="NodePort")        # the manifest applied again: no clusterIP, no nodePort
    spec = allocate(new, old, used_ips=ips, used_ports=ports)
    assert spec["clusterIP"] == old["spec"]["clusterIP"]
    assert spec["ports"][0]["nodePort"] == old["spec"]["ports"][0]["nodePort"]


def test_update_to_node_port_and_back():
    old = service()
    allocate(old)
    ips, _ = service_allocations(old)
    new = service(type_="NodePort", clusterIP=old["spec"]["clusterIP"])
    spec = allocate(new, old, used_ips=ips)
    assert spec["ports"][0]["nodePort"] and spec["clusterIP"] == old["spec"]["clusterIP"]
    back = service(type_="ClusterIP", clusterIP=old["spec"]["clusterIP"],
                   ports=[dict(p) for p in spec["ports"]])
    assert "nodePort" not in allocate(back, new, used_ips=ips)["ports"][0]


def test_load_balancer_to_cluster_ip_drops_the_load_balancer_fields():
    old = service(type_="LoadBalancer", allocateLoadBalancerNodePorts=True, externalTrafficPolicy="Cluster")
    allocate(old)
    edited = service(type_="ClusterIP", clusterIP=old["spec"]["clusterIP"], allocateLoadBalancerNodePorts=True,
                     externalTrafficPolicy="Cluster", ports=[dict(p) for p in old["spec"]["ports"]])
    prepare_service_update(edited, old)      # as `kubectl edit` changing only the type
    spec = edited["spec"]
    assert "allocateLoadBalancerNodePorts" not in spec and "externalTrafficPolicy" not in spec
    assert "nodePort" not in spec["ports"][0]


def test_update_requesting_a_taken_node_port():
    old = service(type_="NodePort", ports=[{"port": 80, "protocol": "TCP", "nodePort": 30001}])
    allocate(old)
    new = service(type_="NodePort", clusterIP=old["spec"]["clusterIP"],
                  ports=[{"port": 80, "protocol": "TCP", "nodePort": 30002}])
    with pytest.raises(StatusError, match=r"spec.ports\[0\].nodePort: Invalid value: 30002: provided port is "
                                          "already allocated"):
        allocate(new, old, used_ports={30001, 30002})
    same = service(type_="NodePort", clusterIP=old["spec"]["clusterIP"],
                   ports=[{"port": 80, "protocol": "TCP", "nodePort": 30001}])
    assert allocate(same, old, used_ports={30001})["ports"][0]["nodePort"] == 30001


def test_update_adding_a_port_never_reuses_the_services_own_node_port():
    tiny = PortRange.parse("30000-30001")
    old = service(type_="NodePort", ports=[{"name": "http", "port": 80, "protocol": "TCP", "nodePort": 30000}])
    allocate(old, ports=tiny)
    new = service(type_="NodePort", clusterIP=old["spec"]["clusterIP"],
                  ports=[{"name": "http", "port": 80, "protocol": "TCP"}, {"name": "https", "port": 443,
                                                                           "protocol": "TCP"}])
    spec = allocate(new, old, ports=tiny)     # the caller's used ports leave this Service out
    assert [p["nodePort"] for p in spec["ports"]] == [30000, 30001]


def test_external_name_to_cluster_ip_allocates():
    old = service(type_="ExternalName", externalName="example.com")
    allocate(old)
    spec = allocate(service(), old)
    assert ipaddress.ip_address(spec["clusterIP"]) in IPS.network


def test_service_allocations_of_a_stored_service():
    svc = service(type_="LoadBalancer", externalTrafficPolicy="Local", clusterIP="10.96.0.20",
                  ports=[{"port": 80, "protocol": "TCP", "nodePort": 30080}], healthCheckNodePort=30081)
    assert service_allocations(svc) == ({"10.96.0.20"}, {30080, 30081})
    assert service_allocations(service(type_="ExternalName", externalName="x")) == (set(), set())


def test_ranges_parse():
    assert str(PortRange.parse("30000+2767")) == "30000-32767"
    assert IPRange.parse("fd00::/108").first == "fd00::1"
    assert IPRange.parse("10.0.0.0/28").band == 0


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["ClusterIP", "NodePort", "LoadBalancer"]), st.integers(1, 3),
                          st.one_of(st.none(), st.integers(30000, 30015))), max_size=12),
       st.integers(0, 2 ** 32))
def test_allocations_never_collide(requests, seed):
    """Services created one after another in a small cluster: every address and port handed out is in its range
    and held by one Service only; a create is refused only when what it asks for is taken or the range is full."""
    ips, ports = IPRange.parse("10.0.0.0/28"), PortRange.parse("30000-30015")
    stored: list[dict] = []
    for index, (type_, count, node_port) in enumerate(requests):
        port_list = [{"port": 80 + i, "protocol": "TCP"} for i in range(count)]
        if node_port is not None and type_ != "ClusterIP":
            port_list[0]["nodePort"] = node_port
        held = [service_allocations(s) for s in stored]
        used_ips = set().union(*(h[0] for h in held))
        used_ports = set().union(*(h[1] for h in held))
        svc = service(f"s{index}", type_, port_list)
        try:
            allocate(svc, used_ips=used_ips, used_ports=used_ports, ips=ips, ports=ports, seed=seed + index)
        except StatusError as error:
            full = len(used_ips) == ips.size or len(used_ports) + count > ports.size
            assert full or "already allocated" in str(error)
            continue
        stored.append(svc)
    all_ips = [ip for s in stored for ip in service_allocations(s)[0]]
    all_ports = [p for s in stored for p in service_allocations(s)[1]]
    assert len(all_ips) == len(set(all_ips)) and all(ipaddress.ip_address(ip) in ips.network for ip in all_ips)
    assert len(all_ports) == len(set(all_ports)) and all(30000 <= p <= 30015 for p in all_ports)

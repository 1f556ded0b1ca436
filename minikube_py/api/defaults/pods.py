"""Defaults of pods and pod templates: Kubernetes 1.32's SetDefaults_PodSpec, _Container, _Probe, _Volume ... and
the pod strategy's PrepareForCreate (status Pending with its QoS class).

`default_pod_spec` serves a Pod's spec and every workload's `spec.template.spec` alike; `default_pod` adds what
only Pod objects get (requests copied from limits, priority, status)."""

from __future__ import annotations

from typing import Any

Obj = dict[str, Any]

_FILE_MODE = 420  # 0644


def default_pod_spec(spec: Obj) -> None:
    spec.setdefault("dnsPolicy", "ClusterFirst")
    spec.setdefault("restartPolicy", "Always")
    spec.setdefault("terminationGracePeriodSeconds", 30)
    spec.setdefault("securityContext", {})
    spec.setdefault("schedulerName", "default-scheduler")
    spec.setdefault("enableServiceLinks", True)
    host_network = bool(spec.get("hostNetwork"))
    for key in ("initContainers", "containers", "ephemeralContainers"):
        for container in spec.get(key) or ():
            _default_container(container, host_network)
    for volume in spec.get("volumes") or ():
        _default_volume(volume)


def default_pod(pod: Obj) -> None:
    """A Pod object: its spec, requests defaulted from limits, priority (the Priority admission) and status."""
    spec = pod.setdefault("spec", {})
    default_pod_spec(spec)
    for key in ("initContainers", "containers"):
        for container in spec.get(key) or ():
            resources = container.get("resources") or {}
            limits = resources.get("limits") or {}
            if limits:
                requests = resources.setdefault("requests", {})
                for name, value in limits.items():
                    requests.setdefault(name, value)
    if not spec.get("priorityClassName"):
        spec.setdefault("priority", 0)
    spec.setdefault("preemptionPolicy", "PreemptLowerPriority")


def prepare_pod_for_create(pod: Obj) -> None:
    pod["status"] = {"phase": "Pending", "qosClass": qos_class(pod.get("spec") or {})}


def qos_class(spec: Obj) -> str:
    """Guaranteed, Burstable or BestEffort, as kubelet's qos.GetPodQOS computes it from cpu and memory."""
    containers = list(spec.get("initContainers") or ()) + list(spec.get("containers") or ())
    any_set, guaranteed = False, True
    for container in containers:
        resources = container.get("resources") or {}
        requests = {k: v for k, v in (resources.get("requests") or {}).items() if k in ("cpu", "memory")}
        limits = {k: v for k, v in (resources.get("limits") or {}).items() if k in ("cpu", "memory")}
        any_set = any_set or bool(requests) or bool(limits)
        if set(limits) != {"cpu", "memory"} or any(str(requests.get(k, limits[k])) != str(limits[k]) for k in limits):
            guaranteed = False
    if not any_set:
        return "BestEffort"
    return "Guaranteed" if guaranteed else "Burstable"


def _default_container(container: Obj, host_network: bool) -> None:
    container.setdefault("terminationMessagePath", "/dev/termination-log")
    container.setdefault("terminationMessagePolicy", "File")
    if "imagePullPolicy" not in container:
        container["imagePullPolicy"] = _pull_policy(str(container.get("image") or ""))
    container.setdefault("resources", {})
    for port in container.get("ports") or ():
        port.setdefault("protocol", "TCP")
        if host_network and not port.get("hostPort"):
            port["hostPort"] = port.get("containerPort")
    for probe_key in ("livenessProbe", "readinessProbe", "startupProbe"):
        probe = container.get(probe_key)
        if isinstance(probe, dict):
            for key, value in (("timeoutSeconds", 1), ("periodSeconds", 10), ("successThreshold", 1),
                               ("failureThreshold", 3)):
                probe.setdefault(key, value)
            _default_handler(probe)
    for hook in ((container.get("lifecycle") or {}).get(k) for k in ("postStart", "preStop")):
        if isinstance(hook, dict):
            _default_handler(hook)
    for env in container.get("env") or ():
        _default_field_ref((env.get("valueFrom") or {}).get("fieldRef"))


def _pull_policy(image: str) -> str:
    """Always for `:latest` or no tag (digests excepted), else IfNotPresent."""
    if "@" in image:
        return "IfNotPresent"
    last = image.rsplit("/", 1)[-1]
    tag = last.split(":", 1)[1] if ":" in last else ""
    return "Always" if tag in ("", "latest") else "IfNotPresent"


def _default_handler(handler: Obj) -> None:
    http_get = handler.get("httpGet")
    if isinstance(http_get, dict):
        http_get.setdefault("path", "/")
        http_get.setdefault("scheme", "HTTP")


def _default_field_ref(field_ref: Any) -> None:
    if isinstance(field_ref, dict):
        field_ref.setdefault("apiVersion", "v1")


_SOURCES = ("hostPath", "emptyDir", "gcePersistentDisk", "awsElasticBlockStore", "gitRepo", "secret", "nfs", "iscsi",
            "glusterfs", "persistentVolumeClaim", "rbd", "flexVolume", "cinder", "cephfs", "flocker", "downwardAPI",
            "fc", "azureFile", "configMap", "vsphereVolume", "quobyte", "azureDisk", "photonPersistentDisk",
            "projected", "portworxVolume", "scaleIO", "storageos", "csi", "ephemeral", "image")


def volume_sources() -> tuple[str, ...]:
    """The volume source fields of a Volume, exactly one of which a volume sets."""
    return _SOURCES


def _default_volume(volume: Obj) -> None:
    if not any(volume.get(key) is not None for key in _SOURCES):
        volume["emptyDir"] = {}
    for key in ("configMap", "secret", "downwardAPI", "projected"):
        source = volume.get(key)
        if isinstance(source, dict):
            source.setdefault("defaultMode", _FILE_MODE)
    for item in (volume.get("downwardAPI") or {}).get("items") or ():
        _default_field_ref(item.get("fieldRef"))
    for projection in (volume.get("projected") or {}).get("sources") or ():
        for item in (projection.get("downwardAPI") or {}).get("items") or ():
            _default_field_ref(item.get("fieldRef"))
        token = projection.get("serviceAccountToken")
        if isinstance(token, dict):
            token.setdefault("expirationSeconds", 3600)
    host_path = volume.get("hostPath")
    if isinstance(host_path, dict):
        host_path.setdefault("type", "")
    iscsi = volume.get("iscsi")
    if isinstance(iscsi, dict):
        iscsi.setdefault("iscsiInterface", "default")
    azure_disk = volume.get("azureDisk")
    if isinstance(azure_disk, dict):
        for key, value in (("cachingMode", "ReadWrite"), ("fsType", "ext4"), ("readOnly", False), ("kind", "Shared")):
            azure_disk.setdefault(key, value)
    rbd = volume.get("rbd")
    if isinstance(rbd, dict):
        for key, value in (("pool", "rbd"), ("user", "admin"), ("keyring", "/etc/ceph/keyring")):
            rbd.setdefault(key, value)
    ephemeral_claim = ((volume.get("ephemeral") or {}).get("volumeClaimTemplate") or {}).get("spec")
    if isinstance(ephemeral_claim, dict):
        ephemeral_claim.setdefault("volumeMode", "Filesystem")

"""`kubectl describe pod` and the pieces workloads reuse: containers (ports, command, state, resources, probes,
environment, mounts), volumes and the `Pod Template:` section (`describePod`, `describeContainers`,
`describeVolumes`, `DescribePodTemplate` in describe.go)."""

from __future__ import annotations

import math
from typing import Any

from minikube_py.api.printers.columns import format_label_selector, since

from .common import (
    MAX_ANNOTATION_LENGTH,
    Obj,
    PrefixWriter,
    Writer,
    annotations,
    controlled_by,
    events,
    go_bool,
    go_list,
    labels,
    meta,
    print_bool,
    rfc1123z,
    sorted_resources,
    tolerations,
)


def describe_pod(pod: Obj, pod_events: list[Obj] | None, related: dict[str, list[Obj]], now: float) -> str:
    spec, status, metadata = pod.get("spec") or {}, pod.get("status") or {}, meta(pod)
    w = PrefixWriter()
    w.write(0, f"Name:\t{metadata.get('name', '')}\n")
    w.write(0, f"Namespace:\t{metadata.get('namespace', '')}\n")
    if spec.get("priority") is not None:
        w.write(0, f"Priority:\t{spec['priority']}\n")
    if spec.get("priorityClassName"):
        w.write(0, f"Priority Class Name:\t{spec['priorityClassName']}\n")
    if spec.get("runtimeClassName"):
        w.write(0, f"Runtime Class Name:\t{spec['runtimeClassName']}\n")
    if spec.get("serviceAccountName"):
        w.write(0, f"Service Account:\t{spec['serviceAccountName']}\n")
    node = f"{spec['nodeName']}/{status.get('hostIP', '')}" if spec.get("nodeName") else "<none>"
    w.write(0, f"Node:\t{node}\n")
    if status.get("startTime"):
        w.write(0, f"Start Time:\t{rfc1123z(status['startTime'])}\n")
    labels(w, "Labels", metadata.get("labels"))
    annotations(w, "Annotations", metadata.get("annotations"))
    phase = status.get("phase", "")
    if metadata.get("deletionTimestamp") and phase not in ("Failed", "Succeeded"):
        w.write(0, f"Status:\tTerminating (lasts {since(metadata['deletionTimestamp'], now)})\n")
        w.write(0, f"Termination Grace Period:\t{metadata.get('deletionGracePeriodSeconds', 0)}s\n")
    else:
        w.write(0, f"Status:\t{phase}\n")
    if status.get("reason"):
        w.write(0, f"Reason:\t{status['reason']}\n")
    if status.get("message"):
        w.write(0, f"Message:\t{status['message']}\n")
    seccomp_profile(w, (spec.get("securityContext") or {}).get("seccompProfile"), 0)
    w.write(0, f"IP:\t{status.get('podIP', '')}\n")
    pod_ips = status.get("podIPs") or []
    if pod_ips:
        w.write(0, "IPs:\n")
        for ip in pod_ips:
            w.write(1, f"IP:\t{ip.get('ip', '')}\n")
    else:
        w.write(0, "IPs:\t<none>\n")
    controlled_by(w, pod)
    if status.get("nominatedNodeName"):
        w.write(0, f"NominatedNodeName:\t{status['nominatedNodeName']}\n")
    if spec.get("resources") is not None:
        w.write(0, "Resources:\n")
        resources(w, spec["resources"], 1)
    if spec.get("initContainers"):
        containers(w, "Init Containers", spec["initContainers"], status.get("initContainerStatuses"), pod, "")
    containers(w, "Containers", spec.get("containers") or [], status.get("containerStatuses"), pod, "")
    if spec.get("ephemeralContainers"):
        containers(w, "Ephemeral Containers", spec["ephemeralContainers"], status.get("ephemeralContainerStatuses"),
                   pod, "")
    conditions = status.get("conditions") or []
    if spec.get("readinessGates"):
        w.write(0, "Readiness Gates:\n  Type\tStatus\n")
        for gate in spec["readinessGates"]:
            kind = gate.get("conditionType", "")
            found = next((c.get("status", "") for c in conditions if c.get("type") == kind), "<none>")
            w.write(1, f"{kind} \t{found} \n")
    if conditions:
        w.write(0, "Conditions:\n  Type\tStatus\n")
        for condition in conditions:
            w.write(1, f"{condition.get('type', '')} \t{condition.get('status', '')} \n")
    volumes(w, spec.get("volumes"), "")
    w.write(0, f"QoS Class:\t{status.get('qosClass') or _qos_class(spec)}\n")
    labels(w, "Node-Selectors", spec.get("nodeSelector"))
    tolerations(w, "Tolerations", spec.get("tolerations"))
    topology_spread_constraints(w, spec.get("topologySpreadConstraints"), "")
    events(w, pod_events, now)
    return w.render()


def _qos_class(spec: Obj) -> str:
    from minikube_py.api.defaults.pods import qos_class

    return qos_class(spec)


def seccomp_profile(w: Writer, profile: Obj | None, level: int) -> None:
    if profile is None:
        return
    w.write(level, f"SeccompProfile:\t{profile.get('type', '')}\n")
    if profile.get("type") == "Localhost":
        w.write(level + (1 if level else 0), f"LocalhostProfile:\t{profile.get('localhostProfile', '')}\n")


def pod_template(w: Writer, template: Obj | None) -> None:
    """`DescribePodTemplate`: the template's labels, annotations, containers, volumes, node selectors and
    tolerations, indented one level (no container statuses)."""
    w.write(0, "Pod Template:\n")
    if template is None:
        w.write(1, "<unset>")
        return
    metadata, spec = template.get("metadata") or {}, template.get("spec") or {}
    labels(w, "  Labels", metadata.get("labels"))
    if metadata.get("annotations"):
        annotations(w, "  Annotations", metadata["annotations"])
    if spec.get("serviceAccountName"):
        w.write(1, f"Service Account:\t{spec['serviceAccountName']}\n")
    if spec.get("initContainers"):
        containers(w, "Init Containers", spec["initContainers"], None, None, "  ")
    containers(w, "Containers", spec.get("containers") or [], None, None, "  ")
    volumes(w, spec.get("volumes"), "  ")
    topology_spread_constraints(w, spec.get("topologySpreadConstraints"), "  ")
    if spec.get("priorityClassName"):
        w.write(1, f"Priority Class Name:\t{spec['priorityClassName']}\n")
    labels(w, "  Node-Selectors", spec.get("nodeSelector"))
    tolerations(w, "  Tolerations", spec.get("tolerations"))


def topology_spread_constraints(w: Writer, constraints: list[Obj] | None, space: str) -> None:
    if not constraints:
        return
    w.write(0, f"{space}Topology Spread Constraints:\t")
    for index, tsc in enumerate(sorted(constraints, key=lambda c: c.get("topologyKey", ""))):
        if index:
            w.write(0, f"{space}\t")
        text = (f"{tsc.get('topologyKey', '')}:{tsc.get('whenUnsatisfiable', '')} when max skew "
                f"{tsc.get('maxSkew', 0)} is exceeded")
        if tsc.get("labelSelector") is not None:
            text += f" for selector {format_label_selector(tsc['labelSelector'])}"
        w.write(0, text + "\n")


def containers(w: Writer, label: str, items: list[Obj], statuses: list[Obj] | None, pod: Obj | None,
               space: str) -> None:
    """`describeContainers` (pod is None in a template: no values resolved from the pod)."""
    by_name = {status.get("name"): status for status in statuses or ()}
    w.write(0, f"{space}{label}:{'' if items else ' <none>'}\n")
    for container in items:
        status = by_name.get(container.get("name"))
        _basic_info(w, container, status, space)
        _command(w, container)
        if status is not None:
            _state(w, "State", status.get("state") or {})
            if (status.get("lastState") or {}).get("terminated"):
                _state(w, "Last State", status["lastState"])
            w.write(2, f"Ready:\t{print_bool(status.get('ready'))}\n")
            w.write(2, f"Restart Count:\t{status.get('restartCount', 0)}\n")
        resources(w, container.get("resources"), 2)
        for key, title in (("livenessProbe", "Liveness"), ("readinessProbe", "Readiness"),
                           ("startupProbe", "Startup")):
            if container.get(key) is not None:
                w.write(2, f"{title}:\t{describe_probe(container[key])}\n")
        if container.get("envFrom"):
            _env_from(w, container["envFrom"])
        _env(w, container, pod)
        _mounts(w, container)


def _basic_info(w: Writer, container: Obj, status: Obj | None, space: str) -> None:
    w.write(1, f"{' ' if space else ''}{container.get('name', '')}:\n")
    if status is not None:
        w.write(2, f"Container ID:\t{status.get('containerID', '')}\n")
    w.write(2, f"Image:\t{container.get('image', '')}\n")
    if status is not None:
        w.write(2, f"Image ID:\t{status.get('imageID', '')}\n")
    ports = container.get("ports") or []
    container_ports = ", ".join(f"{p.get('containerPort', 0)}/{p.get('protocol', '')}" for p in ports)
    host_ports = ", ".join(f"{p.get('hostPort', 0)}/{p.get('protocol', '')}" for p in ports)
    if "," in container_ports:
        w.write(2, f"Ports:\t{container_ports}\n")
    else:
        w.write(2, f"Port:\t{container_ports or '<none>'}\n")
    if "," in host_ports:
        w.write(2, f"Host Ports:\t{host_ports}\n")
    else:
        w.write(2, f"Host Port:\t{host_ports or '<none>'}\n")
    seccomp_profile(w, (container.get("securityContext") or {}).get("seccompProfile"), 2)


def _command(w: Writer, container: Obj) -> None:
    for key, title in (("command", "Command"), ("args", "Args")):
        if container.get(key):
            w.write(2, f"{title}:\n")
            for item in container[key]:
                for part in item.split("\n"):
                    w.write(3, f"{part}\n")


def resources(w: Writer, requirements: Obj | None, level: int) -> None:
    """`describeResources`: Limits then Requests, each sorted by resource name."""
    for key, title in (("limits", "Limits"), ("requests", "Requests")):
        values = (requirements or {}).get(key) or {}
        if values:
            w.write(level, f"{title}:\n")
        for name in sorted_resources(values):
            w.write(level + 1, f"{name}:\t{values[name]}\n")


def _state(w: Writer, title: str, state: Obj) -> None:
    """`describeStatus`."""
    if state.get("running") is not None:
        w.write(2, f"{title}:\tRunning\n")
        w.write(3, f"Started:\t{rfc1123z(state['running'].get('startedAt'))}\n")
    elif state.get("waiting") is not None:
        w.write(2, f"{title}:\tWaiting\n")
        if state["waiting"].get("reason"):
            w.write(3, f"Reason:\t{state['waiting']['reason']}\n")
    elif state.get("terminated") is not None:
        terminated = state["terminated"]
        w.write(2, f"{title}:\tTerminated\n")
        if terminated.get("reason"):
            w.write(3, f"Reason:\t{terminated['reason']}\n")
        if terminated.get("message"):
            w.write(3, f"Message:\t{terminated['message']}\n")
        w.write(3, f"Exit Code:\t{terminated.get('exitCode', 0)}\n")
        if (terminated.get("signal") or 0) > 0:
            w.write(3, f"Signal:\t{terminated['signal']}\n")
        w.write(3, f"Started:\t{rfc1123z(terminated.get('startedAt'))}\n")
        w.write(3, f"Finished:\t{rfc1123z(terminated.get('finishedAt'))}\n")
    else:
        w.write(2, f"{title}:\tWaiting\n")


def describe_probe(probe: Obj) -> str:
    """`DescribeProbe`: `http-get http://:8080/healthz delay=0s timeout=1s period=10s #success=1 #failure=3`."""
    attrs = (f"delay={probe.get('initialDelaySeconds', 0)}s timeout={probe.get('timeoutSeconds', 0)}s "
             f"period={probe.get('periodSeconds', 0)}s #success={probe.get('successThreshold', 0)} "
             f"#failure={probe.get('failureThreshold', 0)}")
    if probe.get("exec") is not None:
        return f"exec {go_list(probe['exec'].get('command'))} {attrs}"
    if probe.get("httpGet") is not None:
        get = probe["httpGet"]
        host, port = get.get("host", ""), str(get.get("port", ""))
        if port:
            host = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
        return f"http-get {str(get.get('scheme', '')).lower()}://{host}{get.get('path', '')} {attrs}"
    if probe.get("tcpSocket") is not None:
        socket = probe["tcpSocket"]
        return f"tcp-socket {socket.get('host', '')}:{socket.get('port', '')} {attrs}"
    if probe.get("grpc") is not None:
        grpc = probe["grpc"]
        return f"grpc <pod>:{grpc.get('port', 0)} {grpc.get('service') or ''} {attrs}"
    return f"unknown {attrs}"


def _env_from(w: Writer, sources: list[Obj]) -> None:
    w.write(2, "Environment Variables from:\n")
    for source in sources:
        kind, name, optional = "", "", False
        if source.get("configMapRef") is not None:
            kind, ref = "ConfigMap", source["configMapRef"]
            name, optional = ref.get("name", ""), bool(ref.get("optional"))
        elif source.get("secretRef") is not None:
            kind, ref = "Secret", source["secretRef"]
            name, optional = ref.get("name", ""), bool(ref.get("optional"))
        prefix = source.get("prefix", "")
        origin = f"{kind} with prefix '{prefix}'" if prefix else kind
        w.write(3, f"{name}\t{origin}\tOptional: {go_bool(optional)}\n")


def _env(w: Writer, container: Obj, pod: Obj | None) -> None:
    env = container.get("env") or []
    w.write(2, f"Environment:{'' if env else chr(9) + '<none>'}\n")
    for variable in env:
        name, value_from = variable.get("name", ""), variable.get("valueFrom")
        if value_from is None:
            for index, part in enumerate(str(variable.get("value", "")).split("\n")):
                w.write(3, f"{name}:\t{part}\n" if index == 0 else f"\t{part}\n")
        elif value_from.get("fieldRef") is not None:
            ref = value_from["fieldRef"]
            value = _pod_field(pod, ref.get("fieldPath", "")) if pod is not None else ""
            w.write(3, f"{name}:\t{value} ({ref.get('apiVersion', '')}:{ref.get('fieldPath', '')})\n")
        elif value_from.get("resourceFieldRef") is not None:
            ref = value_from["resourceFieldRef"]
            resource = ref.get("resource", "")
            value = _container_resource(container, ref)
            if value == "0" and resource in ("limits.cpu", "limits.memory"):
                value = "node allocatable"
            w.write(3, f"{name}:\t{value} ({resource})\n")
        elif value_from.get("secretKeyRef") is not None:
            ref = value_from["secretKeyRef"]
            w.write(3, f"{name}:\t<set to the key '{ref.get('key', '')}' in secret '{ref.get('name', '')}'>\t"
                       f"Optional: {go_bool(ref.get('optional'))}\n")
        elif value_from.get("configMapKeyRef") is not None:
            ref = value_from["configMapKeyRef"]
            w.write(3, f"{name}:\t<set to the key '{ref.get('key', '')}' of config map '{ref.get('name', '')}'>\t"
                       f"Optional: {go_bool(ref.get('optional'))}\n")


def _pod_field(pod: Obj, path: str) -> str:
    """`EnvValueRetriever`: kubectl's scheme converts only the field labels `metadata.name` and
    `metadata.namespace` (the default conversion); every other path resolves to ""."""
    if path in ("metadata.name", "metadata.namespace"):
        return str(meta(pod).get(path.split(".")[1], ""))
    return ""


def _container_resource(container: Obj, ref: Obj) -> str:
    """`ExtractContainerResourceValue` for cpu, memory and ephemeral-storage, rounded up by the divisor."""
    from minikube_py.api.quantity import QuantityError, parse_quantity

    kind, _, name = str(ref.get("resource", "")).partition(".")
    values = (container.get("resources") or {}).get(kind) or {}
    try:
        amount = parse_quantity(str(values.get(name, "0")))
        divisor = parse_quantity(str(ref.get("divisor") or "1"))
    except QuantityError:
        return ""
    if name == "cpu":
        return str(math.ceil(amount.milli_value() / (divisor.milli_value() or 1)))
    if name in ("memory", "ephemeral-storage"):
        return str(math.ceil(amount.value() / (divisor.value() or 1)))
    return ""


def _mounts(w: Writer, container: Obj) -> None:
    mounts = container.get("volumeMounts") or []
    none = "" if mounts else "\t<none>"
    w.write(2, f"Mounts:{none}\n")
    for mount in sorted(mounts, key=lambda m: m.get("mountPath", "")):
        flags = ["ro" if mount.get("readOnly") else "rw"]
        if mount.get("subPath"):
            flags.append(f'path="{mount["subPath"]}"')
        w.write(3, f"{mount.get('mountPath', '')} from {mount.get('name', '')} ({','.join(flags)})\n")
    devices = container.get("volumeDevices") or []
    if devices:
        w.write(2, f"Devices:{none}\n")
        for device in sorted(devices, key=lambda d: d.get("devicePath", "")):
            w.write(3, f"{device.get('devicePath', '')} from {device.get('name', '')}\n")


def volumes(w: Writer, items: list[Obj] | None, space: str) -> None:
    """`describeVolumes`: each volume's type line and its source's fields."""
    if not items:
        w.write(0, f"{space}Volumes:\t<none>\n")
        return
    w.write(0, f"{space}Volumes:\n")
    for volume in items:
        w.write(1, f"{' ' if space else ''}{volume.get('name', '')}:\n")
        volume_source(w, volume)


def volume_source(w: Writer, source: Obj, persistent: bool = False) -> None:
    """The source printers of describe.go for the volume types a cluster like this one meets (`persistent`: a
    PersistentVolume's spec, whose CSI source has a volume handle)."""
    if (host_path := source.get("hostPath")) is not None:
        _fields(w, "HostPath (bare host directory volume)",
                [("Path", host_path.get("path", "")), ("HostPathType", host_path.get("type") or "<none>")])
    elif (empty_dir := source.get("emptyDir")) is not None:
        limit = empty_dir.get("sizeLimit")
        size = str(limit) if limit not in (None, "0", 0) else "<unset>"
        _fields(w, "EmptyDir (a temporary directory that shares a pod's lifetime)",
                [("Medium", empty_dir.get("medium", "")), ("SizeLimit", size)])
    elif (secret := source.get("secret")) is not None:
        _fields(w, "Secret (a volume populated by a Secret)",
                [("SecretName", secret.get("secretName", "")), ("Optional", go_bool(secret.get("optional")))])
    elif (config_map := source.get("configMap")) is not None:
        _fields(w, "ConfigMap (a volume populated by a ConfigMap)",
                [("Name", config_map.get("name", "")), ("Optional", go_bool(config_map.get("optional")))])
    elif (nfs := source.get("nfs")) is not None:
        _fields(w, "NFS (an NFS mount that lasts the lifetime of a pod)",
                [("Server", nfs.get("server", "")), ("Path", nfs.get("path", "")),
                 ("ReadOnly", go_bool(nfs.get("readOnly")))])
    elif (claim := source.get("persistentVolumeClaim")) is not None:
        _fields(w, "PersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)",
                [("ClaimName", claim.get("claimName", "")), ("ReadOnly", go_bool(claim.get("readOnly")))])
    elif (downward := source.get("downwardAPI")) is not None:
        w.write(2, "Type:\tDownwardAPI (a volume populated by information about the pod)\n    Items:\n")
        for item in downward.get("items") or ():
            if item.get("fieldRef") is not None:
                w.write(3, f"{item['fieldRef'].get('fieldPath', '')} -> {item.get('path', '')}\n")
            if item.get("resourceFieldRef") is not None:
                w.write(3, f"{item['resourceFieldRef'].get('resource', '')} -> {item.get('path', '')}\n")
    elif (ephemeral := source.get("ephemeral")) is not None:
        w.write(2, "Type:\tEphemeralVolume (an inline specification for a volume that gets created and deleted with "
                   "the pod)\n")
        if ephemeral.get("volumeClaimTemplate") is not None:
            from .storage import claim_fields

            claim_fields(w.nested(2), ephemeral["volumeClaimTemplate"], full=False)
    elif (image := source.get("image")) is not None:
        _fields(w, "Image (a container image or OCI artifact)",
                [("Reference", image.get("reference", "")), ("PullPolicy", image.get("pullPolicy", ""))])
    elif (local := source.get("local")) is not None:
        _fields(w, "LocalVolume (a persistent volume backed by local storage on a node)",
                [("Path", local.get("path", ""))])
    elif (gce := source.get("gcePersistentDisk")) is not None:
        _fields(w, "GCEPersistentDisk (a Persistent Disk resource in Google Compute Engine)",
                [("PDName", gce.get("pdName", "")), ("FSType", gce.get("fsType", "")),
                 ("Partition", gce.get("partition", 0)), ("ReadOnly", go_bool(gce.get("readOnly")))])
    elif (aws := source.get("awsElasticBlockStore")) is not None:
        _fields(w, "AWSElasticBlockStore (a Persistent Disk resource in AWS)",
                [("VolumeID", aws.get("volumeID", "")), ("FSType", aws.get("fsType", "")),
                 ("Partition", aws.get("partition", 0)), ("ReadOnly", go_bool(aws.get("readOnly")))])
    elif (git := source.get("gitRepo")) is not None:
        _fields(w, "GitRepo (a volume that is pulled from git when the pod is created)",
                [("Repository", git.get("repository", "")), ("Revision", git.get("revision", ""))])
    elif (projected := source.get("projected")) is not None:
        _projected(w, projected)
    elif (csi := source.get("csi")) is not None:
        _csi(w, csi, persistent)
    else:
        w.write(1, "<unknown>\n")


def _fields(w: Writer, kind: str, fields: list[tuple[str, Any]]) -> None:
    w.write(2, f"Type:\t{kind}\n" + "".join(f"    {name}:\t{value}\n" for name, value in fields))


def _go_pointer(value: Any) -> str:
    """Go's `%v` of a pointer describe.go forgot to dereference: `<nil>` when unset."""
    return "<nil>" if value is None else str(value).lower() if isinstance(value, bool) else str(value)


def _projected(w: Writer, projected: Obj) -> None:
    w.write(2, "Type:\tProjected (a volume that contains injected data from multiple sources)\n")
    for source in projected.get("sources") or ():
        if source.get("secret") is not None:
            secret = source["secret"]
            w.write(2, f"SecretName:\t{secret.get('name', '')}\n"
                       f"    SecretOptionalName:\t{_go_pointer(secret.get('optional'))}\n")
        elif source.get("downwardAPI") is not None:
            w.write(2, "DownwardAPI:\ttrue\n")
        elif source.get("configMap") is not None:
            config_map = source["configMap"]
            w.write(2, f"ConfigMapName:\t{config_map.get('name', '')}\n"
                       f"    ConfigMapOptional:\t{_go_pointer(config_map.get('optional'))}\n")
        elif source.get("serviceAccountToken") is not None:
            w.write(2, f"TokenExpirationSeconds:\t{source['serviceAccountToken'].get('expirationSeconds', 0)}\n")


def _csi(w: Writer, csi: Obj, persistent: bool) -> None:
    handle = f"    VolumeHandle:\t{csi.get('volumeHandle', '')}\n" if persistent else ""
    w.write(2, f"Type:\tCSI (a Container Storage Interface (CSI) volume source)\n"
               f"    Driver:\t{csi.get('driver', '')}\n"
               f"    FSType:\t{csi.get('fsType') or ''}\n{handle}"
               f"    ReadOnly:\t{go_bool(csi.get('readOnly'))}\n")
    attributes = csi.get("volumeAttributes") or {}
    w.write(2, "VolumeAttributes:\t")
    if not attributes:
        w.line("<none>")
        return
    for index, key in enumerate(sorted(attributes)):
        if index:
            w.write(2, "")
            w.write(2, "\t")
        line = f"{key}={attributes[key]}"
        w.write(2, f"{line[:MAX_ANNOTATION_LENGTH]}...\n" if len(line) > MAX_ANNOTATION_LENGTH else f"{line}\n")

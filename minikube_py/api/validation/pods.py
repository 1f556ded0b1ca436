"""Validation of pods and pod templates (Kubernetes 1.32's ValidatePodSpec, validateContainers, ValidateVolumes,
ValidatePodTemplateSpec, ValidatePodUpdate): the rules users meet most, with Kubernetes' messages."""

from __future__ import annotations

import json
from typing import Any

from .. import names
from ..defaults.pods import volume_sources
from ..errors import Cause
from . import field, metadata
from .resources import container_resources

Obj = dict[str, Any]
_INT32_MAX = 2**31 - 1
_PROTOCOLS = ("SCTP", "TCP", "UDP")
_RESTART_POLICIES = ("Always", "OnFailure", "Never")
_DNS_POLICIES = ("ClusterFirstWithHostNet", "ClusterFirst", "Default", "None")
_PULL_POLICIES = ("Always", "IfNotPresent", "Never")
_TERMINATION_MESSAGE_POLICIES = ("File", "FallbackToLogsOnError")
_TAINT_EFFECTS = ("NoSchedule", "PreferNoSchedule", "NoExecute")
_HOST_PATH_TYPES = ("", "DirectoryOrCreate", "Directory", "FileOrCreate", "File", "Socket", "CharDevice",
                    "BlockDevice")
_REQUIRED_BY_SOURCE = {"hostPath": ("path",), "secret": ("secretName",), "persistentVolumeClaim": ("claimName",),
                       "nfs": ("server", "path"), "csi": ("driver",)}
_PROBES = ("livenessProbe", "readinessProbe", "startupProbe")
_HANDLERS = ("exec", "httpGet", "tcpSocket", "grpc")
_UPDATABLE = ("`spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,"
              "`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` "
              "(allow it to be set to 1 if it was previously negative)")


def is_valid_port_name(name: str) -> list[str]:
    """validation.IsValidPortName: an IANA_SVC_NAME."""
    problems = []
    if len(name) > 15:
        problems.append(names.max_len_error(15))
    if not name or any(not (ch.isascii() and (ch.islower() or ch.isdigit() or ch == "-")) for ch in name):
        problems.append("must contain only alphanumeric characters (a-z, 0-9), and hyphens (-)")
    if not any(ch.isascii() and ch.islower() for ch in name):
        problems.append("must contain at least one letter (a-z)")
    if "--" in name:
        problems.append("must not contain consecutive hyphens")
    if name and (name[0] == "-" or name[-1] == "-"):
        problems.append("must not begin or end with a hyphen")
    return problems


def port_num_or_name(value: Any, path: str) -> list[Cause]:
    """ValidatePortNumOrName: an int in 1..65535 or a port name."""
    if isinstance(value, str):
        return field.each_message(path, value, is_valid_port_name(value))
    return field.port_range(path, value)


def dns_label(value: str, path: str) -> list[Cause]:
    return field.each_message(path, value, names.is_dns1123_label(value))


def pod_spec(spec: Obj, path: str, claim_names: frozenset[str] = frozenset()) -> list[Cause]:
    """ValidatePodSpec; `claim_names`: volumes a StatefulSet's volumeClaimTemplates add to each pod."""
    causes: list[Cause] = []
    volume_names = _volumes(spec.get("volumes") or [], f"{path}.volumes", causes) | claim_names
    containers = spec.get("containers") or []
    if not containers:
        causes.append(field.required(f"{path}.containers"))
    causes += _containers(containers, volume_names, f"{path}.containers", regular=True)
    causes += _containers(spec.get("initContainers") or [], volume_names, f"{path}.initContainers", regular=False,
                          taken={c.get("name") for c in containers})
    causes += field.one_of(f"{path}.restartPolicy", spec.get("restartPolicy"), _RESTART_POLICIES)
    causes += field.one_of(f"{path}.dnsPolicy", spec.get("dnsPolicy"), _DNS_POLICIES)
    causes += metadata.labels(spec.get("nodeSelector"), f"{path}.nodeSelector")
    causes += _pod_security_context(spec.get("securityContext") or {}, f"{path}.securityContext")
    causes += _affinity(spec.get("affinity") or {}, f"{path}.affinity")
    causes += _topology_spread(spec.get("topologySpreadConstraints") or [], f"{path}.topologySpreadConstraints")
    account = spec.get("serviceAccountName") or ""
    if account:
        causes += field.each_message(f"{path}.serviceAccountName", account, names.is_dns1123_subdomain(account))
    node_name = spec.get("nodeName") or ""
    if node_name:
        causes += field.each_message(f"{path}.nodeName", node_name, names.is_dns1123_subdomain(node_name))
    deadline = spec.get("activeDeadlineSeconds")
    if deadline is not None and not 1 <= deadline <= _INT32_MAX:
        causes.append(field.invalid(f"{path}.activeDeadlineSeconds", deadline,
                                    f"must be between 1 and {_INT32_MAX}, inclusive"))
    for key in ("hostname", "subdomain"):
        if spec.get(key):
            causes += dns_label(spec[key], f"{path}.{key}")
    causes += _tolerations(spec.get("tolerations") or [], f"{path}.tolerations")
    if spec.get("priorityClassName"):
        causes += field.each_message(f"{path}.priorityClassName", spec["priorityClassName"],
                                     names.is_dns1123_subdomain(spec["priorityClassName"]))
    if spec.get("preemptionPolicy") is not None:
        causes += field.one_of(f"{path}.preemptionPolicy", spec["preemptionPolicy"], ("Never", "PreemptLowerPriority"))
    causes += field.non_negative(f"{path}.terminationGracePeriodSeconds", spec.get("terminationGracePeriodSeconds"))
    return causes


def _volumes(volumes: list[Obj], path: str, causes: list[Cause]) -> set[str]:
    seen: set[str] = set()
    for index, volume in enumerate(volumes):
        volume_path = f"{path}[{index}]"
        causes += _volume_source(volume, volume_path)
        name = volume.get("name") or ""
        if not name:
            causes.append(field.required(f"{volume_path}.name"))
        else:
            causes += dns_label(name, f"{volume_path}.name")
        if name in seen:
            causes.append(field.duplicate(f"{volume_path}.name", name))
        seen.add(name)
    return seen


def _volume_source(volume: Obj, path: str) -> list[Cause]:
    set_sources = [key for key in volume_sources() if volume.get(key) is not None]
    if not set_sources:
        return [field.required(path, "must specify a volume type")]
    causes = [field.forbidden(f"{path}.{key}", "may not specify more than 1 volume type") for key in set_sources[1:]]
    source_key = set_sources[0]
    source, source_path = volume[source_key], f"{path}.{source_key}"
    if not isinstance(source, dict):
        return causes
    for needed in _REQUIRED_BY_SOURCE.get(source_key, ()):
        if not source.get(needed):
            causes.append(field.required(f"{source_path}.{needed}"))
    if source_key == "hostPath" and source.get("type") not in (None, *_HOST_PATH_TYPES):
        causes.append(field.not_supported(f"{source_path}.type", source["type"], _HOST_PATH_TYPES[1:]))
    mode = source.get("defaultMode")
    if mode is not None and not 0 <= mode <= 0o777:
        causes.append(field.invalid(f"{source_path}.defaultMode", mode,
                                    "must be a number between 0 and 0777 (octal), both inclusive"))
    if source_key in ("configMap", "secret"):
        for item_index, item in enumerate(source.get("items") or []):
            item_path = f"{source_path}.items[{item_index}]"
            if not item.get("key"):
                causes.append(field.required(f"{item_path}.key"))
            if not item.get("path"):
                causes.append(field.required(f"{item_path}.path"))
    return causes


def _containers(containers: list[Obj], volume_names: set[str], path: str, regular: bool,
                taken: set[str] | None = None) -> list[Cause]:
    causes: list[Cause] = []
    seen: set[str] = set(taken or ())
    for index, container in enumerate(containers):
        container_path = f"{path}[{index}]"
        causes += _container(container, volume_names, container_path)
        name = container.get("name") or ""
        if name in seen:
            causes.append(field.duplicate(f"{container_path}.name", name))
        seen.add(name)
        restartable = container.get("restartPolicy") == "Always"
        if regular and container.get("restartPolicy") is not None:
            causes.append(field.forbidden(f"{container_path}.restartPolicy",
                                          "may not be set for non-init containers"))
        for probe_key in _PROBES:
            probe = container.get(probe_key)
            if probe is None:
                continue
            if not regular and not restartable:
                causes.append(field.forbidden(f"{container_path}.{probe_key}",
                                              "may not be set for init containers without restartPolicy=Always"))
                continue
            causes += _probe(probe, f"{container_path}.{probe_key}", probe_key)
    return causes


def _container(container: Obj, volume_names: set[str], path: str) -> list[Cause]:
    """validateContainerCommon."""
    causes: list[Cause] = []
    name = container.get("name") or ""
    if not name:
        causes.append(field.required(f"{path}.name"))
    else:
        causes += dns_label(name, f"{path}.name")
    if not container.get("image"):
        causes.append(field.required(f"{path}.image"))
    causes += field.one_of(f"{path}.terminationMessagePolicy", container.get("terminationMessagePolicy"),
                           _TERMINATION_MESSAGE_POLICIES)
    causes += _ports(container.get("ports") or [], f"{path}.ports")
    causes += _env(container.get("env") or [], f"{path}.env")
    causes += _volume_mounts(container.get("volumeMounts") or [], volume_names, f"{path}.volumeMounts")
    causes += field.one_of(f"{path}.imagePullPolicy", container.get("imagePullPolicy"), _PULL_POLICIES)
    causes += container_resources(container.get("resources"), f"{path}.resources")
    causes += _security_context(container.get("securityContext") or {}, f"{path}.securityContext")
    for hook in ("postStart", "preStop"):
        handler = (container.get("lifecycle") or {}).get(hook)
        if handler is not None:
            causes += _handler(handler, f"{path}.lifecycle.{hook}", lifecycle=True)
    return causes


def _ports(ports: list[Obj], path: str) -> list[Cause]:
    causes: list[Cause] = []
    seen: set[str] = set()
    for index, port in enumerate(ports):
        port_path = f"{path}[{index}]"
        name = port.get("name") or ""
        if name:
            problems = is_valid_port_name(name)
            if problems:
                causes += field.each_message(f"{port_path}.name", name, problems)
            elif name in seen:
                causes.append(field.duplicate(f"{port_path}.name", name))
            seen.add(name)
        if not port.get("containerPort"):
            causes.append(field.required(f"{port_path}.containerPort"))
        else:
            causes += field.port_range(f"{port_path}.containerPort", port["containerPort"])
        if port.get("hostPort"):
            causes += field.port_range(f"{port_path}.hostPort", port["hostPort"])
        causes += field.one_of(f"{port_path}.protocol", port.get("protocol"), _PROTOCOLS)
    return causes


def _env(variables: list[Obj], path: str) -> list[Cause]:
    causes: list[Cause] = []
    for index, variable in enumerate(variables):
        variable_path = f"{path}[{index}]"
        name = variable.get("name") or ""
        if not name:
            causes.append(field.required(f"{variable_path}.name"))
        elif any(not (" " <= ch <= "~") or ch == "=" for ch in name):
            causes.append(field.invalid(f"{variable_path}.name", name, "a valid environment variable name must "
                                        "consist only of printable ASCII characters other than '='"))
        value_from = variable.get("valueFrom")
        if value_from is None:
            continue
        sources = [key for key in ("fieldRef", "resourceFieldRef", "configMapKeyRef", "secretKeyRef")
                   if value_from.get(key) is not None]
        from_path = f"{variable_path}.valueFrom"
        if variable.get("value"):
            causes.append(field.invalid(from_path, "", "may not be specified when `value` is not empty"))
        if not sources:
            causes.append(field.invalid(from_path, "", "must specify one of: `fieldRef`, `resourceFieldRef`, "
                                        "`configMapKeyRef` or `secretKeyRef`"))
        elif len(sources) > 1:
            causes.append(field.invalid(from_path, "", "may not have more than one field specified at a time"))
        for key in ("configMapKeyRef", "secretKeyRef"):
            reference = value_from.get(key)
            if isinstance(reference, dict):
                if not reference.get("key"):
                    causes.append(field.required(f"{from_path}.{key}.key"))
                if not reference.get("name"):
                    causes.append(field.required(f"{from_path}.{key}.name"))
        field_ref = value_from.get("fieldRef")
        if isinstance(field_ref, dict) and not field_ref.get("fieldPath"):
            causes.append(field.required(f"{from_path}.fieldRef.fieldPath"))
        resource_ref = value_from.get("resourceFieldRef")
        if isinstance(resource_ref, dict) and not resource_ref.get("resource"):
            causes.append(field.required(f"{from_path}.resourceFieldRef.resource"))
    return causes


def _volume_mounts(mounts: list[Obj], volume_names: set[str], path: str) -> list[Cause]:
    causes: list[Cause] = []
    mount_paths: set[str] = set()
    for index, mount in enumerate(mounts):
        mount_path = f"{path}[{index}]"
        name = mount.get("name") or ""
        if not name:
            causes.append(field.required(f"{mount_path}.name"))
        if name not in volume_names:
            causes.append(field.not_found(f"{mount_path}.name", name))
        target = mount.get("mountPath") or ""
        if not target:
            causes.append(field.required(f"{mount_path}.mountPath"))
        if target in mount_paths:
            causes.append(field.invalid(f"{mount_path}.mountPath", target, "must be unique"))
        mount_paths.add(target)
        sub_path = mount.get("subPath") or ""
        if sub_path.startswith("/"):
            causes.append(field.invalid(f"{mount_path}.subPath", sub_path, "must be a relative path"))
        elif ".." in sub_path.split("/"):
            causes.append(field.invalid(f"{mount_path}.subPath", sub_path, "must not contain '..'"))
    return causes


def _probe(probe: Obj, path: str, kind: str) -> list[Cause]:
    causes = _handler(probe, path, lifecycle=False)
    for key in ("initialDelaySeconds", "timeoutSeconds", "periodSeconds", "successThreshold", "failureThreshold"):
        causes += field.non_negative(f"{path}.{key}", probe.get(key))
    if kind in ("livenessProbe", "startupProbe") and probe.get("successThreshold", 1) != 1:
        causes.append(field.invalid(f"{path}.successThreshold", probe["successThreshold"], "must be 1"))
    return causes


def _handler(handler: Obj, path: str, lifecycle: bool) -> list[Cause]:
    kinds = ("exec", "httpGet", "tcpSocket", "sleep") if lifecycle else _HANDLERS
    present = [key for key in kinds if handler.get(key) is not None]
    if not present:
        return [field.required(path, "must specify a handler type")]
    causes = [field.forbidden(f"{path}.{key}", "may not specify more than 1 handler type") for key in present[1:]]
    http_get = handler.get("httpGet")
    if isinstance(http_get, dict):
        if not http_get.get("path"):
            causes.append(field.required(f"{path}.httpGet.path"))
        causes += port_num_or_name(http_get.get("port"), f"{path}.httpGet.port")
        causes += field.one_of(f"{path}.httpGet.scheme", http_get.get("scheme"), ("HTTP", "HTTPS"))
    tcp = handler.get("tcpSocket")
    if isinstance(tcp, dict):
        causes += port_num_or_name(tcp.get("port"), f"{path}.tcpSocket.port")
    exec_action = handler.get("exec")
    if isinstance(exec_action, dict) and not exec_action.get("command"):
        causes.append(field.required(f"{path}.exec.command"))
    return causes


def _ids(context: Obj, path: str, keys: tuple[str, ...]) -> list[Cause]:
    causes: list[Cause] = []
    for key in keys:
        value = context.get(key)
        if value is not None and not 0 <= value <= _INT32_MAX:
            causes.append(field.invalid(f"{path}.{key}", value, f"must be between 0 and {_INT32_MAX}, inclusive"))
    return causes


def _pod_security_context(context: Obj, path: str) -> list[Cause]:
    causes = _ids(context, path, ("runAsUser", "runAsGroup", "fsGroup"))
    for index, group in enumerate(context.get("supplementalGroups") or []):
        if not 0 <= group <= _INT32_MAX:
            causes.append(field.invalid(f"{path}.supplementalGroups[{index}]", group,
                                        f"must be between 0 and {_INT32_MAX}, inclusive"))
    return causes


def _security_context(context: Obj, path: str) -> list[Cause]:
    causes = _ids(context, path, ("runAsUser", "runAsGroup"))
    if context.get("privileged") and context.get("allowPrivilegeEscalation") is False:
        causes.append(field.invalid(path, "", "cannot set `allowPrivilegeEscalation` to false and `privileged` "
                                    "to true"))
    return causes


def _tolerations(tolerations: list[Obj], path: str) -> list[Cause]:
    causes: list[Cause] = []
    for index, toleration in enumerate(tolerations):
        item = f"{path}[{index}]"
        key, operator = toleration.get("key") or "", toleration.get("operator") or ""
        if key:
            causes += field.each_message(f"{item}.key", key, names.is_qualified_name(key))
        if not key and operator != "Exists":
            causes.append(field.invalid(f"{item}.operator", operator, "operator must be Exists when `key` is "
                                        'empty, which means "match all values and all keys"'))
        if toleration.get("tolerationSeconds") is not None and toleration.get("effect") != "NoExecute":
            causes.append(field.invalid(f"{item}.effect", toleration.get("effect") or "",
                                        "effect must be 'NoExecute' when `tolerationSeconds` is set"))
        value = toleration.get("value") or ""
        if operator in ("", "Equal"):
            causes += field.each_message(f"{item}.operator", value, names.is_valid_label_value(value))
        elif operator == "Exists":
            if value:
                causes.append(field.invalid(f"{item}.operator", value, "value must be empty when `operator` is "
                                            "'Exists'"))
        else:
            causes.append(field.not_supported(f"{item}.operator", operator, ("Equal", "Exists")))
        if toleration.get("effect"):
            causes += field.one_of(f"{item}.effect", toleration["effect"], _TAINT_EFFECTS)
    return causes


def _node_selector_requirements(requirements: list[Obj], path: str) -> list[Cause]:
    causes: list[Cause] = []
    for index, requirement in enumerate(requirements):
        item = f"{path}[{index}]"
        operator, values = requirement.get("operator"), requirement.get("values") or []
        if operator in ("In", "NotIn"):
            if not values:
                causes.append(field.required(f"{item}.values", "must be specified when `operator` is 'In' or 'NotIn'"))
        elif operator in ("Exists", "DoesNotExist"):
            if values:
                causes.append(field.forbidden(f"{item}.values",
                                              "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"))
        elif operator in ("Gt", "Lt"):
            if len(values) != 1:
                causes.append(field.required(f"{item}.values",
                                             "must be specified single value when `operator` is 'Lt' or 'Gt'"))
        else:
            causes.append(field.invalid(f"{item}.operator", operator or "", "not a valid selector operator"))
        key = requirement.get("key") or ""
        causes += field.each_message(f"{item}.key", key, names.is_qualified_name(key))
    return causes


def _node_selector_term(term: Obj, path: str) -> list[Cause]:
    return (_node_selector_requirements(term.get("matchExpressions") or [], f"{path}.matchExpressions")
            + _node_selector_requirements(term.get("matchFields") or [], f"{path}.matchFields"))


def _weight(value: Any, path: str) -> list[Cause]:
    if not isinstance(value, int) or not 1 <= value <= 100:
        return [field.invalid(path, value, "must be in the range 1-100")]
    return []


def _affinity(affinity: Obj, path: str) -> list[Cause]:
    causes: list[Cause] = []
    node = affinity.get("nodeAffinity") or {}
    required = node.get("requiredDuringSchedulingIgnoredDuringExecution")
    required_path = f"{path}.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution"
    if isinstance(required, dict):
        terms = required.get("nodeSelectorTerms") or []
        if not terms:
            causes.append(field.required(f"{required_path}.nodeSelectorTerms",
                                         "must have at least one node selector term"))
        for index, term in enumerate(terms):
            causes += _node_selector_term(term, f"{required_path}.nodeSelectorTerms[{index}]")
    for index, preferred in enumerate(node.get("preferredDuringSchedulingIgnoredDuringExecution") or []):
        item = f"{path}.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[{index}]"
        causes += _weight(preferred.get("weight"), f"{item}.weight")
        causes += _node_selector_term(preferred.get("preference") or {}, f"{item}.preference")
    for kind in ("podAffinity", "podAntiAffinity"):
        pod_affinity = affinity.get(kind) or {}
        for index, term in enumerate(pod_affinity.get("requiredDuringSchedulingIgnoredDuringExecution") or []):
            causes += _pod_affinity_term(term, f"{path}.{kind}.requiredDuringSchedulingIgnoredDuringExecution[{index}]")
        for index, weighted in enumerate(pod_affinity.get("preferredDuringSchedulingIgnoredDuringExecution") or []):
            item = f"{path}.{kind}.preferredDuringSchedulingIgnoredDuringExecution[{index}]"
            causes += _weight(weighted.get("weight"), f"{item}.weight")
            causes += _pod_affinity_term(weighted.get("podAffinityTerm") or {}, f"{item}.podAffinityTerm")
    return causes


def _pod_affinity_term(term: Obj, path: str) -> list[Cause]:
    causes = metadata.label_selector(term.get("labelSelector"), f"{path}.labelSelector")
    causes += metadata.label_selector(term.get("namespaceSelector"), f"{path}.namespaceSelector")
    for index, namespace in enumerate(term.get("namespaces") or []):
        causes += dns_label(namespace, f"{path}.namespaces[{index}]")
    key = term.get("topologyKey") or ""
    if not key:
        causes.append(field.required(f"{path}.topologyKey", "can not be empty"))
    else:
        causes += field.each_message(f"{path}.topologyKey", key, names.is_qualified_name(key))
    return causes


def _topology_spread(constraints: list[Obj], path: str) -> list[Cause]:
    causes: list[Cause] = []
    for index, constraint in enumerate(constraints):
        item = f"{path}[{index}]"
        skew = constraint.get("maxSkew")
        if not isinstance(skew, int) or skew <= 0:
            causes.append(field.invalid(f"{item}.maxSkew", skew, "must be greater than zero"))
        if not constraint.get("topologyKey"):
            causes.append(field.required(f"{item}.topologyKey", "can not be empty"))
        causes += field.one_of(f"{item}.whenUnsatisfiable", constraint.get("whenUnsatisfiable"),
                               ("DoNotSchedule", "ScheduleAnyway"))
        causes += metadata.label_selector(constraint.get("labelSelector"), f"{item}.labelSelector")
    return causes


def pod_template(template: Any, path: str, claim_names: frozenset[str] = frozenset()) -> list[Cause]:
    """ValidatePodTemplateSpec: the template's labels and annotations, then its pod spec."""
    if not isinstance(template, dict):
        return [field.required(path)]
    meta = template.get("metadata") or {}
    causes = metadata.labels(meta.get("labels"), f"{path}.labels")
    causes += metadata.annotations(meta.get("annotations"), f"{path}.annotations")
    return causes + pod_spec(template.get("spec") or {}, f"{path}.spec", claim_names)


def pod(obj: Obj) -> list[Cause]:
    """A Pod's spec, plus what only pods (not templates) are held to: images without surrounding blanks."""
    spec = obj.get("spec") or {}
    causes = pod_spec(spec, "spec")
    for key in ("containers", "initContainers"):
        for index, container in enumerate(spec.get(key) or []):
            image = container.get("image") or ""
            if image != image.strip():
                causes.append(field.invalid(f"spec.{key}[{index}].image", image,
                                            "must not have leading or trailing whitespace"))
    return causes


def pod_update(new: Obj, old: Obj) -> list[Cause]:
    """ValidatePodUpdate: only images, activeDeadlineSeconds, added tolerations and a negative grace period may
    change."""
    new_spec, old_spec = new.get("spec") or {}, old.get("spec") or {}
    causes: list[Cause] = []
    for key in ("containers", "initContainers"):
        for index, container in enumerate(new_spec.get(key) or []):
            if not container.get("image"):
                causes.append(field.required(f"spec.{key}[{index}].image"))
    old_deadline, new_deadline = old_spec.get("activeDeadlineSeconds"), new_spec.get("activeDeadlineSeconds")
    if old_deadline is not None and (new_deadline is None or new_deadline > old_deadline):
        causes.append(field.invalid("spec.activeDeadlineSeconds", new_deadline,
                                    "must be less than or equal to previous value"))
    munged = json.loads(json.dumps(new_spec))
    for key in ("containers", "initContainers"):
        olds = old_spec.get(key) or []
        for index, container in enumerate(munged.get(key) or []):
            if index < len(olds) and "image" in olds[index]:
                container["image"] = olds[index]["image"]
    munged["activeDeadlineSeconds"] = old_deadline
    if all(t in (new_spec.get("tolerations") or []) for t in old_spec.get("tolerations") or []):
        munged["tolerations"] = old_spec.get("tolerations")
    if (old_spec.get("terminationGracePeriodSeconds") or 0) < 0 and new_spec.get("terminationGracePeriodSeconds") == 1:
        munged["terminationGracePeriodSeconds"] = old_spec.get("terminationGracePeriodSeconds")
    munged = {k: v for k, v in munged.items() if v is not None}
    if munged != old_spec:
        causes.append(field.forbidden("spec", f"pod updates may not change fields other than {_UPDATABLE}\n"
                                      + _spec_diff(old_spec, munged)))
    return causes


def _spec_diff(old: Obj, new: Obj) -> str:
    """A short rendering of what changed, in the spirit of the cmp.Diff Kubernetes appends."""
    lines = ["  core.PodSpec{"]
    for key in dict.fromkeys(list(old) + list(new)):
        if old.get(key) != new.get(key):
            go_name = key[:1].upper() + key[1:]
            if key in old:
                lines.append(f"- \t{go_name}: {json.dumps(old[key], sort_keys=True)},")
            if key in new:
                lines.append(f"+ \t{go_name}: {json.dumps(new[key], sort_keys=True)},")
    lines.append("  }")
    return "\n".join(lines) + "\n"



_DEPRECATED_NODE_LABELS = {
    "beta.kubernetes.io/arch": ("v1.14", "kubernetes.io/arch"),
    "beta.kubernetes.io/os": ("v1.14", "kubernetes.io/os"),
    "failure-domain.beta.kubernetes.io/region": ("v1.17", "topology.kubernetes.io/region"),
    "failure-domain.beta.kubernetes.io/zone": ("v1.17", "topology.kubernetes.io/zone"),
    "beta.kubernetes.io/instance-type": ("v1.17", "node.kubernetes.io/instance-type"),
}


def pod_spec_warnings(spec: Obj, path: str) -> list[str]:
    """The warnings the apiserver returns with an accepted pod or template (pkg/api/pod/warnings.go's common
    ones): deprecated node labels, environment variables hiding earlier ones, repeated container ports."""
    warnings: list[str] = []
    for key in spec.get("nodeSelector") or {}:
        if key in _DEPRECATED_NODE_LABELS:
            since, use = _DEPRECATED_NODE_LABELS[key]
            warnings.append(f'{path}.nodeSelector[{key}]: deprecated since {since}; use "{use}" instead')
    grace = spec.get("terminationGracePeriodSeconds")
    if isinstance(grace, int) and grace < 0:
        warnings.append(f"{path}.terminationGracePeriodSeconds: must be >= 0; negative values are invalid and will "
                        "be treated as 1")
    for kind in ("initContainers", "containers"):
        for index, container in enumerate(spec.get(kind) or []):
            container_path = f"{path}.{kind}[{index}]"
            seen_env: set[str] = set()
            for env_index, variable in enumerate(container.get("env") or []):
                name = variable.get("name")
                if name in seen_env:
                    warnings.append(f'{container_path}.env[{env_index}]: hides previous definition of "{name}", '
                                    "which may be dropped when using apply")
                seen_env.add(name)
            seen_ports: dict[tuple[Any, Any, Any, Any], int] = {}
            for port_index, port in enumerate(container.get("ports") or []):
                port_key = (port.get("containerPort"), port.get("protocol"), port.get("hostIP"), port.get("hostPort"))
                if port_key in seen_ports:
                    warnings.append(f"{container_path}.ports[{port_index}]: duplicate port definition with "
                                    f"{container_path}.ports[{seen_ports[port_key]}]")
                seen_ports.setdefault(port_key, port_index)
    return warnings

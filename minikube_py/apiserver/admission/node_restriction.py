"""NodeRestriction: a kubelet (user `system:node:<name>` in group `system:nodes`) may change only its own Node
(not its taints, nor labels outside the kubelet's set), the status of pods bound to it, mirror pods bound to
it, its own Lease and CSINode, PVC status, and tokens for pods bound to it."""

from __future__ import annotations

import json

from minikube_py.api import errors

from . import pod_references
from .attributes import CREATE, DELETE, UPDATE, AdmissionAttributes, Object, Reader, read

NAME = "NodeRestriction"
NODE_USER_PREFIX = "system:node:"
NODES_GROUP = "system:nodes"
MIRROR_ANNOTATION = "kubernetes.io/config.mirror"
NODE_LEASE_NAMESPACE = "kube-node-lease"
NODE_RESTRICTION_LABEL_DOMAIN = "node-restriction.kubernetes.io"
# Labels a kubelet may set on its Node (k8s.io/kubelet/pkg/apis: kubeletLabels, kubeletLabelNamespaces).
KUBELET_LABELS = frozenset({
    "kubernetes.io/hostname", "topology.kubernetes.io/zone", "topology.kubernetes.io/region",
    "failure-domain.beta.kubernetes.io/zone", "failure-domain.beta.kubernetes.io/region",
    "beta.kubernetes.io/instance-type", "node.kubernetes.io/instance-type",
    "beta.kubernetes.io/os", "beta.kubernetes.io/arch", "kubernetes.io/os", "kubernetes.io/arch"})
KUBELET_LABEL_DOMAINS = ("kubelet.kubernetes.io", "node.kubernetes.io")


def node_identity(user: object) -> str | None:
    """The node a user is (`system:node:<name>` in `system:nodes`), "" for a node user without a name, None
    for anyone else."""
    name = getattr(user, "name", "")
    if not name.startswith(NODE_USER_PREFIX) or NODES_GROUP not in getattr(user, "groups", ()):
        return None
    return name[len(NODE_USER_PREFIX):]


def admit(attrs: AdmissionAttributes, reader: Reader) -> None:
    if attrs.operation not in (CREATE, UPDATE, DELETE):
        return
    node = node_identity(attrs.user)
    if node is None:
        return
    if not node:
        raise attrs.forbidden(f'could not determine node from user "{attrs.user.name}"')
    group, plural = attrs.resource.group, attrs.resource.plural
    if (group, plural) == ("", "pods"):
        _admit_pod(attrs, reader, node)
    elif (group, plural) == ("", "nodes"):
        _admit_node(attrs, node)
    elif (group, plural) == ("", "persistentvolumeclaims"):
        if attrs.subresource != "status":
            raise attrs.forbidden("may only update PVC status")
        _admit_pvc_status(attrs, node)
    elif (group, plural) == ("", "serviceaccounts"):
        _admit_token_request(attrs, reader, node)
    elif (group, plural) == ("coordination.k8s.io", "leases"):
        if attrs.namespace != NODE_LEASE_NAMESPACE:
            raise attrs.forbidden(f'can only access leases in the "{NODE_LEASE_NAMESPACE}" system namespace')
        _require_own_name(attrs, node, "node lease")
    elif (group, plural) == ("storage.k8s.io", "csinodes"):
        _require_own_name(attrs, node, "CSINode")


def _admit_pod(attrs: AdmissionAttributes, reader: Reader, node: str) -> None:
    if attrs.subresource == "":
        if attrs.operation == CREATE:
            _admit_mirror_pod(attrs, reader, node)
        elif attrs.operation == DELETE:
            if _stored_pod(attrs, reader, attrs.name).get("spec", {}).get("nodeName") != node:
                raise attrs.forbidden(f'node "{node}" can only delete pods with spec.nodeName set to itself')
        else:
            raise attrs.forbidden(f'unexpected operation "{attrs.operation}", node "{node}" can only create and '
                                  'delete mirror pods')
    elif attrs.subresource == "status":
        if attrs.operation != UPDATE:
            raise attrs.forbidden(f'unexpected operation "{attrs.operation}"')
        old, new = attrs.old_obj or {}, attrs.obj or {}
        if (old.get("spec") or {}).get("nodeName") != node:
            raise attrs.forbidden(f'node "{node}" can only update pod status for pods with spec.nodeName set to '
                                  'itself')
        if _labels(old) != _labels(new):
            raise attrs.forbidden(f'node "{node}" cannot update labels through pod status')
        if _claim_statuses(old) != _claim_statuses(new):
            raise attrs.forbidden(f'node "{node}" cannot update resource claim statues')
    elif attrs.subresource == "eviction":
        if attrs.operation != CREATE:
            raise attrs.forbidden(f"unexpected operation {attrs.operation}")
        pod_name = attrs.name or ((attrs.obj or {}).get("metadata") or {}).get("name", "")
        if not pod_name:
            raise attrs.forbidden("could not determine pod from request data")
        if _stored_pod(attrs, reader, pod_name).get("spec", {}).get("nodeName") != node:
            raise attrs.forbidden(f"node {node} can only evict pods with spec.nodeName set to itself")
    else:
        raise attrs.forbidden(f'unexpected pod subresource "{attrs.subresource}", only \'status\' and '
                              "'eviction' are allowed")


def _admit_mirror_pod(attrs: AdmissionAttributes, reader: Reader, node: str) -> None:
    pod = attrs.obj or {}
    metadata, spec = pod.get("metadata") or {}, pod.get("spec") or {}
    if MIRROR_ANNOTATION not in (metadata.get("annotations") or {}):
        raise attrs.forbidden(f'pod does not have "{MIRROR_ANNOTATION}" annotation, node "{node}" can only '
                              "create mirror pods")
    if spec.get("nodeName") != node:
        raise attrs.forbidden(f'node "{node}" can only create pods with spec.nodeName set to itself')
    owners = metadata.get("ownerReferences") or []
    if len(owners) > 1:
        raise attrs.forbidden(f'node "{node}" can only create pods with a single owner reference set to itself')
    owner = owners[0] if owners else {}
    if (owner.get("apiVersion"), owner.get("kind"), owner.get("name")) != ("v1", "Node", node):
        raise attrs.forbidden(f'node "{node}" can only create pods with an owner reference set to itself')
    if not owner.get("controller"):
        raise attrs.forbidden(f'node "{node}" can only create pods with a controller owner reference set to '
                              "itself")
    if owner.get("blockOwnerDeletion"):
        raise attrs.forbidden(f'node "{node}" must not set blockOwnerDeletion on an owner reference')
    stored = read(reader, "nodes", "", node)
    if stored is None:
        raise errors.not_found("nodes", node)
    uid = (stored.get("metadata") or {}).get("uid", "")
    if owner.get("uid", "") != uid:
        raise attrs.forbidden(f"node {node} UID mismatch: expected {owner.get('uid', '')} got {uid}")
    if spec.get("serviceAccountName"):
        raise attrs.forbidden(f'node "{node}" can not create pods that reference a service account')
    checks = (("secrets", pod_references.secret_names(pod)), ("configmaps", pod_references.configmap_names(pod)))
    for what, names in checks:
        if any(True for _ in names):
            raise attrs.forbidden(f'node "{node}" can not create pods that reference {what}')
    volumes = spec.get("volumes") or []
    if any(source.get("clusterTrustBundle") for volume in volumes
           for source in (volume.get("projected") or {}).get("sources") or []):
        raise attrs.forbidden(f'node "{node}" can not create pods that reference clustertrustbundles')
    if any("persistentVolumeClaim" in volume for volume in volumes):
        raise attrs.forbidden(f'node "{node}" can not create pods that reference persistentvolumeclaims')


def _stored_pod(attrs: AdmissionAttributes, reader: Reader, name: str) -> Object:
    pod = read(reader, "pods", attrs.namespace, name)
    if pod is None:
        raise errors.not_found("pods", name)
    return pod


def _labels(obj: Object) -> dict[str, str]:
    return (obj.get("metadata") or {}).get("labels") or {}


def _claim_statuses(pod: Object) -> list[tuple[str, str | None]]:
    return [(s.get("name", ""), s.get("resourceClaimName"))
            for s in (pod.get("status") or {}).get("resourceClaimStatuses") or []]


def _admit_node(attrs: AdmissionAttributes, node: str) -> None:
    if attrs.name != node:
        raise attrs.forbidden(f'node "{node}" is not allowed to modify node "{attrs.name}"')
    new = attrs.obj or {}
    labels = _labels(new)
    spec = new.get("spec") or {}
    if attrs.operation == CREATE:
        if spec.get("configSource") is not None:
            raise attrs.forbidden(f'node "{node}" is not allowed to create pods with a non-nil configSource')
        forbidden = _forbidden_labels(_modified_labels(labels, {}))
        if forbidden:
            raise attrs.forbidden(f'node "{node}" is not allowed to set the following labels: {", ".join(forbidden)}')
    elif attrs.operation == UPDATE:
        old = attrs.old_obj or {}
        old_spec = old.get("spec") or {}
        if spec.get("configSource") is not None and spec.get("configSource") != old_spec.get("configSource"):
            raise attrs.forbidden(f'node "{node}" is not allowed to update configSource to a new non-nil '
                                  "configSource")
        if (spec.get("taints") or []) != (old_spec.get("taints") or []):
            raise attrs.forbidden(f'node "{node}" is not allowed to modify taints')
        forbidden = _forbidden_labels(_modified_labels(labels, _labels(old)))
        if forbidden:
            raise attrs.forbidden(f"is not allowed to modify labels: {', '.join(forbidden)}")


def _modified_labels(new: dict[str, str], old: dict[str, str]) -> set[str]:
    return {key for key in new.keys() | old.keys() if new.get(key) != old.get(key)}


def _label_domain(key: str) -> str:
    return key.split("/", 1)[0] if "/" in key else ""


def _in_domain(domain: str, parent: str) -> bool:
    return domain == parent or domain.endswith("." + parent)


def _forbidden_labels(modified: set[str]) -> list[str]:
    """The labels (sorted) a kubelet may not set: node-restriction.kubernetes.io ones, and kubernetes.io/k8s.io
    ones outside the kubelet's own set."""
    def forbidden(key: str) -> bool:
        domain = _label_domain(key)
        if _in_domain(domain, NODE_RESTRICTION_LABEL_DOMAIN):
            return True
        kubernetes = _in_domain(domain, "kubernetes.io") or _in_domain(domain, "k8s.io")
        kubelet = key in KUBELET_LABELS or any(_in_domain(domain, d) for d in KUBELET_LABEL_DOMAINS)
        return kubernetes and not kubelet
    return sorted(key for key in modified if forbidden(key))


def _admit_pvc_status(attrs: AdmissionAttributes, node: str) -> None:
    if attrs.operation != UPDATE:
        raise attrs.forbidden(f'unexpected operation "{attrs.operation}"')
    old, new = _pvc_without_status_updates(attrs.old_obj or {}), _pvc_without_status_updates(attrs.obj or {})
    if old != new:
        changed = sorted(key for key in old.keys() | new.keys() if old.get(key) != new.get(key))
        diff = "; ".join(f"{key}: {json.dumps(old.get(key), sort_keys=True)} -> "
                         f"{json.dumps(new.get(key), sort_keys=True)}" for key in changed)
        raise attrs.forbidden(f'node "{node}" is not allowed to update fields other than status.capacity and '
                              f"status.conditions: {diff}")


def _pvc_without_status_updates(pvc: Object) -> Object:
    """A PVC less what a node may change in its status (and the resourceVersion and managedFields)."""
    metadata = {k: v for k, v in (pvc.get("metadata") or {}).items() if k not in ("resourceVersion", "managedFields")}
    status = {k: v for k, v in (pvc.get("status") or {}).items()
              if k not in ("capacity", "conditions", "allocatedResources", "allocatedResourceStatuses")}
    return {**pvc, "metadata": metadata, "status": status}


def _admit_token_request(attrs: AdmissionAttributes, reader: Reader, node: str) -> None:
    if attrs.operation != CREATE or attrs.subresource != "token":
        return
    ref = ((attrs.obj or {}).get("spec") or {}).get("boundObjectRef") or {}
    if ref.get("apiVersion") != "v1" or ref.get("kind") != "Pod" or not ref.get("name"):
        raise attrs.forbidden("node requested token not bound to a pod")
    if not ref.get("uid"):
        raise attrs.forbidden("node requested token with a pod binding without a uid")
    pod = _stored_pod(attrs, reader, ref["name"])
    if ref["uid"] != (pod.get("metadata") or {}).get("uid"):
        raise attrs.forbidden(f"the UID in the bound object reference ({ref['uid']}) does not match the UID in "
                              "record. The object might have been deleted and then recreated")
    if (pod.get("spec") or {}).get("nodeName") != node:
        raise attrs.forbidden("node requested token bound to a pod scheduled on a different node")


def _require_own_name(attrs: AdmissionAttributes, node: str, what: str) -> None:
    name = ((attrs.obj or {}).get("metadata") or {}).get("name", "") if attrs.operation == CREATE else attrs.name
    if name != node:
        raise attrs.forbidden(f"can only access {what} with the same name as the requesting node")

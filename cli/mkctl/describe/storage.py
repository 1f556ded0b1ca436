"""`kubectl describe` of persistentvolumes (source, node affinity) and persistentvolumeclaims (with the pods
using them), and the claim fields an ephemeral volume's claim template shares."""

from __future__ import annotations

from minikube_py.api.printers.columns import since

from .common import (
    Obj,
    PrefixWriter,
    Writer,
    annotations,
    events,
    go_list,
    labels,
    meta,
    multiline,
    name_and_namespace,
    rfc1123z,
)
from .pods import volume_source


def claim_class(pvc: Obj) -> str:
    """`GetPersistentVolumeClaimClass`: the beta annotation, else `spec.storageClassName`."""
    beta = (meta(pvc).get("annotations") or {}).get("volume.beta.kubernetes.io/storage-class")
    return beta if beta is not None else (pvc.get("spec") or {}).get("storageClassName") or ""


def _access_modes(modes: list[str] | None) -> str:
    """`GetAccessModesAsString`: RWO, ROX, RWX, RWOP in that order."""
    modes = modes or []
    return ",".join(short for mode, short in (("ReadWriteOnce", "RWO"), ("ReadOnlyMany", "ROX"),
                                              ("ReadWriteMany", "RWX"), ("ReadWriteOncePod", "RWOP"))
                    if mode in modes)


def describe_persistent_volume(pv: Obj, object_events: list[Obj] | None, related: dict[str, list[Obj]],
                               now: float) -> str:
    metadata, spec, status = meta(pv), pv.get("spec") or {}, pv.get("status") or {}
    w = PrefixWriter()
    w.write(0, f"Name:\t{metadata.get('name', '')}\n")
    labels(w, "Labels", metadata.get("labels"))
    annotations(w, "Annotations", metadata.get("annotations"))
    w.write(0, f"Finalizers:\t{go_list(metadata.get('finalizers'))}\n")
    w.write(0, f"StorageClass:\t{claim_class(pv)}\n")
    if metadata.get("deletionTimestamp"):
        w.write(0, f"Status:\tTerminating (lasts {since(metadata['deletionTimestamp'], now)})\n")
    else:
        w.write(0, f"Status:\t{status.get('phase', '')}\n")
    claim = spec.get("claimRef")
    w.write(0, f"Claim:\t{'' if claim is None else claim.get('namespace', '') + '/' + claim.get('name', '')}\n")
    w.write(0, f"Reclaim Policy:\t{spec.get('persistentVolumeReclaimPolicy', '')}\n")
    w.write(0, f"Access Modes:\t{_access_modes(spec.get('accessModes'))}\n")
    if spec.get("volumeMode") is not None:
        w.write(0, f"VolumeMode:\t{spec['volumeMode']}\n")
    w.write(0, f"Capacity:\t{(spec.get('capacity') or {}).get('storage', '0')}\n")
    _node_affinity(w, spec.get("nodeAffinity"))
    w.write(0, f"Message:\t{status.get('message', '')}\n")
    w.write(0, "Source:\n")
    volume_source(w, spec, persistent=True)
    events(w, object_events, now)
    return w.render()


def _node_affinity(w: Writer, affinity: Obj | None) -> None:
    w.write(0, "Node Affinity:\t")
    if affinity is None or affinity.get("required") is None:
        w.line("<none>")
        return
    w.line("")
    terms = affinity["required"].get("nodeSelectorTerms") or []
    w.write(1, "Required Terms:\t")
    if not terms:
        w.line("<none>")
        return
    w.line("")
    for index, term in enumerate(terms):
        expressions = []
        for requirement in term.get("matchExpressions") or ():
            text = f"{requirement.get('key', '')} {str(requirement.get('operator', '')).lower()}"
            if requirement.get("values"):
                text += f" [{', '.join(requirement['values'])}]"
            expressions.append(text)
        w.write(2, f"Term {index}:\t")
        if not expressions:
            w.line("<none>")
        for number, text in enumerate(expressions):
            if number:
                w.write(2, "\t")
            w.write(0, text + "\n")


def describe_persistent_volume_claim(pvc: Obj, object_events: list[Obj] | None, related: dict[str, list[Obj]],
                                     now: float) -> str:
    status = pvc.get("status") or {}
    w = PrefixWriter()
    claim_fields(w, pvc, full=True, now=now)
    multiline(w, "Used By", sorted(meta(pod).get("name", "") for pod in _pods_using(pvc, related.get("pods") or [])))
    if status.get("conditions"):
        w.write(0, "Conditions:\n")
        w.write(1, "Type\tStatus\tLastProbeTime\tLastTransitionTime\tReason\tMessage\n")
        w.write(1, "----\t------\t-----------------\t------------------\t------\t-------\n")
        for c in status["conditions"]:
            w.write(1, f"{c.get('type', '')} \t{c.get('status', '')} \t{rfc1123z(c.get('lastProbeTime'))} \t"
                       f"{rfc1123z(c.get('lastTransitionTime'))} \t{c.get('reason', '')} \t{c.get('message', '')}\n")
    events(w, object_events, now)
    return w.render()


def claim_fields(w: Writer, pvc: Obj, *, full: bool, now: float = 0.0) -> None:
    """`printPersistentVolumeClaim`: a claim's fields; `full` for a claim object (name, namespace, status,
    finalizers), not for an ephemeral volume's claim template."""
    metadata, spec, status = meta(pvc), pvc.get("spec") or {}, pvc.get("status") or {}
    if full:
        name_and_namespace(w, pvc)
    w.write(0, f"StorageClass:\t{claim_class(pvc)}\n")
    if full:
        if metadata.get("deletionTimestamp"):
            w.write(0, f"Status:\tTerminating (lasts {since(metadata['deletionTimestamp'], now)})\n")
        else:
            w.write(0, f"Status:\t{status.get('phase', '')}\n")
    w.write(0, f"Volume:\t{spec.get('volumeName', '')}\n")
    labels(w, "Labels", metadata.get("labels"))
    annotations(w, "Annotations", metadata.get("annotations"))
    if full:
        w.write(0, f"Finalizers:\t{go_list(metadata.get('finalizers'))}\n")
    capacity, modes = "", ""
    if spec.get("volumeName"):
        modes = _access_modes(status.get("accessModes"))
        capacity = str((status.get("capacity") or {}).get("storage", "0"))
    w.write(0, f"Capacity:\t{capacity}\n")
    w.write(0, f"Access Modes:\t{modes}\n")
    if spec.get("volumeMode") is not None:
        w.write(0, f"VolumeMode:\t{spec['volumeMode']}\n")
    if spec.get("dataSource") is not None:
        source = spec["dataSource"]
        w.write(0, "DataSource:\n")
        if source.get("apiGroup") is not None:
            w.write(1, f"APIGroup:\t{source['apiGroup']}\n")
        w.write(1, f"Kind:\t{source.get('kind', '')}\n")
        w.write(1, f"Name:\t{source.get('name', '')}\n")


def _pods_using(pvc: Obj, pods: list[Obj]) -> list[Obj]:
    """`getPodsForPVC`: pods mounting the claim, then owner pods not already listed."""
    name = meta(pvc).get("name")
    using = [pod for pod in pods for volume in (pod.get("spec") or {}).get("volumes") or ()
             if (volume.get("persistentVolumeClaim") or {}).get("claimName") == name]
    for ref in meta(pvc).get("ownerReferences") or ():
        owner = next((pod for pod in pods if ref.get("kind") == "Pod" and meta(pod).get("uid") == ref.get("uid")),
                     None)
        if owner is not None and all(meta(p).get("uid") != meta(owner).get("uid") for p in using):
            using.append(owner)
    return using

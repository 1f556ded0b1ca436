"""`mkctl autoscale (-f FILE | TYPE NAME) --max=N [--min=N] [--cpu-percent=N] [--name=NAME]`: the
HorizontalPodAutoscaler kubectl 1.32 creates for each object with a scale subresource — autoscaling/v1, as kubectl
1.32 sends it (`targetCPUUtilizationPercentage` from --cpu-percent) — printed `created` with --dry-run=client,
otherwise created and printed `autoscaled`."""

from __future__ import annotations

from minikube_py.client.errors import ClientError

from ..session import Session
from .create import CLIENT, create_generated, dry_run_strategy
from .patch import find_objects, report

HPA_VERSION = "autoscaling/v1"


def run(session: Session) -> int:
    from ..builder import refuse_kustomize
    from .create import required_flags

    required_flags(session, "max")
    refuse_kustomize(session, "autoscale")
    strategy = dry_run_strategy(session)
    maximum, minimum = session.flag("max"), session.flag("min")
    if maximum < 1:
        raise ClientError(f"error: --max=MAXPODS is required and must be at least 1, max: {maximum}")
    if maximum < minimum:
        raise ClientError(f"error: --max=MAXPODS must be larger or equal to --min=MINPODS, max: {maximum}, "
                          f"min: {minimum}")
    found = find_objects(session, session.args, latest=False)
    if found.errors:
        return report(session, found.errors)
    for item in found.items:
        if item.resource.subresource("scale") is None:
            raise ClientError(f"error: cannot autoscale a {item.resource.kind}: could not find scale subresource "
                              f"for {item.resource.group}/{item.resource.version}, Resource="
                              f"{item.resource.plural} in discovery information")
        create_generated(session, hpa(session, item.name, item.resource.group_version, item.resource.kind),
                         strategy, operation="created" if strategy == CLIENT else "autoscaled")
    if not found.items:
        raise ClientError("error: no objects passed to autoscale")
    return 0


def hpa(session: Session, target: str, api_version: str, kind: str) -> dict:
    """createHorizontalPodAutoscaler (TypeMeta set, status zero as the typed object prints it)."""
    spec: dict = {"scaleTargetRef": {"kind": kind, "name": target, "apiVersion": api_version}}
    if session.flag("min") > 0:
        spec["minReplicas"] = session.flag("min")
    spec["maxReplicas"] = session.flag("max")
    if session.flag("cpu-percent") >= 0:
        spec["targetCPUUtilizationPercentage"] = session.flag("cpu-percent")
    return {"kind": "HorizontalPodAutoscaler", "apiVersion": HPA_VERSION,
            "metadata": {"name": session.flag("name") or target, "creationTimestamp": None}, "spec": spec,
            "status": {"currentReplicas": 0, "desiredReplicas": 0}}

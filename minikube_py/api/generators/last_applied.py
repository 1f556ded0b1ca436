"""`--save-config`: the `kubectl.kubernetes.io/last-applied-configuration` annotation kubectl adds before it
prints or creates a generated object (util.CreateOrUpdateAnnotation): the object's compact JSON, without that
annotation, followed by a newline."""

from __future__ import annotations

from ._common import Obj, sorted_map
from .output import go_compact_json

LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration"
_OBJECT_META_ORDER = ("name", "generateName", "namespace", "selfLink", "uid", "resourceVersion", "generation",
                      "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "labels",
                      "annotations", "ownerReferences", "finalizers", "managedFields")


def _with_annotations(obj: Obj, annotations: dict[str, str]) -> Obj:
    meta = {**(obj.get("metadata") or {}), "annotations": sorted_map(annotations)}
    ordered = {key: meta[key] for key in _OBJECT_META_ORDER if key in meta and (key != "annotations" or annotations)}
    ordered.update({key: value for key, value in meta.items() if key not in _OBJECT_META_ORDER})
    return {**obj, "metadata": ordered}


def with_last_applied_configuration(obj: Obj) -> Obj:
    """A copy of `obj` carrying the annotation, as `kubectl create ... --save-config` prints it."""
    others = {key: value for key, value in ((obj.get("metadata") or {}).get("annotations") or {}).items()
              if key != LAST_APPLIED}
    encoded = go_compact_json(_with_annotations(obj, others)) + "\n"
    return _with_annotations(obj, {**others, LAST_APPLIED: encoded})

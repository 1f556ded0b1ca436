"""Kubernetes 1.32's built-in resources as its discovery lists them (order, verbs, short names,
categories, subresources).

The order is the apiserver's: the core group first, then the groups by their priority
(apiregistration.k8s.io, apps, events.k8s.io, ... flowcontrol.apiserver.k8s.io), a group's preferred
version first (autoscaling/v2 before autoscaling/v1), resources alphabetically within a group version.
Only what a default 1.32 apiserver serves is listed: no alpha or beta group version, no feature-gated
subresource that is off by default (`pods/resize` needs the alpha InPlacePodVerticalScaling gate in 1.32)."""

from __future__ import annotations

from typing import Any

from .registry import ALL_VERBS, Resource, Subresource

_STATUS_VERBS = ("get", "patch", "update")
_CREATE = ("create",)
_CONNECT = ("create", "get")
_PROXY = ("create", "delete", "get", "patch", "update")
_NO_DELETECOLLECTION = ("create", "delete", "get", "list", "patch", "update", "watch")
_SCALE = Subresource("scale", "Scale", _STATUS_VERBS, "autoscaling", "v1")

# The package of each group's types in the OpenAPI definitions (`io.k8s.api.apps.v1.Deployment`).
_SCHEMA_PACKAGES = {
    "": "io.k8s.api.core",
    "apiextensions.k8s.io": "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions",
    "apiregistration.k8s.io": "io.k8s.kube-aggregator.pkg.apis.apiregistration",
}


def _status(kind: str) -> Subresource:
    return Subresource("status", kind, _STATUS_VERBS)


def _resource(group: str, version: str, kind: str, plural: str, namespaced: bool, *,
              verbs: tuple[str, ...] = ALL_VERBS, short_names: tuple[str, ...] = (),
              categories: tuple[str, ...] = (), subresources: tuple[Subresource, ...] = (),
              singular: str | None = None, storage_version: str | None = None) -> Resource:
    package = _SCHEMA_PACKAGES.get(group, "io.k8s.api." + group.split(".")[0])
    return Resource(group, version, kind, plural, singular or kind.lower(), namespaced, verbs, short_names,
                    categories, subresources, f"{package}.{version}.{kind}", storage_version)


def _core(kind: str, plural: str, namespaced: bool = True, **options: Any) -> Resource:
    return _resource("", "v1", kind, plural, namespaced, **options)


_EXTENSIONS = ("api-extensions",)

BUILTIN_RESOURCES: tuple[Resource, ...] = (
    _core("Binding", "bindings", verbs=_CREATE),
    _core("ComponentStatus", "componentstatuses", False, verbs=("get", "list"), short_names=("cs",)),
    _core("ConfigMap", "configmaps", short_names=("cm",)),
    _core("Endpoints", "endpoints", short_names=("ep",), singular="endpoints"),
    _core("Event", "events", short_names=("ev",)),
    _core("LimitRange", "limitranges", short_names=("limits",)),
    _core("Namespace", "namespaces", False, verbs=_NO_DELETECOLLECTION, short_names=("ns",),
          subresources=(Subresource("finalize", "Namespace", ("update",)), _status("Namespace"))),
    _core("Node", "nodes", False, short_names=("no",),
          subresources=(Subresource("proxy", "NodeProxyOptions", _PROXY), _status("Node"))),
    _core("PersistentVolumeClaim", "persistentvolumeclaims", short_names=("pvc",),
          subresources=(_status("PersistentVolumeClaim"),)),
    _core("PersistentVolume", "persistentvolumes", False, short_names=("pv",),
          subresources=(_status("PersistentVolume"),)),
    _core("Pod", "pods", short_names=("po",), categories=("all",),
          subresources=(Subresource("attach", "PodAttachOptions", _CONNECT),
                        Subresource("binding", "Binding", _CREATE),
                        Subresource("ephemeralcontainers", "Pod", _STATUS_VERBS),
                        Subresource("eviction", "Eviction", _CREATE, "policy", "v1"),
                        Subresource("exec", "PodExecOptions", _CONNECT),
                        Subresource("log", "Pod", ("get",)),
                        Subresource("portforward", "PodPortForwardOptions", _CONNECT),
                        Subresource("proxy", "PodProxyOptions", _PROXY),
                        _status("Pod"))),
    _core("PodTemplate", "podtemplates"),
    _core("ReplicationController", "replicationcontrollers", short_names=("rc",), categories=("all",),
          subresources=(_SCALE, _status("ReplicationController"))),
    _core("ResourceQuota", "resourcequotas", short_names=("quota",), subresources=(_status("ResourceQuota"),)),
    _core("Secret", "secrets"),
    _core("ServiceAccount", "serviceaccounts", short_names=("sa",),
          subresources=(Subresource("token", "TokenRequest", _CREATE, "authentication.k8s.io", "v1"),)),
    _core("Service", "services", short_names=("svc",), categories=("all",),
          subresources=(Subresource("proxy", "ServiceProxyOptions", _PROXY), _status("Service"))),

    _resource("apiregistration.k8s.io", "v1", "APIService", "apiservices", False, categories=_EXTENSIONS,
              subresources=(_status("APIService"),)),

    _resource("apps", "v1", "ControllerRevision", "controllerrevisions", True),
    _resource("apps", "v1", "DaemonSet", "daemonsets", True, short_names=("ds",), categories=("all",),
              subresources=(_status("DaemonSet"),)),
    _resource("apps", "v1", "Deployment", "deployments", True, short_names=("deploy",), categories=("all",),
              subresources=(_SCALE, _status("Deployment"))),
    _resource("apps", "v1", "ReplicaSet", "replicasets", True, short_names=("rs",), categories=("all",),
              subresources=(_SCALE, _status("ReplicaSet"))),
    _resource("apps", "v1", "StatefulSet", "statefulsets", True, short_names=("sts",), categories=("all",),
              subresources=(_SCALE, _status("StatefulSet"))),

    _resource("events.k8s.io", "v1", "Event", "events", True, short_names=("ev",)),

    _resource("authentication.k8s.io", "v1", "SelfSubjectReview", "selfsubjectreviews", False, verbs=_CREATE),
    _resource("authentication.k8s.io", "v1", "TokenReview", "tokenreviews", False, verbs=_CREATE),

    _resource("authorization.k8s.io", "v1", "LocalSubjectAccessReview", "localsubjectaccessreviews", True,
              verbs=_CREATE),
    _resource("authorization.k8s.io", "v1", "SelfSubjectAccessReview", "selfsubjectaccessreviews", False,
              verbs=_CREATE),
    _resource("authorization.k8s.io", "v1", "SelfSubjectRulesReview", "selfsubjectrulesreviews", False,
              verbs=_CREATE),
    _resource("authorization.k8s.io", "v1", "SubjectAccessReview", "subjectaccessreviews", False, verbs=_CREATE),

    _resource("autoscaling", "v2", "HorizontalPodAutoscaler", "horizontalpodautoscalers", True,
              short_names=("hpa",), categories=("all",), subresources=(_status("HorizontalPodAutoscaler"),)),
    _resource("autoscaling", "v1", "HorizontalPodAutoscaler", "horizontalpodautoscalers", True,
              short_names=("hpa",), categories=("all",), subresources=(_status("HorizontalPodAutoscaler"),),
              storage_version="v2"),

    _resource("batch", "v1", "CronJob", "cronjobs", True, short_names=("cj",), categories=("all",),
              subresources=(_status("CronJob"),)),
    _resource("batch", "v1", "Job", "jobs", True, categories=("all",), subresources=(_status("Job"),)),

    _resource("certificates.k8s.io", "v1", "CertificateSigningRequest", "certificatesigningrequests", False,
              short_names=("csr",),
              subresources=(Subresource("approval", "CertificateSigningRequest", _STATUS_VERBS),
                            _status("CertificateSigningRequest"))),

    _resource("networking.k8s.io", "v1", "IngressClass", "ingressclasses", False),
    _resource("networking.k8s.io", "v1", "Ingress", "ingresses", True, short_names=("ing",),
              subresources=(_status("Ingress"),)),
    _resource("networking.k8s.io", "v1", "NetworkPolicy", "networkpolicies", True, short_names=("netpol",)),

    _resource("policy", "v1", "PodDisruptionBudget", "poddisruptionbudgets", True, short_names=("pdb",),
              subresources=(_status("PodDisruptionBudget"),)),

    _resource("rbac.authorization.k8s.io", "v1", "ClusterRoleBinding", "clusterrolebindings", False),
    _resource("rbac.authorization.k8s.io", "v1", "ClusterRole", "clusterroles", False),
    _resource("rbac.authorization.k8s.io", "v1", "RoleBinding", "rolebindings", True),
    _resource("rbac.authorization.k8s.io", "v1", "Role", "roles", True),

    _resource("storage.k8s.io", "v1", "CSIDriver", "csidrivers", False),
    _resource("storage.k8s.io", "v1", "CSINode", "csinodes", False),
    _resource("storage.k8s.io", "v1", "CSIStorageCapacity", "csistoragecapacities", True),
    _resource("storage.k8s.io", "v1", "StorageClass", "storageclasses", False, short_names=("sc",)),
    _resource("storage.k8s.io", "v1", "VolumeAttachment", "volumeattachments", False,
              subresources=(_status("VolumeAttachment"),)),

    _resource("admissionregistration.k8s.io", "v1", "MutatingWebhookConfiguration",
              "mutatingwebhookconfigurations", False, categories=_EXTENSIONS),
    _resource("admissionregistration.k8s.io", "v1", "ValidatingAdmissionPolicy", "validatingadmissionpolicies",
              False, categories=_EXTENSIONS, subresources=(_status("ValidatingAdmissionPolicy"),)),
    _resource("admissionregistration.k8s.io", "v1", "ValidatingAdmissionPolicyBinding",
              "validatingadmissionpolicybindings", False, categories=_EXTENSIONS),
    _resource("admissionregistration.k8s.io", "v1", "ValidatingWebhookConfiguration",
              "validatingwebhookconfigurations", False, categories=_EXTENSIONS),

    _resource("apiextensions.k8s.io", "v1", "CustomResourceDefinition", "customresourcedefinitions", False,
              short_names=("crd", "crds"), categories=_EXTENSIONS,
              subresources=(_status("CustomResourceDefinition"),)),

    _resource("scheduling.k8s.io", "v1", "PriorityClass", "priorityclasses", False, short_names=("pc",)),

    _resource("coordination.k8s.io", "v1", "Lease", "leases", True),

    _resource("node.k8s.io", "v1", "RuntimeClass", "runtimeclasses", False),

    _resource("discovery.k8s.io", "v1", "EndpointSlice", "endpointslices", True),

    _resource("flowcontrol.apiserver.k8s.io", "v1", "FlowSchema", "flowschemas", False,
              subresources=(_status("FlowSchema"),)),
    _resource("flowcontrol.apiserver.k8s.io", "v1", "PriorityLevelConfiguration", "prioritylevelconfigurations",
              False, subresources=(_status("PriorityLevelConfiguration"),)),
)

"""ServiceAccount: a new pod runs as a ServiceAccount that exists (`default` when it names none), inherits its
imagePullSecrets, and gets the projected API-access volume `kube-api-access-<5 chars>` (token, cluster CA,
namespace) mounted read-only in every container unless automounting is turned off. Mirror pods (static pods
published by a kubelet) are never changed and may reference no ServiceAccount, Secret or token."""

from __future__ import annotations

import random

from . import pod_references
from .attributes import CREATE, AdmissionAttributes, Object, Reader, read

NAME = "ServiceAccount"
DEFAULT_SERVICE_ACCOUNT = "default"
VOLUME_PREFIX = "kube-api-access-"
TOKEN_MOUNT_PATH = "/var/run/secrets/kubernetes.io/serviceaccount"
TOKEN_EXPIRATION_SECONDS = 3607   # Kubernetes' WarnOnlyBoundTokenExpirationSeconds
MIRROR_ANNOTATION = "kubernetes.io/config.mirror"
ENFORCE_MOUNTABLE_SECRETS = "kubernetes.io/enforce-mountable-secrets"
NAME_ALPHABET = "bcdfghjklmnpqrstvwxz2456789"   # apiserver's generateName alphabet (no vowels, no 0/1/3)


def admit(attrs: AdmissionAttributes, reader: Reader) -> None:
    pod = _pod(attrs)
    if pod is None:
        return
    if not _is_mirror(pod):
        spec = pod.setdefault("spec", {})
        spec["serviceAccountName"] = spec.get("serviceAccountName") or DEFAULT_SERVICE_ACCOUNT
        account = _service_account(attrs, reader, spec["serviceAccountName"])
        if _automount(account, spec):
            mount_token(spec)
        if not spec.get("imagePullSecrets") and account.get("imagePullSecrets"):
            spec["imagePullSecrets"] = [{"name": ref.get("name", "")} for ref in account["imagePullSecrets"]]
    validate(attrs, reader)


def validate(attrs: AdmissionAttributes, reader: Reader) -> None:
    pod = _pod(attrs)
    if pod is None:
        return
    spec = pod.get("spec") or {}
    if _is_mirror(pod):
        if spec.get("serviceAccountName"):
            raise attrs.forbidden("a mirror pod may not reference service accounts")
        if any(True for _ in pod_references.secret_names(pod)):
            raise attrs.forbidden("a mirror pod may not reference secrets")
        if any(source.get("serviceAccountToken") for volume in spec.get("volumes") or []
               for source in (volume.get("projected") or {}).get("sources") or []):
            raise attrs.forbidden("a mirror pod may not use ServiceAccountToken volume projections")
        return
    account = _service_account(attrs, reader, spec.get("serviceAccountName", ""))
    if ((account.get("metadata") or {}).get("annotations") or {}).get(ENFORCE_MOUNTABLE_SECRETS, "").lower() in (
            "true", "1", "t"):
        _limit_secret_references(attrs, account, spec)


def mount_token(spec: Object) -> None:
    """Mount the API-access volume at TOKEN_MOUNT_PATH in each (init) container that has nothing mounted there,
    adding the projected volume when some container needs it and the pod has none yet."""
    volumes = spec.get("volumes") or []
    existing = next((v["name"] for v in volumes if v.get("name", "").startswith(VOLUME_PREFIX)), None)
    volume_name = existing or VOLUME_PREFIX + "".join(random.choices(NAME_ALPHABET, k=5))
    needs_volume = False
    for key in ("initContainers", "containers"):
        for container in spec.get(key) or []:
            mounts = container.get("volumeMounts") or []
            if not any(mount.get("mountPath") == TOKEN_MOUNT_PATH for mount in mounts):
                container["volumeMounts"] = mounts + [{"name": volume_name, "readOnly": True,
                                                       "mountPath": TOKEN_MOUNT_PATH}]
                needs_volume = True
    if needs_volume and existing is None:
        spec["volumes"] = volumes + [{"name": volume_name, "projected": token_volume_source()}]


def token_volume_source() -> Object:
    """The projected source of the API-access volume: a bound token, the cluster CA and the namespace."""
    return {"defaultMode": 420, "sources": [
        {"serviceAccountToken": {"expirationSeconds": TOKEN_EXPIRATION_SECONDS, "path": "token"}},
        {"configMap": {"name": "kube-root-ca.crt", "items": [{"key": "ca.crt", "path": "ca.crt"}]}},
        {"downwardAPI": {"items": [{"path": "namespace",
                                    "fieldRef": {"apiVersion": "v1", "fieldPath": "metadata.namespace"}}]}},
    ]}


def _pod(attrs: AdmissionAttributes) -> Object | None:
    if attrs.operation != CREATE or not attrs.is_core("pods") or attrs.subresource:
        return None
    return attrs.obj


def _is_mirror(pod: Object) -> bool:
    return MIRROR_ANNOTATION in ((pod.get("metadata") or {}).get("annotations") or {})


def _service_account(attrs: AdmissionAttributes, reader: Reader, name: str) -> Object:
    account = read(reader, "serviceaccounts", attrs.namespace, name)
    if account is None:
        raise attrs.forbidden(f'error looking up service account {attrs.namespace}/{name}: '
                              f'serviceaccount "{name}" not found')
    return account


def _automount(account: Object, spec: Object) -> bool:
    """The pod's automountServiceAccountToken wins, then the ServiceAccount's; true when neither says."""
    for choice in (spec.get("automountServiceAccountToken"), account.get("automountServiceAccountToken")):
        if choice is not None:
            return bool(choice)
    return True


def _limit_secret_references(attrs: AdmissionAttributes, account: Object, spec: Object) -> None:
    """With `kubernetes.io/enforce-mountable-secrets: "true"` a pod may use only the ServiceAccount's secrets."""
    service_account = (account.get("metadata") or {}).get("name", "")
    mountable = {ref.get("name") for ref in account.get("secrets") or []}
    why = f"is not allowed because service account {service_account} does not reference that secret"
    for volume in spec.get("volumes") or []:
        secret = (volume.get("secret") or {}).get("secretName")
        if secret is not None and secret not in mountable:
            raise attrs.forbidden(f'volume with secret.secretName="{secret}" {why}')
    for key, label in (("initContainers", "init container"), ("containers", "container")):
        for container in spec.get(key) or []:
            for env in container.get("env") or []:
                ref = (env.get("valueFrom") or {}).get("secretKeyRef")
                if ref and ref.get("name") not in mountable:
                    raise attrs.forbidden(f'{label} {container.get("name")} with envVar {env.get("name")} referencing '
                                          f'secret.secretName="{ref.get("name")}" {why}')
    pull_secrets = {ref.get("name") for ref in account.get("imagePullSecrets") or []}
    for index, ref in enumerate(spec.get("imagePullSecrets") or []):
        if ref.get("name") not in pull_secrets:
            raise attrs.forbidden(f'imagePullSecrets[{index}].name="{ref.get("name")}" is not allowed because '
                                  f'service account {service_account} does not reference that imagePullSecret')

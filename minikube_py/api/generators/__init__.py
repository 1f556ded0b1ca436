"""The objects of kubectl's generators: `kubectl create <generator>`, `kubectl run` and `kubectl expose`, built
exactly as kubectl 1.32 builds them, and printed as `--dry-run=client -o json|yaml` prints them (`to_json`,
`to_yaml`).

Each generator is a pure function of the command's arguments and flag values (strings as typed, lists for
repeated or comma-separated flags) returning the object as a dict whose key order is kubectl's JSON order.
Invalid input raises `GeneratorError` with kubectl's message (printed as `error: <message>`). Namespaced
generators take `namespace`, which kubectl sets only when --namespace/-n was given explicitly. `expose`, `role`,
`clusterrole --resource` and `job --from` need what kubectl learns from the server (the object to expose, a
discovery `Resolver`, the CronJob): the caller fetches it and passes it in.

Around the generators: `name_from_args` (the NAME argument check), `apply_overrides` (--overrides of run and
expose), `with_last_applied_configuration` (--save-config), `nonstandard_verb_warnings` (create role's stderr
warnings), `SERVICE_TYPES` (create service's subcommands)."""

from ._common import name_from_args
from .config import configmap, secret_docker_registry, secret_generic, secret_tls
from .core import namespace, poddisruptionbudget, priorityclass, quota, serviceaccount
from .errors import GeneratorError
from .expose import expose
from .ingress import ingress
from .last_applied import with_last_applied_configuration
from .output import to_json, to_name, to_yaml
from .overrides import apply_overrides
from .rbac import clusterrole, clusterrolebinding, nonstandard_verb_warnings, registry_resolver, role, rolebinding
from .run import pod as run_pod
from .run import service as run_service
from .services import SERVICE_TYPES, service
from .workloads import cronjob, deployment, job

__all__ = [
    "SERVICE_TYPES", "GeneratorError", "apply_overrides", "clusterrole", "clusterrolebinding", "configmap",
    "cronjob", "deployment", "expose", "ingress", "job", "name_from_args", "namespace", "nonstandard_verb_warnings",
    "poddisruptionbudget", "priorityclass", "quota", "registry_resolver", "role", "rolebinding", "run_pod",
    "run_service", "secret_docker_registry", "secret_generic", "secret_tls", "service", "serviceaccount", "to_json",
    "to_name", "to_yaml", "with_last_applied_configuration",
]

"""kubectl's shell completion for mkctl: `mkctl completion bash|zsh|fish` (cobra's scripts, from
minikube_py.flags.completion, for the name mkctl) and the hidden `__complete`/`__completeNoDesc` commands
they call, with what kubectl completes beyond command and flag names: its required flags, the static
candidates of some commands' first argument and of some flags (-o for get, -f's extensions, ...).

Resource types and names, namespaces, and the kubeconfig's contexts, clusters and users come from the
server or the kubeconfig: until the client serves them, those commands (`DYNAMIC`) and flags answer no
candidates, with kubectl's directive (no file completion)."""

from __future__ import annotations

import sys

from minikube_py.flags.completion import FILTER_FILE_EXT, NO_FILE_COMP, NO_SPACE, SHELLS, Rules, answer, script
from minikube_py.flags.pflag import Command, Parsed

from .commands import REQUIRED_FLAGS

_WORKLOAD_PREFIXES = ("daemonsets/", "deployments/", "pods/", "jobs/", "replicasets/", "replicationcontrollers/",
                      "services/", "statefulsets/")
_ROLLOUT_TYPES = ("deployment", "daemonset", "statefulset")
_SCALABLE = ("deployment", "replicaset", "replicationcontroller", "statefulset")
# The first argument's candidates kubectl offers without asking the server, and the directive.
STATIC_ARGUMENTS: dict[str, tuple[tuple[str, ...], int]] = {
    "completion": (("bash", "zsh", "fish", "powershell"), NO_FILE_COMP),
    "expose": (("pod", "service", "replicationcontroller", "deployment", "replicaset"), NO_FILE_COMP),
    "rollout history": (_ROLLOUT_TYPES, NO_FILE_COMP), "rollout pause": (("deployment",), NO_FILE_COMP),
    "rollout restart": (_ROLLOUT_TYPES, NO_FILE_COMP), "rollout resume": (("deployment",), NO_FILE_COMP),
    "rollout status": (_ROLLOUT_TYPES, NO_FILE_COMP), "rollout undo": (_ROLLOUT_TYPES, NO_FILE_COMP),
    "scale": (_SCALABLE, NO_FILE_COMP), "autoscale": (_SCALABLE, NO_FILE_COMP), "taint": (("node",), NO_FILE_COMP),
    "set image": (("daemonsets", "deployments", "pods", "cronjobs", "replicasets", "replicationcontrollers",
                   "statefulsets"), NO_FILE_COMP),
    "logs": (_WORKLOAD_PREFIXES, NO_SPACE | NO_FILE_COMP), "attach": (_WORKLOAD_PREFIXES, NO_SPACE | NO_FILE_COMP),
    "exec": (_WORKLOAD_PREFIXES, NO_SPACE | NO_FILE_COMP),
    "port-forward": (_WORKLOAD_PREFIXES, NO_SPACE | NO_FILE_COMP),
    "cp": (("./", "/"), NO_SPACE),
}
# Commands whose arguments kubectl completes from the server or the kubeconfig (resource types and names,
# nodes, contexts...): no candidates until the client serves them, kubectl's directive meanwhile.
DYNAMIC = ("get", "edit", "delete", "describe", "patch", "label", "annotate", "create token", "top node", "top pod",
           "cordon", "uncordon", "drain", "apply edit-last-applied", "apply view-last-applied",
           "config delete-cluster", "config delete-context", "config delete-user", "config rename-context",
           "config set-context", "config use-context")
# Flag values: the same for every command that has the flag, except where a command is named.
FLAG_VALUES: dict[str, tuple[tuple[str, ...], int]] = {
    "filename": (("json", "yaml", "yml"), FILTER_FILE_EXT),
    "load-restrictor": (("LoadRestrictionsNone", "LoadRestrictionsRootOnly"), NO_FILE_COMP),
}
# Flags whose candidates kubectl narrows to the typed prefix itself (for the others the shell does).
_PREFIX_FILTERED = ("output",)
# The global flags whose values come from the server or the kubeconfig (no candidates for now).
GLOBAL_FLAG_VALUES: dict[str, tuple[tuple[str, ...], int]] = {
    "namespace": ((), NO_FILE_COMP), "context": ((), NO_FILE_COMP), "cluster": ((), NO_FILE_COMP),
    "user": ((), NO_FILE_COMP),
}
COMMAND_FLAG_VALUES: dict[tuple[str, str], tuple[tuple[str, ...], int]] = {
    ("get", "output"): (("json", "yaml", "name", "go-template", "go-template-file", "template", "templatefile",
                         "jsonpath", "jsonpath-as-json", "jsonpath-file", "custom-columns", "custom-columns-file",
                         "wide"), NO_FILE_COMP),
    **{(path, "subresource"): (("status", "scale", "resize"), NO_FILE_COMP)
       for path in ("apply", "edit", "get", "patch", "replace")},
    # from the server (empty for now)
    ("create clusterrolebinding", "clusterrole"): ((), NO_FILE_COMP), ("exec", "container"): ((), NO_FILE_COMP),
    ("config set-context", "namespace"): ((), NO_FILE_COMP),
}


RULES = Rules(required=REQUIRED_FLAGS, arguments=STATIC_ARGUMENTS, dynamic=DYNAMIC, flag_values=FLAG_VALUES,
              command_flag_values=COMMAND_FLAG_VALUES, global_flag_values=GLOBAL_FLAG_VALUES,
              prefix_filtered=_PREFIX_FILTERED, prefix_matching=False)


def completion(command: Command, parsed: Parsed) -> int:
    """`mkctl completion SHELL`, with kubectl's errors (powershell is not generated)."""
    from .help import usage_error

    if not parsed.args:
        return usage_error(command, "Shell not specified.")
    if len(parsed.args) > 1:
        return usage_error(command, "Too many arguments. Expected only the shell type.")
    if parsed.args[0] not in SHELLS:
        return usage_error(command, f'Unsupported shell type "{parsed.args[0]}".')
    sys.stdout.write(script(parsed.args[0], command.root().name))
    return 0


def complete(command: Command, parsed: Parsed) -> int:
    """`mkctl __complete ARGS... WORD`: candidates with descriptions."""
    answer(command.root(), parsed.args, RULES, descriptions=True)
    return 0


def complete_no_desc(command: Command, parsed: Parsed) -> int:
    """`mkctl __completeNoDesc ARGS... WORD`: candidates alone."""
    answer(command.root(), parsed.args, RULES, descriptions=False)
    return 0

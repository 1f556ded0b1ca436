"""kubectl 1.32's command tree, declared as kubectl declares it: every command and subcommand with its use
line, short and long descriptions, examples, aliases and flags (names, shorthands, types, defaults and usage
texts as `kubectl <command> --help` prints them), the global flags of `kubectl options`, the groups of the
root's help, and for each runnable command its handler, "module:function" relative to the cli.mkctl package,
imported only when the command runs: "cmd.<verb>:..." for kubectl's commands (cli/mkctl/cmd/, after kubectl's
pkg/cmd/<verb>; a package cannot be called "commands" next to this module), "help:..." and "completion:..."
for the commands that print help or completions.

Texts say "kubectl" where kubectl's do; help.py prints the program's own name instead (see help.brand).
The tree is built afresh for each run (flags keep their parsed values), from the constructors below: a flag
shared by several commands with the same declaration is declared once."""

from __future__ import annotations

import os

from minikube_py.flags.pflag import (
    BOOL,
    DURATION,
    INT32,
    INT64,
    MAP_STRING_STRING,
    MODULE_SPEC,
    STRING,
    STRING_ARRAY,
    STRING_SLICE,
    STRING_TO_STRING,
    Command,
    Flag,
)

PROGRAM = "mkctl"
# kubectl's default --cache-dir
CACHE_DIR = os.path.join(os.environ.get("HOME") or os.path.expanduser("~"), ".kube", "cache")
KUBECTL = "kubectl"

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    Spec = tuple[str, str, Any, str, str, str, str]

# The root help's command groups, in kubectl's order; commands in none of them are listed under "Other Commands:".
GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Basic Commands (Beginner):", ("create", "expose", "run", "set")),
    ("Basic Commands (Intermediate):", ("explain", "get", "edit", "delete")),
    ("Deploy Commands:", ("rollout", "scale", "autoscale")),
    ("Cluster Management Commands:", ("certificate", "cluster-info", "top", "cordon", "uncordon", "drain",
     "taint")),
    ("Troubleshooting and Debugging Commands:", ("describe", "logs", "attach", "exec", "port-forward", "proxy",
     "cp", "auth", "debug", "events")),
    ("Advanced Commands:", ("diff", "apply", "patch", "replace", "wait", "kustomize")),
    ("Settings Commands:", ("label", "annotate", "completion")),
)
OTHER_COMMANDS = "Other Commands:"
# kubectl's root help lists this (empty) group between "Settings Commands:" and "Other Commands:".
PLUGINS_GROUP = "Subcommands provided by plugins:"
# Commands the root's help leaves out of "Other Commands:" (kubectl's ActsAsRootCommand filters).
HELP_FILTERS = ("options",)
# Flags cobra knows as required (MarkFlagRequired): completion offers them before anything else.
REQUIRED_FLAGS: dict[str, tuple[str, ...]] = {
    "create clusterrolebinding": ("clusterrole",), "create cronjob": ("image", "schedule"),
    "create deployment": ("image",), "create service externalname": ("external-name",), "run": ("image",),
    "scale": ("replicas",), "autoscale": ("max",),
}


def _flag(kind: str, name: str, usage: str, default: Any, shorthand: str, no_opt: str = "",
          deprecated: str = "") -> Spec:
    return (kind, name, default, usage, shorthand, no_opt, deprecated)


def _s(name: str, usage: str, default: str = "", shorthand: str = "", no_opt: str = "") -> Spec:
    return _flag(STRING, name, usage, default, shorthand, no_opt)


def _b(name: str, usage: str, default: bool = False, shorthand: str = "") -> Spec:
    return _flag(BOOL, name, usage, default, shorthand)


def _i(name: str, usage: str, default: int = 0, shorthand: str = "") -> Spec:
    return _flag(INT64, name, usage, default, shorthand)


def _i32(name: str, usage: str, default: int = 0, shorthand: str = "") -> Spec:
    return _flag(INT32, name, usage, default, shorthand)


def _d(name: str, usage: str, default: float = 0.0, shorthand: str = "") -> Spec:
    """A duration flag; the default in seconds."""
    return _flag(DURATION, name, usage, default, shorthand)


def _l(name: str, usage: str, default: list[str] | None = None, shorthand: str = "") -> Spec:
    """A stringSlice flag (comma-separated values, repeatable)."""
    return _flag(STRING_SLICE, name, usage, default or [], shorthand)


def _a(name: str, usage: str, shorthand: str = "") -> Spec:
    """A stringArray flag (one value per occurrence, commas kept)."""
    return _flag(STRING_ARRAY, name, usage, [], shorthand)


def _kv(name: str, usage: str, shorthand: str = "") -> Spec:
    return _flag(STRING_TO_STRING, name, usage, {}, shorthand)


def _map(name: str, usage: str, shorthand: str = "") -> Spec:
    return _flag(MAP_STRING_STRING, name, usage, {}, shorthand)


def _text(name: str, usage: str, shorthand: str = "") -> Spec:
    return _flag(MODULE_SPEC, name, usage, "", shorthand)


def _make(spec: Spec) -> Flag:
    kind, name, default, usage, shorthand, no_opt, deprecated = spec
    return Flag(name, kind, default, usage, shorthand=shorthand, no_opt_default=no_opt, deprecated=deprecated)


def _command(use: str, short: str, *, long: str = "", example: str = "", aliases: tuple[str, ...] = (),
             run: str | None, flags: tuple[Spec, ...] = (), persistent_flags: tuple[Spec, ...] = (),
             commands: tuple[Command, ...] = (), hidden: bool = False) -> Command:
    """A kubectl command: its usage line is the use text as written (kubectl adds " [options]" itself)."""
    return Command(use, short, long or short, run=run, example=example, aliases=aliases, hidden=hidden,
                   flags=[_make(spec) for spec in flags], persistent_flags=[_make(spec) for spec in persistent_flags],
                   commands=commands, disable_flags_in_use_line=True)


def global_flags() -> tuple[Spec, ...]:
    """The root's persistent flags, as `kubectl options` lists them."""
    return (
        _s("as",
           ("Username to impersonate for the operation. User could be a regular user or a service account in a "
            "namespace.")),
        _a("as-group",
           "Group to impersonate for the operation, this flag can be repeated to specify multiple groups."),
        _s("as-uid", "UID to impersonate for the operation."),
        _s("cache-dir", "Default cache directory", CACHE_DIR),
        _s("certificate-authority", "Path to a cert file for the certificate authority"),
        _s("client-certificate", "Path to a client certificate file for TLS"),
        _s("client-key", "Path to a client key file for TLS"),
        _s("cluster", "The name of the kubeconfig cluster to use"),
        _s("context", "The name of the kubeconfig context to use"),
        _b("disable-compression", "If true, opt-out of response compression for all requests to the server"),
        _b("insecure-skip-tls-verify",
           ("If true, the server's certificate will not be checked for validity. This will make your HTTPS "
            "connections insecure")),
        _s("kubeconfig", "Path to the kubeconfig file to use for CLI requests."),
        _d("log-flush-frequency", "Maximum number of seconds between log flushes", 5.0),
        _b("match-server-version", "Require server version to match client version"),
        _s("namespace", "If present, the namespace scope for this CLI request", "", "n"),
        _s("password", "Password for basic authentication to the API server"),
        _s("profile", "Name of profile to capture. One of (none|cpu|heap|goroutine|threadcreate|block|mutex)", "none"),
        _s("profile-output", "Name of the file to write the profile to", "profile.pprof"),
        _s("request-timeout",
           ("The length of time to wait before giving up on a single server request. Non-zero values should "
            "contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don't timeout requests."),
           "0"),
        _s("server", "The address and port of the Kubernetes API server", "", "s"),
        _s("tls-server-name",
           ("Server name to use for server certificate validation. If it is not provided, the hostname used to "
            "contact the server is used")),
        _s("token", "Bearer token for authentication to the API server"),
        _s("user", "The name of the kubeconfig user to use"),
        _s("username", "Username for basic authentication to the API server"),
        _i32("v", "number for the log level verbosity", 0, "v"),
        _text("vmodule",
              ("comma-separated list of pattern=N settings for file-filtered logging (only works for the "
               "default text log format)")),
        _b("warnings-as-errors",
           "Treat warnings received from the server as errors and exit with a non-zero exit code"),
    )


def build() -> Command:
    """The whole tree, rooted at the program's name."""
    return _command(
        f"{PROGRAM} [flags]",
        "kubectl controls the Kubernetes cluster manager",
        long="kubectl controls the Kubernetes cluster manager.\n\n Find more information at: https://kubernetes.io/docs/reference/kubectl/",
        run="help:root",
        persistent_flags=global_flags(),
        commands=(*(command() for command in _TOP), *_hidden()),
    )


def _hidden() -> tuple[Command, ...]:
    """Commands kubectl has but does not list: alpha (empty in 1.32), help, options and cobra's completion
    request command (cobra declares __completeNoDesc as its alias; two commands here, so that the handler
    knows which was asked for)."""
    return (
        _command("alpha", "Commands for features in alpha", long="These commands correspond to alpha features "
                 "that are not enabled in Kubernetes clusters by default.", run="help:alpha", hidden=True),
        _command("help [command] [flags]", "Help about any command",
                 long="Help provides help for any command in the application.\n"
                      "Simply type kubectl help [path to command] for full details.", run="help:help_command"),
        _command("options", "Print the list of flags inherited by all commands",
                 example="# Print flags inherited by all commands\nkubectl options", run="help:options"),
        *(_command(f"{name} [command-line]", "Request shell completion choices for the specified command-line",
                   long=f"{name} is a special command that is used by the shell completion logic\n"
                        "to request completion choices for the specified command-line.",
                   run=f"completion:{function}", hidden=True)
          for name, function in (("__complete", "complete"), ("__completeNoDesc", "complete_no_desc"))),
    )


# Flags that several commands declare alike (a suffix tells apart declarations of one name that differ).
_RECORD = _flag(BOOL, "record", "Record current kubectl command in the resource annotation. If set to false, do not "
                "record the command. If set to true, record the command. If not set, default to updating the "
                "existing annotation value only if one already exists.", False, "",
                deprecated="--record will be removed in the future")  # cli-runtime's RecordFlags, hidden
_ALL = _b("all", "Select all resources, in the namespace of the specified resource types")
_ALLOW_MISSING_TEMPLATE_KEYS = _b("allow-missing-template-keys",
                                  ("If true, ignore any errors in templates when a field or map key is missing "
                                   "in the template. Only applies to golang and jsonpath output formats."),
                                  True)
_ALL_2 = _b("all", "Select all resources in the namespace of the specified resource types")
_ALL_NAMESPACES = _b("all-namespaces",
                     ("If present, list the requested object(s) across all namespaces. Namespace in current "
                      "context is ignored even if specified with --namespace."),
                     False,
                     "A")
_ALL_NAMESPACES_2 = _b("all-namespaces", "If true, check the specified action in all namespaces.", False, "A")
_APPEND_HASH = _b("append-hash", "Append a hash of the secret to its name.")
_CASCADE = _s("cascade",
              ("Must be \"background\", \"orphan\", or \"foreground\". Selects the deletion cascading strategy for "
               "the dependents (e.g. Pods created by a ReplicationController). Defaults to background."),
              "background",
              no_opt="background")
_CHUNK_SIZE = _i("chunk-size",
                 ("Return large lists in chunks rather than all at once. Pass 0 to disable. This flag is beta "
                  "and may change in the future."),
                 500)
_CONTAINER = _s("container",
                ("Container name. If omitted, use the kubectl.kubernetes.io/default-container annotation for "
                 "selecting the container to be attached or the first container in the pod will be chosen"),
                "",
                "c")
_DRY_RUN = _s("dry-run",
              ("Must be \"none\", \"server\", or \"client\". If client strategy, only print the object that would be "
               "sent, without sending it. If server strategy, submit server-side request without persisting the "
               "resource."),
              "none",
              no_opt="unchanged")
_FIELD_MANAGER = _s("field-manager", "Name of the manager used to track field ownership.", "kubectl-create")
_FIELD_MANAGER_2 = _s("field-manager", "Name of the manager used to track field ownership.", "kubectl-set")
_FIELD_MANAGER_3 = _s("field-manager", "Name of the manager used to track field ownership.", "kubectl-rollout")
_FIELD_MANAGER_4 = _s("field-manager",
                      "Name of the manager used to track field ownership.",
                      "kubectl-client-side-apply")
_FIELD_SELECTOR = _s("field-selector",
                     ("Selector (field query) to filter on, supports '=', '==', and '!='.(e.g. --field-selector "
                      "key1=value1,key2=value2). The server only supports a limited number of field queries per "
                      "type."))
_FILENAME = _l("filename",
               "Filename, directory, or URL to files identifying the resource to get from a server.",
               [],
               "f")
_FILENAME_2 = _l("filename", "Filename, directory, or URL to files identifying the resource to update", [], "f")
_FILENAME_3 = _l("filename", "identifying the resource.", [], "f")
_FILENAME_4 = _l("filename", "Filename, directory, or URL to files to use to edit the resource", [], "f")
_FILENAME_5 = _l("filename",
                 ("Filename, directory, or URL to files that contains the last-applied-configuration annotations"),
                 [],
                 "f")
_FORCE = _b("force",
            ("If true, immediately remove resources from API and bypass graceful deletion. Note that immediate "
             "deletion of some resources may result in inconsistency or data loss and requires confirmation."))
_FORCE_CONFLICTS = _b("force-conflicts", "If true, server-side apply will force the changes against conflicts.")
_GRACE_PERIOD = _i("grace-period",
                   ("Period of time in seconds given to the resource to terminate gracefully. Ignored if "
                    "negative. Set to 1 for immediate shutdown. Can only be set to 0 when --force is true "
                    "(force deletion)."),
                   -1)
_IMAGE = _s("image", "Image name to run.")
_KUSTOMIZE = _s("kustomize",
                "Process the kustomization directory. This flag can't be used together with -f or -R.",
                "",
                "k")
_KUSTOMIZE_2 = _s("kustomize",
                  "Process a kustomization directory. This flag can't be used together with -f or -R.",
                  "",
                  "k")
_LOCAL = _b("local", "If true, annotation will NOT contact api-server but run locally.")
_NO_HEADERS = _b("no-headers",
                 ("When using the default or custom-column output format, don't print headers (default print "
                  "headers)."))
_OUTPUT = _s("output",
             ("Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, "
              "jsonpath, jsonpath-as-json, jsonpath-file)."),
             "",
             "o")
_OVERRIDES = _s("overrides",
                ("An inline JSON override for the generated object. If this is non-empty, it is used to "
                 "override the generated object. Requires that the object supply a valid apiVersion field."))
_OVERRIDE_TYPE = _s("override-type",
                    "The method used to override the generated object: json, merge, or strategic.",
                    "merge")
_POD_RUNNING_TIMEOUT = _d("pod-running-timeout",
                          ("The length of time (like 5s, 2m, or 3h, higher than zero) to wait until at least "
                           "one pod is running"),
                          60.0)
_POD_RUNNING_TIMEOUT_2 = _d("pod-running-timeout",
                            ("The length of time (like 5s, 2m, or 3h, higher than zero) to wait until at least "
                             "one pod is running"),
                            20.0)
_PRUNE_ALLOWLIST = _a("prune-allowlist", "Overwrite the default allowlist with <group/version/kind> for --prune")
_QUIET = _b("quiet", "Only print output from the remote session", False, "q")
_RECURSIVE = _b("recursive",
                ("Process the directory used in -f, --filename recursively. Useful when you want to manage "
                 "related manifests organized within the same directory."),
                False,
                "R")
_RECURSIVE_2 = _b("recursive",
                  ("Process the directory used in -f, --filename recursively. Useful when you want to manage "
                   "related manifests organized within the same directory."),
                  True,
                  "R")
_RESOURCE = _l("resource", "Resource that the rule applies to")
_RESOURCE_NAME = _a("resource-name",
                    "Resource in the white list that the rule applies to, repeat this flag for multiple items")
_SAVE_CONFIG = _b("save-config",
                  ("If true, the configuration of current object will be saved in its annotation. Otherwise, "
                   "the annotation will be unchanged. This flag is useful when you want to perform kubectl "
                   "apply on this object in the future."))
_SELECTOR = _s("selector",
               ("Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l "
                "key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints."),
               "",
               "l")
_SERVER_SIDE = _b("server-side", "If true, apply runs in the server instead of the client.")
_SHOW_MANAGED_FIELDS = _b("show-managed-fields",
                          "If true, keep the managedFields when printing objects in JSON or YAML format.")
_STDIN = _b("stdin", "Pass stdin to the container", False, "i")
_TCP = _l("tcp", "Port pairs can be specified as '<port>:<targetPort>'.")
_TEMPLATE = _s("template",
               ("Template string or path to template file to use when -o=go-template, -o=go-template-file. The "
                "template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview]."))
_TIMEOUT = _d("timeout",
              ("The length of time to wait before giving up on a delete, zero means determine a timeout from "
               "the size of the object"))
_TTY = _b("tty", "Stdin is a TTY", False, "t")
_USE_PROTOCOL_BUFFERS = _b("use-protocol-buffers", "Enables using protocol-buffers to access Metrics API.", True)
_VALIDATE = _s("validate",
               ("Must be one of: strict (or true), warn, ignore (or false). \"true\" or \"strict\" will use a "
                "schema to validate the input and fail the request if invalid. It will perform server side "
                "validation if ServerSideFieldValidation is enabled on the api-server, but will fall back to "
                "less reliable client-side validation if not. \"warn\" will warn about unknown or duplicate "
                "fields without blocking the request if server-side field validation is enabled on the API "
                "server, and behave as \"ignore\" otherwise. \"false\" or \"ignore\" will not perform any schema "
                "validation, silently dropping any unknown or duplicate fields."),
               "strict",
               no_opt="strict")
_VERB = _l("verb", "Verb that applies to the resources contained in the rule")
_WAIT = _b("wait", "If true, wait for resources to be gone before returning. This waits for finalizers.")
_WINDOWS_LINE_ENDINGS = _b("windows-line-endings", "Defaults to the line ending native to your platform.")


def _create() -> Command:
    return _command(
        "create -f FILENAME",
        "Create a resource from a file or from stdin",
        long="Create a resource from a file or from stdin.\n\n JSON and YAML formats are accepted.",
        example=("# Create a pod using the data in pod.json\n"
                 "kubectl create -f ./pod.json\n"
                 "\n"
                 "# Create a pod based on the JSON passed into stdin\n"
                 "cat pod.json | kubectl create -f -\n"
                 "\n"
                 "# Edit the data in registry.yaml in JSON then create the resource using the edited data\n"
                 "kubectl create -f registry.yaml --edit -o json"),
        run="cmd.create:run",
        flags=(
            _RECORD,
            _ALLOW_MISSING_TEMPLATE_KEYS,
            _DRY_RUN,
            _b("edit", "Edit the API resource before creating"),
            _FIELD_MANAGER,
            _l("filename", "Filename, directory, or URL to files to use to create the resource", [], "f"),
            _KUSTOMIZE,
            _OUTPUT,
            _s("raw", "Raw URI to POST to the server.  Uses the transport specified by the kubeconfig file."),
            _RECURSIVE,
            _SAVE_CONFIG,
            _SELECTOR,
            _SHOW_MANAGED_FIELDS,
            _TEMPLATE,
            _VALIDATE,
            _b("windows-line-endings",
               "Only relevant if --edit=true. Defaults to the line ending native to your platform."),
        ),
        commands=(_create_clusterrole(), _create_clusterrolebinding(), _create_configmap(), _create_cronjob(),
                  _create_deployment(), _create_ingress(), _create_job(), _create_namespace(),
                  _create_poddisruptionbudget(), _create_priorityclass(), _create_quota(), _create_role(),
                  _create_rolebinding(), _create_secret(), _create_service(), _create_serviceaccount(),
                  _create_token()),
    )


def _create_clusterrole() -> Command:
    return _command(
        ("clusterrole NAME --verb=verb --resource=resource.group [--resource-name=resourcename] "
         "[--dry-run=server|client|none]"),
        "Create a cluster role",
        long="Create a cluster role.",
        example=("# Create a cluster role named \"pod-reader\" that allows user to perform \"get\", \"watch\" and "
                 "\"list\" on pods\n"
                 "kubectl create clusterrole pod-reader --verb=get,list,watch --resource=pods\n"
                 "\n"
                 "# Create a cluster role named \"pod-reader\" with ResourceName specified\n"
                 "kubectl create clusterrole pod-reader --verb=get --resource=pods --resource-name=readablepod "
                 "--resource-name=anotherpod\n"
                 "\n"
                 "# Create a cluster role named \"foo\" with API Group specified\n"
                 "kubectl create clusterrole foo --verb=get,list,watch --resource=rs.apps\n"
                 "\n"
                 "# Create a cluster role named \"foo\" with SubResource specified\n"
                 "kubectl create clusterrole foo --verb=get,list,watch --resource=pods,pods/status\n"
                 "\n"
                 "# Create a cluster role name \"foo\" with NonResourceURL specified\n"
                 "kubectl create clusterrole \"foo\" --verb=get --non-resource-url=/logs/*\n"
                 "\n"
                 "# Create a cluster role name \"monitoring\" with AggregationRule specified\n"
                 "kubectl create clusterrole monitoring "
                 "--aggregation-rule=\"rbac.example.com/aggregate-to-monitoring=true\""),
        run="cmd.create:clusterrole",
        flags=(
            _map("aggregation-rule", "An aggregation label selector for combining ClusterRoles."),
            _ALLOW_MISSING_TEMPLATE_KEYS,
            _DRY_RUN,
            _FIELD_MANAGER,
            _l("non-resource-url", "A partial url that user should have access to."),
            _OUTPUT,
            _RESOURCE,
            _RESOURCE_NAME,
            _SAVE_CONFIG,
            _SHOW_MANAGED_FIELDS,
            _TEMPLATE,
            _VALIDATE,
            _VERB,
        ),
    )


def _create_clusterrolebinding() -> Command:
    return _command(
        ("clusterrolebinding NAME --clusterrole=NAME [--user=username] [--group=groupname] "
         "[--serviceaccount=namespace:serviceaccountname] [--dry-run=server|client|none]"),
        "Create a cluster role binding for a particular cluster role",
        long="Create a cluster role binding for a particular cluster role.",
        example=("# Create a cluster role binding for user1, user2, and group1 using the cluster-admin cluster "
                 "role\n"
                 "kubectl create clusterrolebinding cluster-admin --clusterrole=cluster-admin --user=user1 "
                 "--user=user2 --group=group1"),
        run="cmd.create:clusterrolebinding",
        flags=(
            _ALLOW_MISSING_TEMPLATE_KEYS,
            _s("clusterrole", "ClusterRole this ClusterRoleBinding should reference"),
            _DRY_RUN,
            _FIELD_MANAGER,
            _a("group", "Groups to bind to the clusterrole. The flag can be repeated to add multiple groups."),
            _OUTPUT,
            _SAVE_CONFIG,
            _a("serviceaccount",
               ("Service accounts to bind to the clusterrole, in the format <namespace>:<name>. The flag can be "
                "repeated to add multiple service accounts.")),
            _SHOW_MANAGED_FIELDS,
            _TEMPLATE,
            _a("user", "Usernames to bind to the clusterrole. The flag can be repeated to add multiple users."),
            _VALIDATE,
        ),
    )


def _create_configmap() -> Command:
    return _command(
        ("configmap NAME [--from-file=[key=]source] [--from-literal=key1=value1] [--dry-run=server|client|none]"),
        "Create a config map from a local file, directory or literal value",
        long=("Create a config map based on a file, directory, or specified literal value.\n"
              "\n"
              " A single config map may package one or more key/value pairs.\n"
              "\n"
              " When creating a config map based on a file, the key will default to the basename of the file, "
              "and the value will default to the file content.  If the basename is an invalid key, you may "
              "specify an alternate key.\n"
              "\n"
              " When creating a config map based on a directory, each file whose basename is a valid key in the "
              "directory will be packaged into the config map.  Any directory entries except regular files are "
              "ignored (e.g. subdirectories, symlinks, devices, pipes, etc)."),
        example=("# Create a new config map named my-config based on folder bar\n"
                 "kubectl create configmap my-config --from-file=path/to/bar\n"
                 "\n"
                 "# Create a new config map named my-config with specified keys instead of file basenames on disk\n"
                 "kubectl create configmap my-config --from-file=key1=/path/to/bar/file1.txt "
                 "--from-file=key2=/path/to/bar/file2.txt\n"
                 "\n"
                 "# Create a new config map named my-config with key1=config1 and key2=config2\n"
                 "kubectl create configmap my-config --from-literal=key1=config1 --from-literal=key2=config2\n"
                 "\n"
                 "# Create a new config map named my-config from the key=value pairs in the file\n"
                 "kubectl create configmap my-config --from-file=path/to/bar\n"
                 "\n"
                 "# Create a new config map named my-config from an env file\n"
                 "kubectl create configmap my-config --from-env-file=path/to/foo.env --from-env-file=path/to/bar.env"),
        aliases=('cm',),
        run="cmd.create:configmap",
        flags=(
            _ALLOW_MISSING_TEMPLATE_KEYS,
            _b("append-hash", "Append a hash of the configmap to its name."),
            _DRY_RUN,
            _FIELD_MANAGER,
            _l("from-env-file", "Specify the path to a file to read lines of key=val pairs to create a configmap."),
            _l("from-file",
               ("Key file can be specified using its file path, in which case file basename will be used as "
                "configmap key, or optionally with a key and file path, in which case the given key will be "
                "used.  Specifying a directory will iterate each named file in the directory whose basename is "
                "a valid configmap key.")),
            _a("from-literal", "Specify a key and literal value to insert in configmap (i.e. mykey=somevalue)"),
            _OUTPUT,
            _SAVE_CONFIG,
            _SHOW_MANAGED_FIELDS,
            _TEMPLATE,
            _VALIDATE,
        ),
    )


def _create_cronjob() -> Command:
    return _command(
        "cronjob NAME --image=image --schedule='0/5 * * * ?' -- [COMMAND] [args...] [flags]",
        "Create a cron job with the specified name",
        long="Create a cron job with the specified name.",
        example=("# Create a cron job\n"
                 "kubectl create cronjob my-job --image=busybox --schedule=\"*/1 * * * *\"\n"
                 "\n"
                 "# Create a cron job with a command\n"
                 "kubectl create cronjob my-job --image=busybox --schedule=\"*/1 * * * *\" -- date"),
        aliases=('cj',),
        run="cmd.create:cronjob",
        flags=(
            _ALLOW_MISSING_TEMPLATE_KEYS,
            _DRY_RUN,
            _FIELD_MANAGER,
            _IMAGE,
            _OUTPUT,
            _s("restart", "job's restart policy. supported values: OnFailure, Never"),
            _SAVE_CONFIG,
            _s("schedule", "A schedule in the Cron format the job should be run with."),
            _SHOW_MANAGED_FIELDS,
            _TEMPLATE,
            _VALIDATE,
        ),
    )


def _create_deployment() -> Command:
    return _command(
        "deployment NAME --image=image -- [COMMAND] [args...]",
        "Create a deployment with the specified name",
        long="Create a deployment with the specified name.",
        example=("# Create a deployment named my-dep that runs the busybox image\n"
                 "kubectl create deployment my-dep --image=busybox\n"
                 "\n"
                 "# Create a deployment with a command\n"
                 "kubectl create deployment my-dep --image=busybox -- date\n"
                 "\n"
                 "# Create a deployment named my-dep that runs the nginx image with 3 replicas\n"
                 "kubectl create deployment my-dep --image=nginx --replicas=3\n"
                 "\n"
                 "# Create a deployment named my-dep that runs the busybox image and expose port 5701\n"
                 "kubectl create deployment my-dep --image=busybox --port=5701\n"
                 "\n"
                 "# Create a deployment named my-dep that runs multiple containers\n"
                 "kubectl create deployment my-dep --image=busybox:latest --image=ubuntu:latest --image=nginx"),
        aliases=('deploy',),
        run="cmd.create:deployment",
        flags=(
            _ALLOW_MISSING_TEMPLATE_KEYS,
            _DRY_RUN,
            _FIELD_MANAGER,
            _l("image", "Image names to run. A deployment can have multiple images set for multi-container pod."),
            _OUTPUT,
            _i32("port", "The containerPort that this deployment exposes.", -1),
            _i32("replicas", "Number of replicas to create. Default is 1.", 1, "r"),
            _SAVE_CONFIG,
            _SHOW_MANAGED_FIELDS,
            _TEMPLATE,
            _VALIDATE,
        ),
    )


def _create_ingress() -> Command:
    return _command(
        "ingress NAME --rule=host/path=service:port[,tls[=secret]] ",
        "Create an ingress with the specified name",
        long="Create an ingress with the specified name.",
        example=("# Create a single ingress called 'simple' that directs requests to foo.com/bar to svc\n"
                 "# svc1:8080 with a TLS secret \"my-cert\"\n"
                 "kubectl create ingress simple --rule=\"foo.com/bar=svc1:8080,tls=my-cert\"\n"
                 "\n"
                 "# Create a catch all ingress of \"/path\" pointing to service svc:port and Ingress Class as "
                 "\"otheringress\"\n"
                 "kubectl create ingress catch-all --class=otheringress --rule=\"/path=svc:port\"\n"
                 "\n"
                 "# Create an ingress with two annotations: ingress.annotation1 and ingress.annotations2\n"
                 "kubectl create ingress annotated --class=default --rule=\"foo.com/bar=svc:port\" \\\n"
                 "--annotation ingress.annotation1=foo \\\n"
                 "--annotation ingress.annotation2=bla\n"
                 "\n"
                 "# Create an ingress with the same host and multiple paths\n"
                 "kubectl create ingress multipath --class=default \\\n"
                 "--rule=\"foo.com/=svc:port\" \\\n"
                 "--rule=\"foo.com/admin/=svcadmin:portadmin\"\n"
                 "\n"
                 "# Create an ingress with multiple hosts and the pathType as Prefix\n"
                 "kubectl create ingress ingress1 --class=default \\\n"
                 "--rule=\"foo.com/path*=svc:8080\" \\\n"
                 "--rule=\"bar.com/admin*=svc2:http\"\n"
                 "\n"
                 "# Create an ingress with TLS enabled using the default ingress certificate and different path "
                 "types\n"
                 "kubectl create ingress ingtls --class=default \\\n"
                 "--rule=\"foo.com/=svc:https,tls\" \\\n"
                 "--rule=\"foo.com/path/subpath*=othersvc:8080\"\n"
                 "\n"
                 "# Create an ingress with TLS enabled using a specific secret and pathType as Prefix\n"
                 "kubectl create ingress ingsecret --class=default \\\n"
                 "--rule=\"foo.com/*=svc:8080,tls=secret1\"\n"
                 "\n"
                 "# Create an ingress with a default backend\n"
                 "kubectl create ingress ingdefault --class=default \\\n"
                 "--default-backend=defaultsvc:http \\\n"
                 "--rule=\"foo.com/*=svc:8080,tls=secret1\""),
        aliases=('ing',),
        run="cmd.create:ingress",
        flags=(
            _ALLOW_MISSING_TEMPLATE_KEYS,
            _a("annotation", "Annotation to insert in the ingress object, in the format annotation=value"),
            _s("class", "Ingress Class to be used"),
            _s("default-backend", "Default service for backend, in format of svcname:port"),
            _DRY_RUN,
            _FIELD_MANAGER,
            _OUTPUT,
            _a("rule",
               ("Rule in format host/path=service:port[,tls=secretname]. Paths containing the leading character "
                "'*' are considered pathType=Prefix. tls argument is optional.")),
            _SAVE_CONFIG,
            _SHOW_MANAGED_FIELDS,
            _TEMPLATE,
            _VALIDATE,
        ),
    )


def _create_job() -> Command:
    return _command(
        "job NAME --image=image [--from=cronjob/name] -- [COMMAND] [args...]",
        "Create a job with the specified name",
        long="Create a job with the specified name.",
        example=("# Create a job\n"
                 "kubectl create job my-job --image=busybox\n"
                 "\n"
                 "# Create a job with a command\n"
                 "kubectl create job my-job --image=busybox -- date\n"
                 "\n"
                 "# Create a job from a cron job named \"a-cronjob\"\n"
                 "kubectl create job test-job --from=cronjob/a-cronjob"),
        run="cmd.create:job",
        flags=(
            _ALLOW_MISSING_TEMPLATE_KEYS,
            _DRY_RUN,
            _FIELD_MANAGER,
            _s("from", "The name of the resource to create a Job from (only cronjob is supported)."),
            _IMAGE,
            _OUTPUT,
            _SAVE_CONFIG,
            _SHOW_MANAGED_FIELDS,
            _TEMPLATE,
            _VALIDATE,
        ),
    )


def _create_namespace() -> Command:
    return _command(
        "namespace NAME [--dry-run=server|client|none]",
        "Create a namespace with the specified name",
        long="Create a namespace with the specified name.",
        example="# Create a new namespace named my-namespace\nkubectl create namespace my-namespace",
        aliases=('ns',),
        run="cmd.create:namespace",
        flags=(
            _ALLOW_MISSING_TEMPLATE_KEYS,
            _DRY_RUN,
            _FIELD_MANAGER,
            _OUTPUT,
            _SAVE_CONFIG,
            _SHOW_MANAGED_FIELDS,
            _TEMPLATE,
            _VALIDATE,
        ),
    )


def _create_poddisruptionbudget() -> Command:
    return _command(
        "poddisruptionbudget NAME --selector=SELECTOR --min-available=N [--dry-run=server|client|none]",
        "Create a pod disruption budget with the specified name",
        long=("Create a pod disruption budget with the specified name, selector, and desired minimum available pods."),
        example=("# Create a pod disruption budget named my-pdb that will select all pods with the app=rails label\n"
                 "# and require at least one of them being available at any point in time\n"
                 "kubectl create poddisruptionbudget my-pdb --selector=app=rails --min-available=1\n"
                 "\n"
                 "# Create a pod disruption budget named my-pdb that will select all pods with the app=nginx label\n"
                 "# and require at least half of the pods selected to be available at any point in time\n"
                 "kubectl create pdb my-pdb --selector=app=nginx --min-available=50%"),
        aliases=('pdb',),
        run="cmd.create:poddisruptionbudget",
        flags=(
            _ALLOW_MISSING_TEMPLATE_KEYS,
            _DRY_RUN,
            _FIELD_MANAGER,
            _s("max-unavailable", "The maximum number or percentage of unavailable pods this budget requires."),
            _s("min-available", "The minimum number or percentage of available pods this budget requires."),
            _OUTPUT,
            _SAVE_CONFIG,
            _s("selector",
               ("A label selector to use for this budget. Only equality-based selector requirements are supported.")),
            _SHOW_MANAGED_FIELDS,
            _TEMPLATE,
            _VALIDATE,
        ),
    )


def _create_priorityclass() -> Command:
    return _command(
        "priorityclass NAME --value=VALUE --global-default=BOOL [--dry-run=server|client|none]",
        "Create a priority class with the specified name",
        long="Create a priority class with the specified name, value, globalDefault and description.",
        example=("# Create a priority class named high-priority\n"
                 "kubectl create priorityclass high-priority --value=1000 --description=\"high priority\"\n"
                 "\n"
                 "# Create a priority class named default-priority that is considered as the global default "
                 "priority\n"
                 "kubectl create priorityclass default-priority --value=1000 --global-default=true "
                 "--description=\"default priority\"\n"
                 "\n"
                 "# Create a priority class named high-priority that cannot preempt pods with lower priority\n"
                 "kubectl create priorityclass high-priority --value=1000 --description=\"high priority\" "
                 "--preemption-policy=\"Never\""),
        aliases=('pc',),
        run="cmd.create:priorityclass",
        flags=(
            _ALLOW_MISSING_TEMPLATE_KEYS,
            _s("description",
               ("description is an arbitrary string that usually provides guidelines on when this priority "
                "class should be used.")),
            _DRY_RUN,
            _FIELD_MANAGER,
            _b("global-default",
               ("global-default specifies whether this PriorityClass should be considered as the default priority.")),
            _OUTPUT,
            _s("preemption-policy",
               "preemption-policy is the policy for preempting pods with lower priority.",
               "PreemptLowerPriority"),
            _SAVE_CONFIG,
            _SHOW_MANAGED_FIELDS,
            _TEMPLATE,
            _VALIDATE,
            _i32("value", "the value of this priority class."),
        ),
    )


def _create_quota() -> Command:
    return _command(
        "quota NAME [--hard=key1=value1,key2=value2] [--scopes=Scope1,Scope2] [--dry-run=server|client|none]",
        "Create a quota with the specified name",
        long="Create a resource quota with the specified name, hard limits, and optional scopes.",
        example=("# Create a new resource quota named my-quota\n"
                 "kubectl create quota my-quota "
                 "--hard=cpu=1,memory=1G,pods=2,services=3,replicationcontrollers=2,resourcequotas=1,secrets=5,persistentvolumeclaims=10\n"
                 "\n"
                 "# Create a new resource quota named best-effort\n"
                 "kubectl create quota best-effort --hard=pods=100 --scopes=BestEffort"),
        aliases=('resourcequota',),
        run="cmd.create:quota",
        flags=(
            _ALLOW_MISSING_TEMPLATE_KEYS,
            _DRY_RUN,
            _FIELD_MANAGER,
            _s("hard", "A comma-delimited set of resource=quantity pairs that define a hard limit."),
            _OUTPUT,
            _SAVE_CONFIG,
            _s("scopes",
               "A comma-delimited set of quota scopes that must all match each object tracked by the quota."),
            _SHOW_MANAGED_FIELDS,
            _TEMPLATE,
            _VALIDATE,
        ),
    )


def _create_role() -> Command:
    return _command(
        ("role NAME --verb=verb --resource=resource.group/subresource [--resource-name=resourcename] "
         "[--dry-run=server|client|none]"),
        "Create a role with single rule",
        long="Create a role with single rule.",
        example=("# Create a role named \"pod-reader\" that allows user to perform \"get\", \"watch\" and \"list\" on "
                 "pods\n"
                 "kubectl create role pod-reader --verb=get --verb=list --verb=watch --resource=pods\n"
                 "\n"
                 "# Create a role named \"pod-reader\" with ResourceName specified\n"
                 "kubectl create role pod-reader --verb=get --resource=pods --resource-name=readablepod "
                 "--resource-name=anotherpod\n"
                 "\n"
                 "# Create a role named \"foo\" with API Group specified\n"
                 "kubectl create role foo --verb=get,list,watch --resource=rs.apps\n"
                 "\n"
                 "# Create a role named \"foo\" with SubResource specified\n"
                 "kubectl create role foo --verb=get,list,watch --resource=pods,pods/status"),
        run="cmd.create:role",
        flags=(
            _ALLOW_MISSING_TEMPLATE_KEYS,
            _DRY_RUN,
            _FIELD_MANAGER,
            _OUTPUT,
            _RESOURCE,
            _RESOURCE_NAME,
            _SAVE_CONFIG,
            _SHOW_MANAGED_FIELDS,
            _TEMPLATE,
            _VALIDATE,
            _VERB,
        ),
    )


def _create_rolebinding() -> Command:
    return _command(
        ("rolebinding NAME --clusterrole=NAME|--role=NAME [--user=username] [--group=groupname] "
         "[--serviceaccount=namespace:serviceaccountname] [--dry-run=server|client|none]"),
        "Create a role binding for a particular role or cluster role",
        long="Create a role binding for a particular role or cluster role.",
        example=("# Create a role binding for user1, user2, and group1 using the admin cluster role\n"
                 "kubectl create rolebinding admin --clusterrole=admin --user=user1 --user=user2 --group=group1\n"
                 "\n"
                 "# Create a role binding for service account monitoring:sa-dev using the admin role\n"
                 "kubectl create rolebinding admin-binding --role=admin --serviceaccount=monitoring:sa-dev"),
        run="cmd.create:rolebinding",
        flags=(
            _ALLOW_MISSING_TEMPLATE_KEYS,
            _s("clusterrole", "ClusterRole this RoleBinding should reference"),
            _DRY_RUN,
            _FIELD_MANAGER,
            _a("group", "Groups to bind to the role. The flag can be repeated to add multiple groups."),
            _OUTPUT,
            _s("role", "Role this RoleBinding should reference"),
            _SAVE_CONFIG,
            _a("serviceaccount",
               ("Service accounts to bind to the role, in the format <namespace>:<name>. The flag can be "
                "repeated to add multiple service accounts.")),
            _SHOW_MANAGED_FIELDS,
            _TEMPLATE,
            _a("user", "Usernames to bind to the role. The flag can be repeated to add multiple users."),
            _VALIDATE,
        ),
    )


def _create_secret() -> Command:
    return _command(
        "secret (docker-registry | generic | tls)",
        "Create a secret using a specified subcommand",
        long=("Create a secret with specified type.\n"
              "\n"
              " A docker-registry type secret is for accessing a container registry.\n"
              "\n"
              " A generic type secret indicate an Opaque secret type.\n"
              "\n"
              " A tls type secret holds TLS certificate and its associated key."),
        run="help:group",
        commands=(_create_secret_docker_registry(), _create_secret_generic(), _create_secret_tls()),
    )


def _create_secret_docker_registry() -> Command:
    return _command(
        ("docker-registry NAME --docker-username=user --docker-password=password --docker-email=email "
         "[--docker-server=string] [--from-file=[key=]source] [--dry-run=server|client|none]"),
        "Create a secret for use with a Docker registry",
        long=("Create a new secret for use with Docker registries.\n"
              "        \n"
              "        Dockercfg secrets are used to authenticate against Docker registries.\n"
              "        \n"
              "        When using the Docker command line to push images, you can authenticate to a given "
              "registry by running:\n"
              "        '$ docker login DOCKER_REGISTRY_SERVER --username=DOCKER_USER --password=DOCKER_PASSWORD "
              "--email=DOCKER_EMAIL'.\n"
              "        \n"
              " That produces a ~/.dockercfg file that is used by subsequent 'docker push' and 'docker pull' "
              "commands to authenticate to the registry. The email address is optional.\n"
              "\n"
              "        When creating applications, you may have a Docker registry that requires authentication. "
              " In order for the\n"
              "        nodes to pull images on your behalf, they must have the credentials.  You can provide "
              "this information\n"
              "        by creating a dockercfg secret and attaching it to your service account."),
        example=("# If you do not already have a .dockercfg file, create a dockercfg secret directly\n"
                 "kubectl create secret docker-registry my-secret --docker-server=DOCKER_REGISTRY_SERVER "
                 "--docker-username=DOCKER_USER --docker-password=DOCKER_PASSWORD --docker-email=DOCKER_EMAIL\n"
                 "\n"
                 "# Create a new secret named my-secret from ~/.docker/config.json\n"
                 "kubectl create secret docker-registry my-secret --from-file=path/to/.docker/config.json"),
        run="cmd.create:secret_docker_registry",
        flags=(
            _ALLOW_MISSING_TEMPLATE_KEYS,
            _APPEND_HASH,
            _s("docker-email", "Email for Docker registry"),
            _s("docker-password", "Password for Docker registry authentication"),
            _s("docker-server", "Server location for Docker registry", "https://index.docker.io/v1/"),
            _s("docker-username", "Username for Docker registry authentication"),
            _DRY_RUN,
            _FIELD_MANAGER,
            _l("from-file",
               ("Key files can be specified using their file path, in which case a default name of "
                ".dockerconfigjson will be given to them, or optionally with a name and file path, in which "
                "case the given name will be used. Specifying a directory will iterate each named file in the "
                "directory that is a valid secret key. For this command, the key should always be .dockerconfigjson.")),
            _OUTPUT,
            _SAVE_CONFIG,
            _SHOW_MANAGED_FIELDS,
            _TEMPLATE,
            _VALIDATE,
        ),
    )


def _create_secret_generic() -> Command:
    return _command(
        ("generic NAME [--type=string] [--from-file=[key=]source] [--from-literal=key1=value1] "
         "[--dry-run=server|client|none]"),
        "Create a secret from a local file, directory, or literal value",
        long=("Create a secret based on a file, directory, or specified literal value.\n"
              "\n"
              " A single secret may package one or more key/value pairs.\n"
              "\n"
              " When creating a secret based on a file, the key will default to the basename of the file, and "
              "the value will default to the file content. If the basename is an invalid key or you wish to "
              "chose your own, you may specify an alternate key.\n"
              "\n"
              " When creating a secret based on a directory, each file whose basename is a valid key in the "
              "directory will be packaged into the secret. Any directory entries except regular files are "
              "ignored (e.g. subdirectories, symlinks, devices, pipes, etc)."),
        example=("# Create a new secret named my-secret with keys for each file in folder bar\n"
                 "kubectl create secret generic my-secret --from-file=path/to/bar\n"
                 "\n"
                 "# Create a new secret named my-secret with specified keys instead of names on disk\n"
                 "kubectl create secret generic my-secret --from-file=ssh-privatekey=path/to/id_rsa "
                 "--from-file=ssh-publickey=path/to/id_rsa.pub\n"
                 "\n"
                 "# Create a new secret named my-secret with key1=supersecret and key2=topsecret\n"
                 "kubectl create secret generic my-secret --from-literal=key1=supersecret "
                 "--from-literal=key2=topsecret\n"
                 "\n"
                 "# Create a new secret named my-secret using a combination of a file and a literal\n"
                 "kubectl create secret generic my-secret --from-file=ssh-privatekey=path/to/id_rsa "
                 "--from-literal=passphrase=topsecret\n"
                 "\n"
                 "# Create a new secret named my-secret from env files\n"
                 "kubectl create secret generic my-secret --from-env-file=path/to/foo.env "
                 "--from-env-file=path/to/bar.env"),
        run="cmd.create:secret_generic",
        flags=(
            _ALLOW_MISSING_TEMPLATE_KEYS,
            _APPEND_HASH,
            _DRY_RUN,
            _FIELD_MANAGER,
            _l("from-env-file", "Specify the path to a file to read lines of key=val pairs to create a secret."),
            _l("from-file",
               ("Key files can be specified using their file path, in which case a default name will be given "
                "to them, or optionally with a name and file path, in which case the given name will be used.  "
                "Specifying a directory will iterate each named file in the directory that is a valid secret key.")),
            _a("from-literal", "Specify a key and literal value to insert in secret (i.e. mykey=somevalue)"),
            _OUTPUT,
            _SAVE_CONFIG,
            _SHOW_MANAGED_FIELDS,
            _TEMPLATE,
            _s("type", "The type of secret to create"),
            _VALIDATE,
        ),
    )


def _create_secret_tls() -> Command:
    return _command(
        "tls NAME --cert=path/to/cert/file --key=path/to/key/file [--dry-run=server|client|none]",
        "Create a TLS secret",
        long=("Create a TLS secret from the given public/private key pair.\n"
              "\n"
              " The public/private key pair must exist beforehand. The public key certificate must be .PEM "
              "encoded and match the given private key."),
        example=("# Create a new TLS secret named tls-secret with the given key pair\n"
                 "kubectl create secret tls tls-secret --cert=path/to/tls.crt --key=path/to/tls.key"),
        run="cmd.create:secret_tls",
        flags=(
            _ALLOW_MISSING_TEMPLATE_KEYS,
            _APPEND_HASH,
            _s("cert", "Path to PEM encoded public key certificate."),
            _DRY_RUN,
            _FIELD_MANAGER,
            _s("key", "Path to private key associated with given certificate."),
            _OUTPUT,
            _SAVE_CONFIG,
            _SHOW_MANAGED_FIELDS,
            _TEMPLATE,
            _VALIDATE,
        ),
    )


def _create_service() -> Command:
    return _command(
        "service [flags]",
        "Create a service using a specified subcommand",
        long="Create a service using a specified subcommand.",
        aliases=('svc',),
        run="help:group",
        commands=(_create_service_clusterip(), _create_service_externalname(), _create_service_loadbalancer(),
                  _create_service_nodeport()),
    )


def _create_service_clusterip() -> Command:
    return _command(
        "clusterip NAME [--tcp=<port>:<targetPort>] [--dry-run=server|client|none]",
        "Create a ClusterIP service",
        long="Create a ClusterIP service with the specified name.",
        example=("# Create a new ClusterIP service named my-cs\n"
                 "kubectl create service clusterip my-cs --tcp=5678:8080\n"
                 "\n"
                 "# Create a new ClusterIP service named my-cs (in headless mode)\n"
                 "kubectl create service clusterip my-cs --clusterip=\"None\""),
        run="cmd.create:service_clusterip",
        flags=(
            _ALLOW_MISSING_TEMPLATE_KEYS,
            _s("clusterip", "Assign your own ClusterIP or set to 'None' for a 'headless' service (no loadbalancing)."),
            _DRY_RUN,
            _FIELD_MANAGER,
            _OUTPUT,
            _SAVE_CONFIG,
            _SHOW_MANAGED_FIELDS,
            _TCP,
            _TEMPLATE,
            _VALIDATE,
        ),
    )


def _create_service_externalname() -> Command:
    return _command(
        "externalname NAME --external-name external.name [--dry-run=server|client|none]",
        "Create an ExternalName service",
        long=("Create an ExternalName service with the specified name.\n"
              "\n"
              " ExternalName service references to an external DNS address instead of only pods, which will "
              "allow application authors to reference services that exist off platform, on other clusters, or "
              "locally."),
        example=("# Create a new ExternalName service named my-ns\n"
                 "kubectl create service externalname my-ns --external-name bar.com"),
        run="cmd.create:service_externalname",
        flags=(
            _ALLOW_MISSING_TEMPLATE_KEYS,
            _DRY_RUN,
            _s("external-name", "External name of service"),
            _FIELD_MANAGER,
            _OUTPUT,
            _SAVE_CONFIG,
            _SHOW_MANAGED_FIELDS,
            _TCP,
            _TEMPLATE,
            _VALIDATE,
        ),
    )


def _create_service_loadbalancer() -> Command:
    return _command(
        "loadbalancer NAME [--tcp=port:targetPort] [--dry-run=server|client|none]",
        "Create a LoadBalancer service",
        long="Create a LoadBalancer service with the specified name.",
        example=("# Create a new LoadBalancer service named my-lbs\n"
                 "kubectl create service loadbalancer my-lbs --tcp=5678:8080"),
        run="cmd.create:service_loadbalancer",
        flags=(
            _ALLOW_MISSING_TEMPLATE_KEYS,
            _DRY_RUN,
            _FIELD_MANAGER,
            _OUTPUT,
            _SAVE_CONFIG,
            _SHOW_MANAGED_FIELDS,
            _TCP,
            _TEMPLATE,
            _VALIDATE,
        ),
    )


def _create_service_nodeport() -> Command:
    return _command(
        "nodeport NAME [--tcp=port:targetPort] [--dry-run=server|client|none]",
        "Create a NodePort service",
        long="Create a NodePort service with the specified name.",
        example=("# Create a new NodePort service named my-ns\n"
                 "kubectl create service nodeport my-ns --tcp=5678:8080"),
        run="cmd.create:service_nodeport",
        flags=(
            _ALLOW_MISSING_TEMPLATE_KEYS,
            _DRY_RUN,
            _FIELD_MANAGER,
            _i("node-port", "Port used to expose the service on each node in a cluster."),
            _OUTPUT,
            _SAVE_CONFIG,
            _SHOW_MANAGED_FIELDS,
            _TCP,
            _TEMPLATE,
            _VALIDATE,
        ),
    )


def _create_serviceaccount() -> Command:
    return _command(
        "serviceaccount NAME [--dry-run=server|client|none]",
        "Create a service account with the specified name",
        long="Create a service account with the specified name.",
        example=("# Create a new service account named my-service-account\n"
                 "kubectl create serviceaccount my-service-account"),
        aliases=('sa',),
        run="cmd.create:serviceaccount",
        flags=(
            _ALLOW_MISSING_TEMPLATE_KEYS,
            _DRY_RUN,
            _FIELD_MANAGER,
            _OUTPUT,
            _SAVE_CONFIG,
            _SHOW_MANAGED_FIELDS,
            _TEMPLATE,
            _VALIDATE,
        ),
    )


def _create_token() -> Command:
    return _command(
        "token SERVICE_ACCOUNT_NAME",
        "Request a service account token",
        long="Request a service account token.",
        example=("# Request a token to authenticate to the kube-apiserver as the service account \"myapp\" in the "
                 "current namespace\n"
                 "kubectl create token myapp\n"
                 "\n"
                 "# Request a token for a service account in a custom namespace\n"
                 "kubectl create token myapp --namespace myns\n"
                 "\n"
                 "# Request a token with a custom expiration\n"
                 "kubectl create token myapp --duration 10m\n"
                 "\n"
                 "# Request a token with a custom audience\n"
                 "kubectl create token myapp --audience https://example.com\n"
                 "\n"
                 "# Request a token bound to an instance of a Secret object\n"
                 "kubectl create token myapp --bound-object-kind Secret --bound-object-name mysecret\n"
                 "\n"
                 "# Request a token bound to an instance of a Secret object with a specific UID\n"
                 "kubectl create token myapp --bound-object-kind Secret --bound-object-name mysecret "
                 "--bound-object-uid 0d4691ed-659b-4935-a832-355f77ee47cc"),
        run="cmd.create:token",
        flags=(
            _ALLOW_MISSING_TEMPLATE_KEYS,
            _a("audience",
               ("Audience of the requested token. If unset, defaults to requesting a token for use with the "
                "Kubernetes API server. May be repeated to request a token valid for multiple audiences.")),
            _s("bound-object-kind",
               ("Kind of an object to bind the token to. Supported kinds are Node, Pod, Secret. If set, "
                "--bound-object-name must be provided.")),
            _s("bound-object-name",
               ("Name of an object to bind the token to. The token will expire when the object is deleted. "
                "Requires --bound-object-kind.")),
            _s("bound-object-uid",
               ("UID of an object to bind the token to. Requires --bound-object-kind and --bound-object-name. "
                "If unset, the UID of the existing object is used.")),
            _d("duration",
               ("Requested lifetime of the issued token. If not set or if set to 0, the lifetime will be "
                "determined by the server automatically. The server may return a token with a longer or shorter "
                "lifetime.")),
            _OUTPUT,
            _SHOW_MANAGED_FIELDS,
            _TEMPLATE,
        ),
    )


def _expose() -> Command:
    return _command(
        ("expose (-f FILENAME | TYPE NAME) [--port=port] [--protocol=TCP|UDP|SCTP] "
         "[--target-port=number-or-name] [--name=name] [--external-ip=external-ip-of-service] [--type=type]"),
        "Take a replication controller, service, deployment or pod and expose it as a new Kubernetes service",
        long=("Expose a resource as a new Kubernetes service.\n"
              "\n"
              " Looks up a deployment, service, replica set, replication controller or pod by name and uses the "
              "selector for that resource as the selector for a new service on the specified port. A deployment "
              "or replica set will be exposed as a service only if its selector is convertible to a selector "
              "that service supports, i.e. when the selector contains only the matchLabels component. Note that "
              "if no port is specified via --port and the exposed resource has multiple ports, all will be "
              "re-used by the new service. Also if no labels are specified, the new service will re-use the "
              "labels from the resource it exposes.\n"
              "\n"
              " Possible resources include (case insensitive):\n"
              "\n"
              " pod (po), service (svc), replicationcontroller (rc), deployment (deploy), replicaset (rs)"),
        example=("# Create a service for a replicated nginx, which serves on port 80 and connects to the "
                 "containers on port 8000\n"
                 "kubectl expose rc nginx --port=80 --target-port=8000\n"
                 "\n"
                 "# Create a service for a replication controller identified by type and name specified in "
                 "\"nginx-controller.yaml\", which serves on port 80 and connects to the containers on port 8000\n"
                 "kubectl expose -f nginx-controller.yaml --port=80 --target-port=8000\n"
                 "\n"
                 "# Create a service for a pod valid-pod, which serves on port 444 with the name \"frontend\"\n"
                 "kubectl expose pod valid-pod --port=444 --name=frontend\n"
                 "\n"
                 "# Create a second service based on the above service, exposing the container port 8443 as "
                 "port 443 with the name \"nginx-https\"\n"
                 "kubectl expose service nginx --port=443 --target-port=8443 --name=nginx-https\n"
                 "\n"
                 "# Create a service for a replicated streaming application on port 4100 balancing UDP traffic "
                 "and named 'video-stream'.\n"
                 "kubectl expose rc streamer --port=4100 --protocol=UDP --name=video-stream\n"
                 "\n"
                 "# Create a service for a replicated nginx using replica set, which serves on port 80 and "
                 "connects to the containers on port 8000\n"
                 "kubectl expose rs nginx --port=80 --target-port=8000\n"
                 "\n"
                 "# Create a service for an nginx deployment, which serves on port 80 and connects to the "
                 "containers on port 8000\n"
                 "kubectl expose deployment nginx --port=80 --target-port=8000"),
        run="cmd.expose:run",
        flags=(
            _RECORD,
            _ALLOW_MISSING_TEMPLATE_KEYS,
            _s("cluster-ip",
               ("ClusterIP to be assigned to the service. Leave empty to auto-allocate, or set to 'None' to "
                "create a headless service.")),
            _DRY_RUN,
            _s("external-ip",
               ("Additional external IP address (not managed by Kubernetes) to accept for the service. If this "
                "IP is routed to a node, the service can be accessed by this IP in addition to its generated "
                "service IP.")),
            _s("field-manager", "Name of the manager used to track field ownership.", "kubectl-expose"),
            _l("filename",
               "Filename, directory, or URL to files identifying the resource to expose a service",
               [],
               "f"),
            _KUSTOMIZE,
            _s("labels", "Labels to apply to the service created by this call.", "", "l"),
            _s("load-balancer-ip",
               ("IP to assign to the LoadBalancer. If empty, an ephemeral IP will be created and used "
                "(cloud-provider specific).")),
            _s("name", "The name for the newly created object."),
            _OUTPUT,
            _OVERRIDE_TYPE,
            _OVERRIDES,
            _s("port",
               ("The port that the service should serve on. Copied from the resource being exposed, if unspecified")),
            _s("protocol", "The network protocol for the service to be created. Default is 'TCP'."),
            _RECURSIVE,
            _SAVE_CONFIG,
            _s("selector",
               ("A label selector to use for this service. Only equality-based selector requirements are "
                "supported. If empty (the default) infer the selector from the replication controller or "
                "replica set.)")),
            _s("session-affinity",
               ("If non-empty, set the session affinity for the service to this; legal values: 'None', 'ClientIP'")),
            _SHOW_MANAGED_FIELDS,
            _s("target-port",
               ("Name or number for the port on the container that the service should direct traffic to. Optional.")),
            _TEMPLATE,
            _s("type",
               ("Type for this service: ClusterIP, NodePort, LoadBalancer, or ExternalName. Default is 'ClusterIP'.")),
        ),
    )


def _run() -> Command:
    return _command(
        ("run NAME --image=image [--env=\"key=value\"] [--port=port] [--dry-run=server|client] "
         "[--overrides=inline-json] [--command] -- [COMMAND] [args...]"),
        "Run a particular image on the cluster",
        long="Create and run a particular image in a pod.",
        example=("# Start a nginx pod\n"
                 "kubectl run nginx --image=nginx\n"
                 "\n"
                 "# Start a hazelcast pod and let the container expose port 5701\n"
                 "kubectl run hazelcast --image=hazelcast/hazelcast --port=5701\n"
                 "\n"
                 "# Start a hazelcast pod and set environment variables \"DNS_DOMAIN=cluster\" and "
                 "\"POD_NAMESPACE=default\" in the container\n"
                 "kubectl run hazelcast --image=hazelcast/hazelcast --env=\"DNS_DOMAIN=cluster\" "
                 "--env=\"POD_NAMESPACE=default\"\n"
                 "\n"
                 "# Start a hazelcast pod and set labels \"app=hazelcast\" and \"env=prod\" in the container\n"
                 "kubectl run hazelcast --image=hazelcast/hazelcast --labels=\"app=hazelcast,env=prod\"\n"
                 "\n"
                 "# Dry run; print the corresponding API objects without creating them\n"
                 "kubectl run nginx --image=nginx --dry-run=client\n"
                 "\n"
                 "# Start a nginx pod, but overload the spec with a partial set of values parsed from JSON\n"
                 "kubectl run nginx --image=nginx --overrides='{ \"apiVersion\": \"v1\", \"spec\": { ... } }'\n"
                 "\n"
                 "# Start a busybox pod and keep it in the foreground, don't restart it if it exits\n"
                 "kubectl run -i -t busybox --image=busybox --restart=Never\n"
                 "\n"
                 "# Start the nginx pod using the default command, but use custom arguments (arg1 .. argN) for "
                 "that command\n"
                 "kubectl run nginx --image=nginx -- <arg1> <arg2> ... <argN>\n"
                 "\n"
                 "# Start the nginx pod using a different command and custom arguments\n"
                 "kubectl run nginx --image=nginx --command -- <cmd> <arg1> ... <argN>"),
        run="cmd.run:run",
        flags=(
            _RECORD,
            _ALLOW_MISSING_TEMPLATE_KEYS,
            _a("annotations", "Annotations to apply to the pod."),
            _b("attach",
               ("If true, wait for the Pod to start running, and then attach to the Pod as if 'kubectl attach "
                "...' were called.  Default false, unless '-i/--stdin' is set, in which case the default is "
                "true. With '--restart=Never' the exit code of the container process is returned.")),
            _CASCADE,
            _b("command",
               ("If true and extra arguments are present, use them as the 'command' field in the container, "
                "rather than the 'args' field which is the default.")),
            _DRY_RUN,
            _a("env", "Environment variables to set in the container."),
            _b("expose", "If true, create a ClusterIP service associated with the pod.  Requires `--port`."),
            _s("field-manager", "Name of the manager used to track field ownership.", "kubectl-run"),
            _l("filename", "to use to replace the resource.", [], "f"),
            _FORCE,
            _GRACE_PERIOD,
            _s("image", "The image for the container to run."),
            _s("image-pull-policy",
               ("The image pull policy for the container.  If left empty, this value will not be specified by "
                "the client and defaulted by the server.")),
            _KUSTOMIZE_2,
            _s("labels", "Comma separated labels to apply to the pod. Will override previous values.", "", "l"),
            _b("leave-stdin-open",
               ("If the pod is started in interactive mode or with stdin, leave stdin open after the first "
                "attach completes. By default, stdin will be closed after the first attach completes.")),
            _OUTPUT,
            _OVERRIDE_TYPE,
            _OVERRIDES,
            _POD_RUNNING_TIMEOUT,
            _s("port", "The port that this container exposes."),
            _b("privileged", "If true, run the container in privileged mode."),
            _b("quiet", "If true, suppress prompt messages.", False, "q"),
            _RECURSIVE,
            _s("restart", "The restart policy for this Pod.  Legal values [Always, OnFailure, Never].", "Always"),
            _b("rm",
               ("If true, delete the pod after it exits.  Only valid when attaching to the container, e.g. with "
                "'--attach' or with '-i/--stdin'.")),
            _SAVE_CONFIG,
            _SHOW_MANAGED_FIELDS,
            _b("stdin", "Keep stdin open on the container in the pod, even if nothing is attached.", False, "i"),
            _TEMPLATE,
            _TIMEOUT,
            _b("tty", "Allocate a TTY for the container in the pod.", False, "t"),
            _WAIT,
        ),
    )


def _set() -> Command:
    return _command(
        "set SUBCOMMAND",
        "Set specific features on objects",
        long=("Configure application resources.\n"
              "\n"
              " These commands help you make changes to existing application resources."),
        run="help:group",
        commands=(_set_env(), _set_image(), _set_resources(), _set_selector(), _set_serviceaccount(),
                  _set_subject()),
    )


def _set_env() -> Command:
    return _command(
        "env RESOURCE/NAME KEY_1=VAL_1 ... KEY_N=VAL_N",
        "Update environment variables on a pod template",
        long=("Update environment variables on a pod template.\n"
              "\n"
              " List environment variable definitions in one or more pods, pod templates. Add, update, or "
              "remove container environment variable definitions in one or more pod templates (within "
              "replication controllers or deployment configurations). View or modify the environment variable "
              "definitions on all containers in the specified pods or pod templates, or just those that match a "
              "wildcard.\n"
              "\n"
              " If \"--env -\" is passed, environment variables can be read from STDIN using the standard env "
              "syntax.\n"
              "\n"
              " Possible resources include (case insensitive):\n"
              "\n"
              "        pod (po), replicationcontroller (rc), deployment (deploy), daemonset (ds), statefulset "
              "(sts), cronjob (cj), replicaset (rs)"),
        example=("# Update deployment 'registry' with a new environment variable\n"
                 "kubectl set env deployment/registry STORAGE_DIR=/local\n"
                 "\n"
                 "# List the environment variables defined on a deployments 'sample-build'\n"
                 "kubectl set env deployment/sample-build --list\n"
                 "\n"
                 "# List the environment variables defined on all pods\n"
                 "kubectl set env pods --all --list\n"
                 "\n"
                 "# Output modified deployment in YAML, and does not alter the object on the server\n"
                 "kubectl set env deployment/sample-build STORAGE_DIR=/data -o yaml\n"
                 "\n"
                 "# Update all containers in all replication controllers in the project to have ENV=prod\n"
                 "kubectl set env rc --all ENV=prod\n"
                 "\n"
                 "# Import environment from a secret\n"
                 "kubectl set env --from=secret/mysecret deployment/myapp\n"
                 "\n"
                 "# Import environment from a config map with a prefix\n"
                 "kubectl set env --from=configmap/myconfigmap --prefix=MYSQL_ deployment/myapp\n"
                 "\n"
                 "# Import specific keys from a config map\n"
                 "kubectl set env --keys=my-example-key --from=configmap/myconfigmap deployment/myapp\n"
                 "\n"
                 "# Remove the environment variable ENV from container 'c1' in all deployment configs\n"
                 "kubectl set env deployments --all --containers=\"c1\" ENV-\n"
                 "\n"
                 "# Remove the environment variable ENV from a deployment definition on disk and\n"
                 "# update the deployment config on the server\n"
                 "kubectl set env -f deploy.json ENV-\n"
                 "\n"
                 "# Set some of the local shell environment into a deployment config on the server\n"
                 "env | grep RAILS_ | kubectl set env -e - deployment/registry"),
        run="cmd.set:env",
        flags=(
            _b("all", "If true, select all resources in the namespace of the specified resource types"),
            _ALLOW_MISSING_TEMPLATE_KEYS,
            _s("containers",
               "The names of containers in the selected pod templates to change - may use wildcards",
               "*",
               "c"),
            _DRY_RUN,
            _a("env", "Specify a key-value pair for an environment variable to set into each container.", "e"),
            _FIELD_MANAGER_2,
            _l("filename", "Filename, directory, or URL to files the resource to update the env", [], "f"),
            _s("from", "The name of a resource from which to inject environment variables"),
            _l("keys", "Comma-separated list of keys to import from specified resource"),
            _KUSTOMIZE,
            _b("list",
               ("If true, display the environment and any changes in the standard format. this flag will "
                "removed when we have kubectl view env.")),
            _b("local", "If true, set env will NOT contact api-server but run locally."),
            _OUTPUT,
            _b("overwrite",
               ("If true, allow environment to be overwritten, otherwise reject updates that overwrite existing "
                "environment."),
               True),
            _s("prefix", "Prefix to append to variable names"),
            _RECURSIVE,
            _b("resolve", "If true, show secret or configmap references when listing variables"),
            _SELECTOR,
            _SHOW_MANAGED_FIELDS,
            _TEMPLATE,
        ),
    )


def _set_image() -> Command:
    return _command(
        ("image (-f FILENAME | TYPE NAME) CONTAINER_NAME_1=CONTAINER_IMAGE_1 ... CONTAINER_NAME_N=CONTAINER_IMAGE_N"),
        "Update the image of a pod template",
        long=("Update existing container image(s) of resources.\n"
              "\n"
              " Possible resources include (case insensitive):\n"
              "\n"
              "        pod (po), replicationcontroller (rc), deployment (deploy), daemonset (ds), statefulset "
              "(sts), cronjob (cj), replicaset (rs)"),
        example=("# Set a deployment's nginx container image to 'nginx:1.9.1', and its busybox container image "
                 "to 'busybox'\n"
                 "kubectl set image deployment/nginx busybox=busybox nginx=nginx:1.9.1\n"
                 "\n"
                 "# Update all deployments' and rc's nginx container's image to 'nginx:1.9.1'\n"
                 "kubectl set image deployments,rc nginx=nginx:1.9.1 --all\n"
                 "\n"
                 "# Update image of all containers of daemonset abc to 'nginx:1.9.1'\n"
                 "kubectl set image daemonset abc *=nginx:1.9.1\n"
                 "\n"
                 "# Print result (in yaml format) of updating nginx container image from local file, without "
                 "hitting the server\n"
                 "kubectl set image -f path/to/file.yaml nginx=nginx:1.9.1 --local -o yaml"),
        run="cmd.set:image",
        flags=(
            _RECORD,
            _ALL,
            _ALLOW_MISSING_TEMPLATE_KEYS,
            _DRY_RUN,
            _FIELD_MANAGER_2,
            _FILENAME,
            _KUSTOMIZE,
            _b("local", "If true, set image will NOT contact api-server but run locally."),
            _OUTPUT,
            _RECURSIVE,
            _SELECTOR,
            _SHOW_MANAGED_FIELDS,
            _TEMPLATE,
        ),
    )


def _set_resources() -> Command:
    return _command(
        "resources (-f FILENAME | TYPE NAME)  ([--limits=LIMITS & --requests=REQUESTS]",
        "Update resource requests/limits on objects with pod templates",
        long=("Specify compute resource requirements (CPU, memory) for any resource that defines a pod "
              "template.  If a pod is successfully scheduled, it is guaranteed the amount of resource "
              "requested, but may burst up to its specified limits.\n"
              "\n"
              " For each compute resource, if a limit is specified and a request is omitted, the request will "
              "default to the limit.\n"
              "\n"
              " Possible resources include (case insensitive): Use \"kubectl api-resources\" for a complete list "
              "of supported resources.."),
        example=("# Set a deployments nginx container cpu limits to \"200m\" and memory to \"512Mi\"\n"
                 "kubectl set resources deployment nginx -c=nginx --limits=cpu=200m,memory=512Mi\n"
                 "\n"
                 "# Set the resource request and limits for all containers in nginx\n"
                 "kubectl set resources deployment nginx --limits=cpu=200m,memory=512Mi "
                 "--requests=cpu=100m,memory=256Mi\n"
                 "\n"
                 "# Remove the resource requests for resources on containers in nginx\n"
                 "kubectl set resources deployment nginx --limits=cpu=0,memory=0 --requests=cpu=0,memory=0\n"
                 "\n"
                 "# Print the result (in yaml format) of updating nginx container limits from a local, without "
                 "hitting the server\n"
                 "kubectl set resources -f path/to/file.yaml --limits=cpu=200m,memory=512Mi --local -o yaml"),
        run="cmd.set:resources",
        flags=(
            _RECORD,
            _ALL,
            _ALLOW_MISSING_TEMPLATE_KEYS,
            _s("containers",
               ("The names of containers in the selected pod templates to change, all containers are selected "
                "by default - may use wildcards"),
               "*",
               "c"),
            _DRY_RUN,
            _FIELD_MANAGER_2,
            _FILENAME,
            _KUSTOMIZE,
            _s("limits",
               ("The resource requirement requests for this container.  For example, 'cpu=100m,memory=256Mi'.  "
                "Note that server side components may assign requests depending on the server configuration, "
                "such as limit ranges.")),
            _b("local", "If true, set resources will NOT contact api-server but run locally."),
            _OUTPUT,
            _RECURSIVE,
            _s("requests",
               ("The resource requirement requests for this container.  For example, 'cpu=100m,memory=256Mi'.  "
                "Note that server side components may assign requests depending on the server configuration, "
                "such as limit ranges.")),
            _SELECTOR,
            _SHOW_MANAGED_FIELDS,
            _TEMPLATE,
        ),
    )


def _set_selector() -> Command:
    return _command(
        "selector (-f FILENAME | TYPE NAME) EXPRESSIONS [--resource-version=version]",
        "Set the selector on a resource",
        long=("Set the selector on a resource. Note that the new selector will overwrite the old selector if "
              "the resource had one prior to the invocation of 'set selector'.\n"
              "\n"
              " A selector must begin with a letter or number, and may contain letters, numbers, hyphens, dots, "
              "and underscores, up to 63 characters. If --resource-version is specified, then updates will use "
              "this resource version, otherwise the existing resource-version will be used. Note: currently "
              "selectors can only be set on Service objects."),
        example=("# Set the labels and selector before creating a deployment/service pair\n"
                 "kubectl create service clusterip my-svc --clusterip=\"None\" -o yaml --dry-run=client | kubectl "
                 "set selector --local -f - 'environment=qa' -o yaml | kubectl create -f -\n"
                 "kubectl create deployment my-dep -o yaml --dry-run=client | kubectl label --local -f - "
                 "environment=qa -o yaml | kubectl create -f -"),
        run="cmd.set:selector",
        flags=(
            _RECORD,
            _ALL_2,
            _ALLOW_MISSING_TEMPLATE_KEYS,
            _DRY_RUN,
            _FIELD_MANAGER_2,
            _FILENAME_3,
            _LOCAL,
            _OUTPUT,
            _RECURSIVE_2,
            _s("resource-version",
               ("If non-empty, the selectors update will only succeed if this is the current resource-version "
                "for the object. Only valid when specifying a single resource.")),
            _SHOW_MANAGED_FIELDS,
            _TEMPLATE,
        ),
    )


def _set_serviceaccount() -> Command:
    return _command(
        "serviceaccount (-f FILENAME | TYPE NAME) SERVICE_ACCOUNT",
        "Update the service account of a resource",
        long=("Update the service account of pod template resources.\n"
              "\n"
              " Possible resources (case insensitive) can be:\n"
              "\n"
              " replicationcontroller (rc), deployment (deploy), daemonset (ds), job, replicaset (rs), statefulset"),
        example=("# Set deployment nginx-deployment's service account to serviceaccount1\n"
                 "kubectl set serviceaccount deployment nginx-deployment serviceaccount1\n"
                 "\n"
                 "# Print the result (in YAML format) of updated nginx deployment with the service account from "
                 "local file, without hitting the API server\n"
                 "kubectl set sa -f nginx-deployment.yaml serviceaccount1 --local --dry-run=client -o yaml"),
        aliases=('sa',),
        run="cmd.set:serviceaccount",
        flags=(
            _RECORD,
            _ALL,
            _ALLOW_MISSING_TEMPLATE_KEYS,
            _DRY_RUN,
            _FIELD_MANAGER_2,
            _FILENAME,
            _KUSTOMIZE,
            _b("local", "If true, set serviceaccount will NOT contact api-server but run locally."),
            _OUTPUT,
            _RECURSIVE,
            _SHOW_MANAGED_FIELDS,
            _TEMPLATE,
        ),
    )


def _set_subject() -> Command:
    return _command(
        ("subject (-f FILENAME | TYPE NAME) [--user=username] [--group=groupname] "
         "[--serviceaccount=namespace:serviceaccountname] [--dry-run=server|client|none]"),
        "Update the user, group, or service account in a role binding or cluster role binding",
        long="Update the user, group, or service account in a role binding or cluster role binding.",
        example=("# Update a cluster role binding for serviceaccount1\n"
                 "kubectl set subject clusterrolebinding admin --serviceaccount=namespace:serviceaccount1\n"
                 "\n"
                 "# Update a role binding for user1, user2, and group1\n"
                 "kubectl set subject rolebinding admin --user=user1 --user=user2 --group=group1\n"
                 "\n"
                 "# Print the result (in YAML format) of updating rolebinding subjects from a local, without "
                 "hitting the server\n"
                 "kubectl create rolebinding admin --role=admin --user=admin -o yaml --dry-run=client | kubectl "
                 "set subject --local -f - --user=foo -o yaml"),
        run="cmd.set:subject",
        flags=(
            _ALL,
            _ALLOW_MISSING_TEMPLATE_KEYS,
            _DRY_RUN,
            _FIELD_MANAGER_2,
            _l("filename", "Filename, directory, or URL to files the resource to update the subjects", [], "f"),
            _a("group", "Groups to bind to the role"),
            _KUSTOMIZE,
            _b("local", "If true, set subject will NOT contact api-server but run locally."),
            _OUTPUT,
            _RECURSIVE,
            _SELECTOR,
            _a("serviceaccount", "Service accounts to bind to the role"),
            _SHOW_MANAGED_FIELDS,
            _TEMPLATE,
            _a("user", "Usernames to bind to the role"),
        ),
    )


def _explain() -> Command:
    return _command(
        ("explain TYPE [--recursive=FALSE|TRUE] [--api-version=api-version-group] "
         "[-o|--output=plaintext|plaintext-openapiv2]"),
        "Get documentation for a resource",
        long=("Describe fields and structure of various resources.\n"
              "\n"
              " This command describes the fields associated with each supported API resource. Fields are "
              "identified via a simple JSONPath identifier:\n"
              "\n"
              "        <type>.<fieldName>[.<fieldName>]\n"
              "        \n"
              " Information about each field is retrieved from the server in OpenAPI format.\n"
              "\n"
              "Use \"kubectl api-resources\" for a complete list of supported resources."),
        example=("# Get the documentation of the resource and its fields\n"
                 "kubectl explain pods\n"
                 "\n"
                 "# Get all the fields in the resource\n"
                 "kubectl explain pods --recursive\n"
                 "\n"
                 "# Get the explanation for deployment in supported api versions\n"
                 "kubectl explain deployments --api-version=apps/v1\n"
                 "\n"
                 "# Get the documentation of a specific field of a resource\n"
                 "kubectl explain pods.spec.containers\n"
                 "\n"
                 "# Get the documentation of resources in different format\n"
                 "kubectl explain deployment --output=plaintext-openapiv2"),
        run="cmd.explain:run",
        flags=(
            _s("api-version", "Use given api-version (group/version) of the resource."),
            _s("output",
               "Format in which to render the schema. Valid values are: (plaintext, plaintext-openapiv2).",
               "plaintext",
               "o"),
            _b("recursive",
               ("When true, print the name of all the fields recursively. Otherwise, print the available fields "
                "with their description.")),
        ),
    )


def _get() -> Command:
    return _command(
        ("get "
         "[(-o|--output=)json|yaml|name|go-template|go-template-file|template|templatefile|jsonpath|"
         "jsonpath-as-json|jsonpath-file|custom-columns|custom-columns-file|wide] (TYPE[.VERSION][.GROUP] [NAME "
         "| -l label] | TYPE[.VERSION][.GROUP]/NAME ...) [flags]"),
        "Display one or many resources",
        long=("Display one or many resources.\n"
              "\n"
              " Prints a table of the most important information about the specified resources. You can filter "
              "the list using a label selector and the --selector flag. If the desired resource type is "
              "namespaced you will only see results in the current namespace if you don't specify any namespace.\n"
              "\n"
              " By specifying the output as 'template' and providing a Go template as the value of the "
              "--template flag, you can filter the attributes of the fetched resources.\n"
              "\n"
              "Use \"kubectl api-resources\" for a complete list of supported resources."),
        example=("# List all pods in ps output format\n"
                 "kubectl get pods\n"
                 "\n"
                 "# List all pods in ps output format with more information (such as node name)\n"
                 "kubectl get pods -o wide\n"
                 "\n"
                 "# List a single replication controller with specified NAME in ps output format\n"
                 "kubectl get replicationcontroller web\n"
                 "\n"
                 "# List deployments in JSON output format, in the \"v1\" version of the \"apps\" API group\n"
                 "kubectl get deployments.v1.apps -o json\n"
                 "\n"
                 "# List a single pod in JSON output format\n"
                 "kubectl get -o json pod web-pod-13je7\n"
                 "\n"
                 "# List a pod identified by type and name specified in \"pod.yaml\" in JSON output format\n"
                 "kubectl get -f pod.yaml -o json\n"
                 "\n"
                 "# List resources from a directory with kustomization.yaml - e.g. dir/kustomization.yaml\n"
                 "kubectl get -k dir/\n"
                 "\n"
                 "# Return only the phase value of the specified pod\n"
                 "kubectl get -o template pod/web-pod-13je7 --template={{.status.phase}}\n"
                 "\n"
                 "# List resource information in custom columns\n"
                 "kubectl get pod test-pod -o "
                 "custom-columns=CONTAINER:.spec.containers[0].name,IMAGE:.spec.containers[0].image\n"
                 "\n"
                 "# List all replication controllers and services together in ps output format\n"
                 "kubectl get rc,services\n"
                 "\n"
                 "# List one or more resources by their type and names\n"
                 "kubectl get rc/web service/frontend pods/web-pod-13je7\n"
                 "\n"
                 "# List the 'status' subresource for a single pod\n"
                 "kubectl get pod web-pod-13je7 --subresource status\n"
                 "\n"
                 "# List all deployments in namespace 'backend'\n"
                 "kubectl get deployments.apps --namespace backend\n"
                 "\n"
                 "# List all pods existing in all namespaces\n"
                 "kubectl get pods --all-namespaces"),
        run="cmd.get:run",
        flags=(
            _ALL_NAMESPACES,
            _ALLOW_MISSING_TEMPLATE_KEYS,
            _CHUNK_SIZE,
            _FIELD_SELECTOR,
            _FILENAME,
            _b("ignore-not-found", "If the requested object does not exist the command will return exit code 0."),
            _KUSTOMIZE,
            _l("label-columns",
               ("Accepts a comma separated list of labels that are going to be presented as columns. Names are "
                "case-sensitive. You can also use multiple flag options like -L label1 -L label2..."),
               [],
               "L"),
            _NO_HEADERS,
            _s("output",
               ("Output format. One of: (json, yaml, name, go-template, go-template-file, template, "
                "templatefile, jsonpath, jsonpath-as-json, jsonpath-file, custom-columns, custom-columns-file, "
                "wide). See custom columns [https://kubernetes.io/docs/reference/kubectl/#custom-columns], "
                "golang template [http://golang.org/pkg/text/template/#pkg-overview] and jsonpath template "
                "[https://kubernetes.io/docs/reference/kubectl/jsonpath/]."),
               "",
               "o"),
            _b("output-watch-events",
               ("Output watch event objects when --watch or --watch-only is used. Existing objects are output "
                "as initial ADDED events.")),
            _s("raw", "Raw URI to request from the server.  Uses the transport specified by the kubeconfig file."),
            _RECURSIVE,
            _SELECTOR,
            _b("server-print",
               ("If true, have the server return the appropriate table output. Supports extension APIs and CRDs."),
               True),
            _b("show-kind", "If present, list the resource type for the requested object(s)."),
            _b("show-labels", "When printing, show all labels as the last column (default hide labels column)"),
            _SHOW_MANAGED_FIELDS,
            _s("sort-by",
               ("If non-empty, sort list types using this field specification.  The field specification is "
                "expressed as a JSONPath expression (e.g. '{.metadata.name}'). The field in the API resource "
                "specified by this JSONPath expression must be an integer or a string.")),
            _s("subresource",
               ("If specified, gets the subresource of the requested object. This flag is beta and may change "
                "in the future.")),
            _TEMPLATE,
            _b("watch", "After listing/getting the requested object, watch for changes.", False, "w"),
            _b("watch-only", "Watch for changes to the requested object(s), without listing/getting first."),
        ),
    )


def _edit() -> Command:
    return _command(
        "edit (RESOURCE/NAME | -f FILENAME)",
        "Edit a resource on the server",
        long=("Edit a resource from the default editor.\n"
              "\n"
              " The edit command allows you to directly edit any API resource you can retrieve via the "
              "command-line tools. It will open the editor defined by your KUBE_EDITOR, or EDITOR environment "
              "variables, or fall back to 'vi' for Linux or 'notepad' for Windows. When attempting to open the "
              "editor, it will first attempt to use the shell that has been defined in the 'SHELL' environment "
              "variable. If this is not defined, the default shell will be used, which is '/bin/bash' for Linux "
              "or 'cmd' for Windows.\n"
              "\n"
              " You can edit multiple objects, although changes are applied one at a time. The command accepts "
              "file names as well as command-line arguments, although the files you point to must be previously "
              "saved versions of resources.\n"
              "\n"
              " Editing is done with the API version used to fetch the resource. To edit using a specific API "
              "version, fully-qualify the resource, version, and group.\n"
              "\n"
              " The default format is YAML. To edit in JSON, specify \"-o json\".\n"
              "\n"
              " The flag --windows-line-endings can be used to force Windows line endings, otherwise the "
              "default for your operating system will be used.\n"
              "\n"
              " In the event an error occurs while updating, a temporary file will be created on disk that "
              "contains your unapplied changes. The most common error when updating a resource is another "
              "editor changing the resource on the server. When this occurs, you will have to apply your "
              "changes to the newer version of the resource, or update your temporary saved copy to include the "
              "latest resource version."),
        example=("# Edit the service named 'registry'\n"
                 "kubectl edit svc/registry\n"
                 "\n"
                 "# Use an alternative editor\n"
                 "KUBE_EDITOR=\"nano\" kubectl edit svc/registry\n"
                 "\n"
                 "# Edit the job 'myjob' in JSON using the v1 API format\n"
                 "kubectl edit job.v1.batch/myjob -o json\n"
                 "\n"
                 "# Edit the deployment 'mydeployment' in YAML and save the modified config in its annotation\n"
                 "kubectl edit deployment/mydeployment -o yaml --save-config\n"
                 "\n"
                 "# Edit the 'status' subresource for the 'mydeployment' deployment\n"
                 "kubectl edit deployment mydeployment --subresource='status'"),
        run="cmd.edit:run",
        flags=(
            _RECORD,
            _ALLOW_MISSING_TEMPLATE_KEYS,
            _s("field-manager", "Name of the manager used to track field ownership.", "kubectl-edit"),
            _FILENAME_4,
            _KUSTOMIZE,
            _OUTPUT,
            _b("output-patch", "Output the patch if the resource is edited."),
            _RECURSIVE,
            _SAVE_CONFIG,
            _SHOW_MANAGED_FIELDS,
            _s("subresource",
               ("If specified, edit will operate on the subresource of the requested object. This flag is beta "
                "and may change in the future.")),
            _TEMPLATE,
            _VALIDATE,
            _WINDOWS_LINE_ENDINGS,
        ),
    )


def _delete() -> Command:
    return _command(
        "delete ([-f FILENAME] | [-k DIRECTORY] | TYPE [(NAME | -l label | --all)])",
        "Delete resources by file names, stdin, resources and names, or by resources and label selector",
        long=("Delete resources by file names, stdin, resources and names, or by resources and label selector.\n"
              "\n"
              " JSON and YAML formats are accepted. Only one type of argument may be specified: file names, "
              "resources and names, or resources and label selector.\n"
              "\n"
              " Some resources, such as pods, support graceful deletion. These resources define a default "
              "period before they are forcibly terminated (the grace period) but you may override that value "
              "with the --grace-period flag, or pass --now to set a grace-period of 1. Because these resources "
              "often represent entities in the cluster, deletion may not be acknowledged immediately. If the "
              "node hosting a pod is down or cannot reach the API server, termination may take significantly "
              "longer than the grace period. To force delete a resource, you must specify the --force flag. "
              "Note: only a subset of resources support graceful deletion. In absence of the support, the "
              "--grace-period flag is ignored.\n"
              "\n"
              " IMPORTANT: Force deleting pods does not wait for confirmation that the pod's processes have "
              "been terminated, which can leave those processes running until the node detects the deletion and "
              "completes graceful deletion. If your processes use shared storage or talk to a remote API and "
              "depend on the name of the pod to identify themselves, force deleting those pods may result in "
              "multiple processes running on different machines using the same identification which may lead to "
              "data corruption or inconsistency. Only force delete pods when you are sure the pod is "
              "terminated, or if your application can tolerate multiple copies of the same pod running at once. "
              "Also, if you force delete pods, the scheduler may place new pods on those nodes before the node "
              "has released those resources and causing those pods to be evicted immediately.\n"
              "\n"
              " Note that the delete command does NOT do resource version checks, so if someone submits an "
              "update to a resource right when you submit a delete, their update will be lost along with the "
              "rest of the resource.\n"
              "\n"
              " After a CustomResourceDefinition is deleted, invalidation of discovery cache may take up to 6 "
              "hours. If you don't want to wait, you might want to run \"kubectl api-resources\" to refresh the "
              "discovery cache."),
        example=("# Delete a pod using the type and name specified in pod.json\n"
                 "kubectl delete -f ./pod.json\n"
                 "\n"
                 "# Delete resources from a directory containing kustomization.yaml - e.g. dir/kustomization.yaml\n"
                 "kubectl delete -k dir\n"
                 "\n"
                 "# Delete resources from all files that end with '.json'\n"
                 "kubectl delete -f '*.json'\n"
                 "\n"
                 "# Delete a pod based on the type and name in the JSON passed into stdin\n"
                 "cat pod.json | kubectl delete -f -\n"
                 "\n"
                 "# Delete pods and services with same names \"baz\" and \"foo\"\n"
                 "kubectl delete pod,service baz foo\n"
                 "\n"
                 "# Delete pods and services with label name=myLabel\n"
                 "kubectl delete pods,services -l name=myLabel\n"
                 "\n"
                 "# Delete a pod with minimal delay\n"
                 "kubectl delete pod foo --now\n"
                 "\n"
                 "# Force delete a pod on a dead node\n"
                 "kubectl delete pod foo --force\n"
                 "\n"
                 "# Delete all pods\n"
                 "kubectl delete pods --all\n"
                 "\n"
                 "# Delete all pods only if the user confirms the deletion\n"
                 "kubectl delete pods --all --interactive"),
        run="cmd.delete:run",
        flags=(
            _b("all", "Delete all resources, in the namespace of the specified resource types."),
            _ALL_NAMESPACES,
            _CASCADE,
            _DRY_RUN,
            _FIELD_SELECTOR,
            _l("filename", "containing the resource to delete.", [], "f"),
            _FORCE,
            _GRACE_PERIOD,
            _b("ignore-not-found",
               ("Treat \"resource not found\" as a successful delete. Defaults to \"true\" when --all is specified.")),
            _b("interactive", "If true, delete resource only when user confirms.", False, "i"),
            _KUSTOMIZE_2,
            _b("now", "If true, resources are signaled for immediate shutdown (same as --grace-period=1)."),
            _s("output", "Output mode. Use \"-o name\" for shorter output (resource/name).", "", "o"),
            _s("raw", "Raw URI to DELETE to the server.  Uses the transport specified by the kubeconfig file."),
            _RECURSIVE,
            _SELECTOR,
            _TIMEOUT,
            _b("wait", "If true, wait for resources to be gone before returning. This waits for finalizers.", True),
        ),
    )


def _rollout() -> Command:
    return _command(
        "rollout SUBCOMMAND",
        "Manage the rollout of a resource",
        long=("Manage the rollout of one or many resources.\n"
              "        \n"
              " Valid resource types include:\n"
              "\n"
              "  *  deployments\n"
              "  *  daemonsets\n"
              "  *  statefulsets"),
        example=("# Rollback to the previous deployment\n"
                 "kubectl rollout undo deployment/abc\n"
                 "\n"
                 "# Check the rollout status of a daemonset\n"
                 "kubectl rollout status daemonset/foo\n"
                 "\n"
                 "# Restart a deployment\n"
                 "kubectl rollout restart deployment/abc\n"
                 "\n"
                 "# Restart deployments with the 'app=nginx' label\n"
                 "kubectl rollout restart deployment --selector=app=nginx"),
        run="help:group_stdout",
        commands=(_rollout_history(), _rollout_pause(), _rollout_restart(), _rollout_resume(),
                  _rollout_status(), _rollout_undo()),
    )


def _rollout_history() -> Command:
    return _command(
        "history (TYPE NAME | TYPE/NAME) [flags]",
        "View rollout history",
        long="View previous rollout revisions and configurations.",
        example=("# View the rollout history of a deployment\n"
                 "kubectl rollout history deployment/abc\n"
                 "\n"
                 "# View the details of daemonset revision 3\n"
                 "kubectl rollout history daemonset/abc --revision=3"),
        run="cmd.rollout:history",
        flags=(
            _ALLOW_MISSING_TEMPLATE_KEYS,
            _FILENAME,
            _KUSTOMIZE,
            _OUTPUT,
            _RECURSIVE,
            _i("revision", "See the details, including podTemplate of the revision specified"),
            _SELECTOR,
            _SHOW_MANAGED_FIELDS,
            _TEMPLATE,
        ),
    )


def _rollout_pause() -> Command:
    return _command(
        "pause RESOURCE",
        "Mark the provided resource as paused",
        long=("Mark the provided resource as paused.\n"
              "\n"
              " Paused resources will not be reconciled by a controller. Use \"kubectl rollout resume\" to resume "
              "a paused resource. Currently only deployments support being paused."),
        example=("# Mark the nginx deployment as paused\n"
                 "# Any current state of the deployment will continue its function; new updates\n"
                 "# to the deployment will not have an effect as long as the deployment is paused\n"
                 "kubectl rollout pause deployment/nginx"),
        run="cmd.rollout:pause",
        flags=(
            _ALLOW_MISSING_TEMPLATE_KEYS,
            _FIELD_MANAGER_3,
            _FILENAME,
            _KUSTOMIZE,
            _OUTPUT,
            _RECURSIVE,
            _SELECTOR,
            _SHOW_MANAGED_FIELDS,
            _TEMPLATE,
        ),
    )


def _rollout_restart() -> Command:
    return _command(
        "restart RESOURCE",
        "Restart a resource",
        long="Restart a resource.\n\n        Resource rollout will be restarted.",
        example=("# Restart all deployments in the test-namespace namespace\n"
                 "kubectl rollout restart deployment -n test-namespace\n"
                 "\n"
                 "# Restart a deployment\n"
                 "kubectl rollout restart deployment/nginx\n"
                 "\n"
                 "# Restart a daemon set\n"
                 "kubectl rollout restart daemonset/abc\n"
                 "\n"
                 "# Restart deployments with the app=nginx label\n"
                 "kubectl rollout restart deployment --selector=app=nginx"),
        run="cmd.rollout:restart",
        flags=(
            _ALLOW_MISSING_TEMPLATE_KEYS,
            _FIELD_MANAGER_3,
            _FILENAME,
            _KUSTOMIZE,
            _OUTPUT,
            _RECURSIVE,
            _SELECTOR,
            _SHOW_MANAGED_FIELDS,
            _TEMPLATE,
        ),
    )


def _rollout_resume() -> Command:
    return _command(
        "resume RESOURCE",
        "Resume a paused resource",
        long=("Resume a paused resource.\n"
              "\n"
              " Paused resources will not be reconciled by a controller. By resuming a resource, we allow it to "
              "be reconciled again. Currently only deployments support being resumed."),
        example="# Resume an already paused deployment\nkubectl rollout resume deployment/nginx",
        run="cmd.rollout:resume",
        flags=(
            _ALLOW_MISSING_TEMPLATE_KEYS,
            _FIELD_MANAGER_3,
            _FILENAME,
            _KUSTOMIZE,
            _OUTPUT,
            _RECURSIVE,
            _SELECTOR,
            _SHOW_MANAGED_FIELDS,
            _TEMPLATE,
        ),
    )


def _rollout_status() -> Command:
    return _command(
        "status (TYPE NAME | TYPE/NAME) [flags]",
        "Show the status of the rollout",
        long=("Show the status of the rollout.\n"
              "\n"
              " By default 'rollout status' will watch the status of the latest rollout until it's done. If you "
              "don't want to wait for the rollout to finish then you can use --watch=false. Note that if a new "
              "rollout starts in-between, then 'rollout status' will continue watching the latest revision. If "
              "you want to pin to a specific revision and abort if it is rolled over by another revision, use "
              "--revision=N where N is the revision you need to watch for."),
        example="# Watch the rollout status of a deployment\nkubectl rollout status deployment/nginx",
        run="cmd.rollout:status",
        flags=(
            _FILENAME,
            _KUSTOMIZE,
            _RECURSIVE,
            _i("revision", "Pin to a specific revision for showing its status. Defaults to 0 (last revision)."),
            _SELECTOR,
            _d("timeout",
               ("The length of time to wait before ending watch, zero means never. Any other values should "
                "contain a corresponding time unit (e.g. 1s, 2m, 3h).")),
            _b("watch", "Watch the status of the rollout until it's done.", True, "w"),
        ),
    )


def _rollout_undo() -> Command:
    return _command(
        "undo (TYPE NAME | TYPE/NAME) [flags]",
        "Undo a previous rollout",
        long="Roll back to a previous rollout.",
        example=("# Roll back to the previous deployment\n"
                 "kubectl rollout undo deployment/abc\n"
                 "\n"
                 "# Roll back to daemonset revision 3\n"
                 "kubectl rollout undo daemonset/abc --to-revision=3\n"
                 "\n"
                 "# Roll back to the previous deployment with dry-run\n"
                 "kubectl rollout undo --dry-run=server deployment/abc"),
        run="cmd.rollout:undo",
        flags=(
            _ALLOW_MISSING_TEMPLATE_KEYS,
            _DRY_RUN,
            _FILENAME,
            _KUSTOMIZE,
            _OUTPUT,
            _RECURSIVE,
            _SELECTOR,
            _SHOW_MANAGED_FIELDS,
            _TEMPLATE,
            _i("to-revision", "The revision to rollback to. Default to 0 (last revision)."),
        ),
    )


def _scale() -> Command:
    return _command(
        ("scale [--resource-version=version] [--current-replicas=count] --replicas=COUNT (-f FILENAME | TYPE NAME)"),
        "Set a new size for a deployment, replica set, or replication controller",
        long=("Set a new size for a deployment, replica set, replication controller, or stateful set.\n"
              "\n"
              " Scale also allows users to specify one or more preconditions for the scale action.\n"
              "\n"
              " If --current-replicas or --resource-version is specified, it is validated before the scale is "
              "attempted, and it is guaranteed that the precondition holds true when the scale is sent to the "
              "server."),
        example=("# Scale a replica set named 'foo' to 3\n"
                 "kubectl scale --replicas=3 rs/foo\n"
                 "\n"
                 "# Scale a resource identified by type and name specified in \"foo.yaml\" to 3\n"
                 "kubectl scale --replicas=3 -f foo.yaml\n"
                 "\n"
                 "# If the deployment named mysql's current size is 2, scale mysql to 3\n"
                 "kubectl scale --current-replicas=2 --replicas=3 deployment/mysql\n"
                 "\n"
                 "# Scale multiple replication controllers\n"
                 "kubectl scale --replicas=5 rc/example1 rc/example2 rc/example3\n"
                 "\n"
                 "# Scale stateful set named 'web' to 3\n"
                 "kubectl scale --replicas=3 statefulset/web"),
        run="cmd.scale:run",
        flags=(
            _RECORD,
            _ALL_2,
            _ALLOW_MISSING_TEMPLATE_KEYS,
            _i("current-replicas",
               ("Precondition for current size. Requires that the current size of the resource match this value "
                "in order to scale. -1 (default) for no condition."),
               -1),
            _DRY_RUN,
            _l("filename", "Filename, directory, or URL to files identifying the resource to set a new size", [], "f"),
            _KUSTOMIZE,
            _OUTPUT,
            _RECURSIVE,
            _i("replicas", "The new desired number of replicas. Required."),
            _s("resource-version",
               ("Precondition for resource version. Requires that the current resource version match this value "
                "in order to scale.")),
            _SELECTOR,
            _SHOW_MANAGED_FIELDS,
            _TEMPLATE,
            _d("timeout",
               ("The length of time to wait before giving up on a scale operation, zero means don't wait. Any "
                "other values should contain a corresponding time unit (e.g. 1s, 2m, 3h).")),
        ),
    )


def _autoscale() -> Command:
    return _command(
        "autoscale (-f FILENAME | TYPE NAME | TYPE/NAME) [--min=MINPODS] --max=MAXPODS [--cpu-percent=CPU]",
        "Auto-scale a deployment, replica set, stateful set, or replication controller",
        long=("Creates an autoscaler that automatically chooses and sets the number of pods that run in a "
              "Kubernetes cluster.\n"
              "\n"
              " Looks up a deployment, replica set, stateful set, or replication controller by name and creates "
              "an autoscaler that uses the given resource as a reference. An autoscaler can automatically "
              "increase or decrease number of pods deployed within the system as needed."),
        example=("# Auto scale a deployment \"foo\", with the number of pods between 2 and 10, no target CPU "
                 "utilization specified so a default autoscaling policy will be used\n"
                 "kubectl autoscale deployment foo --min=2 --max=10\n"
                 "\n"
                 "# Auto scale a replication controller \"foo\", with the number of pods between 1 and 5, target "
                 "CPU utilization at 80%\n"
                 "kubectl autoscale rc foo --max=5 --cpu-percent=80"),
        run="cmd.autoscale:run",
        flags=(
            _RECORD,
            _ALLOW_MISSING_TEMPLATE_KEYS,
            _i32("cpu-percent",
                 ("The target average CPU utilization (represented as a percent of requested CPU) over all the "
                  "pods. If it's not specified or negative, a default autoscaling policy will be used."),
                 -1),
            _DRY_RUN,
            _s("field-manager", "Name of the manager used to track field ownership.", "kubectl-autoscale"),
            _l("filename", "Filename, directory, or URL to files identifying the resource to autoscale.", [], "f"),
            _KUSTOMIZE,
            _i32("max", "The upper limit for the number of pods that can be set by the autoscaler. Required.", -1),
            _i32("min",
                 ("The lower limit for the number of pods that can be set by the autoscaler. If it's not "
                  "specified or negative, the server will apply a default value."),
                 -1),
            _s("name",
               ("The name for the newly created object. If not specified, the name of the input resource will "
                "be used.")),
            _OUTPUT,
            _RECURSIVE,
            _SAVE_CONFIG,
            _SHOW_MANAGED_FIELDS,
            _TEMPLATE,
        ),
    )


def _certificate() -> Command:
    return _command(
        "certificate SUBCOMMAND",
        "Modify certificate resources",
        long="Modify certificate resources.",
        run=None,
        commands=(_certificate_approve(), _certificate_deny()),
    )


def _certificate_approve() -> Command:
    return _command(
        "approve (-f FILENAME | NAME)",
        "Approve a certificate signing request",
        long=("Approve a certificate signing request.\n"
              "\n"
              " kubectl certificate approve allows a cluster admin to approve a certificate signing request "
              "(CSR). This action tells a certificate signing controller to issue a certificate to the "
              "requester with the attributes requested in the CSR.\n"
              "\n"
              " SECURITY NOTICE: Depending on the requested attributes, the issued certificate can potentially "
              "grant a requester access to cluster resources or to authenticate as a requested identity. Before "
              "approving a CSR, ensure you understand what the signed certificate can do."),
        example="# Approve CSR 'csr-sqgzp'\nkubectl certificate approve csr-sqgzp",
        run="cmd.certificate:approve",
        flags=(
            _ALLOW_MISSING_TEMPLATE_KEYS,
            _FILENAME_2,
            _b("force", "Update the CSR even if it is already approved."),
            _KUSTOMIZE,
            _OUTPUT,
            _RECURSIVE,
            _SHOW_MANAGED_FIELDS,
            _TEMPLATE,
        ),
    )


def _certificate_deny() -> Command:
    return _command(
        "deny (-f FILENAME | NAME)",
        "Deny a certificate signing request",
        long=("Deny a certificate signing request.\n"
              "\n"
              " kubectl certificate deny allows a cluster admin to deny a certificate signing request (CSR). "
              "This action tells a certificate signing controller to not to issue a certificate to the requester."),
        example="# Deny CSR 'csr-sqgzp'\nkubectl certificate deny csr-sqgzp",
        run="cmd.certificate:deny",
        flags=(
            _ALLOW_MISSING_TEMPLATE_KEYS,
            _FILENAME_2,
            _b("force", "Update the CSR even if it is already denied."),
            _KUSTOMIZE,
            _OUTPUT,
            _RECURSIVE,
            _SHOW_MANAGED_FIELDS,
            _TEMPLATE,
        ),
    )


def _cluster_info() -> Command:
    return _command(
        "cluster-info [flags]",
        "Display cluster information",
        long=("Display addresses of the control plane and services with label "
              "kubernetes.io/cluster-service=true. To further debug and diagnose cluster problems, use 'kubectl "
              "cluster-info dump'."),
        example="# Print the address of the control plane and cluster services\nkubectl cluster-info",
        run="cmd.cluster_info:run",
        commands=(_cluster_info_dump(),),
    )


def _cluster_info_dump() -> Command:
    return _command(
        "dump [flags]",
        "Dump relevant information for debugging and diagnosis",
        long=("Dump cluster information out suitable for debugging and diagnosing cluster problems.  By "
              "default, dumps everything to stdout. You can optionally specify a directory with "
              "--output-directory.  If you specify a directory, Kubernetes will build a set of files in that "
              "directory.  By default, only dumps things in the current namespace and 'kube-system' namespace, "
              "but you can switch to a different namespace with the --namespaces flag, or specify "
              "--all-namespaces to dump all namespaces.\n"
              "\n"
              " The command also dumps the logs of all of the pods in the cluster; these logs are dumped into "
              "different directories based on namespace and pod name."),
        example=("# Dump current cluster state to stdout\n"
                 "kubectl cluster-info dump\n"
                 "\n"
                 "# Dump current cluster state to /path/to/cluster-state\n"
                 "kubectl cluster-info dump --output-directory=/path/to/cluster-state\n"
                 "\n"
                 "# Dump all namespaces to stdout\n"
                 "kubectl cluster-info dump --all-namespaces\n"
                 "\n"
                 "# Dump a set of namespaces to /path/to/cluster-state\n"
                 "kubectl cluster-info dump --namespaces default,kube-system "
                 "--output-directory=/path/to/cluster-state"),
        run="cmd.cluster_info:dump",
        flags=(
            _b("all-namespaces", "If true, dump all namespaces.  If true, --namespaces is ignored.", False, "A"),
            _ALLOW_MISSING_TEMPLATE_KEYS,
            _l("namespaces", "A comma separated list of namespaces to dump."),
            _s("output",
               ("Output format. One of: (json, yaml, name, go-template, go-template-file, template, "
                "templatefile, jsonpath, jsonpath-as-json, jsonpath-file)."),
               "json",
               "o"),
            _s("output-directory",
               ("Where to output the files.  If empty or '-' uses stdout, otherwise creates a directory "
                "hierarchy in that directory")),
            _POD_RUNNING_TIMEOUT_2,
            _SHOW_MANAGED_FIELDS,
            _TEMPLATE,
        ),
    )


def _top() -> Command:
    return _command(
        "top [flags]",
        "Display resource (CPU/memory) usage",
        long=("Display resource (CPU/memory) usage.\n"
              "\n"
              " The top command allows you to see the resource consumption for nodes or pods.\n"
              "\n"
              " This command requires Metrics Server to be correctly configured and working on the server."),
        run="help:group",
        commands=(_top_node(), _top_pod()),
    )


def _top_node() -> Command:
    return _command(
        "node [NAME | -l label]",
        "Display resource (CPU/memory) usage of nodes",
        long=("Display resource (CPU/memory) usage of nodes.\n"
              "\n"
              " The top-node command allows you to see the resource consumption of nodes."),
        example=("# Show metrics for all nodes\n"
                 "kubectl top node\n"
                 "\n"
                 "# Show metrics for a given node\n"
                 "kubectl top node NODE_NAME"),
        aliases=('nodes', 'no'),
        run="cmd.top:node",
        flags=(
            _b("no-headers", "If present, print output without headers"),
            _SELECTOR,
            _b("show-capacity",
               "Print node resources based on Capacity instead of Allocatable(default) of the nodes."),
            _s("sort-by",
               ("If non-empty, sort nodes list using specified field. The field can be either 'cpu' or 'memory'.")),
            _USE_PROTOCOL_BUFFERS,
        ),
    )


def _top_pod() -> Command:
    return _command(
        "pod [NAME | -l label]",
        "Display resource (CPU/memory) usage of pods",
        long=("Display resource (CPU/memory) usage of pods.\n"
              "\n"
              " The 'top pod' command allows you to see the resource consumption of pods.\n"
              "\n"
              " Due to the metrics pipeline delay, they may be unavailable for a few minutes since pod creation."),
        example=("# Show metrics for all pods in the default namespace\n"
                 "kubectl top pod\n"
                 "\n"
                 "# Show metrics for all pods in the given namespace\n"
                 "kubectl top pod --namespace=NAMESPACE\n"
                 "\n"
                 "# Show metrics for a given pod and its containers\n"
                 "kubectl top pod POD_NAME --containers\n"
                 "\n"
                 "# Show metrics for the pods defined by label name=myLabel\n"
                 "kubectl top pod -l name=myLabel"),
        aliases=('pods', 'po'),
        run="cmd.top:pod",
        flags=(
            _ALL_NAMESPACES,
            _b("containers", "If present, print usage of containers within a pod."),
            _FIELD_SELECTOR,
            _b("no-headers", "If present, print output without headers."),
            _SELECTOR,
            _s("sort-by",
               ("If non-empty, sort pods list using specified field. The field can be either 'cpu' or 'memory'.")),
            _b("sum", "Print the sum of the resource usage"),
            _USE_PROTOCOL_BUFFERS,
        ),
    )


def _cordon() -> Command:
    return _command(
        "cordon NODE",
        "Mark node as unschedulable",
        long="Mark node as unschedulable.",
        example="# Mark node \"foo\" as unschedulable\nkubectl cordon foo",
        run="cmd.cordon:run",
        flags=(
            _DRY_RUN,
            _SELECTOR,
        ),
    )


def _uncordon() -> Command:
    return _command(
        "uncordon NODE",
        "Mark node as schedulable",
        long="Mark node as schedulable.",
        example="# Mark node \"foo\" as schedulable\nkubectl uncordon foo",
        run="cmd.uncordon:run",
        flags=(
            _DRY_RUN,
            _SELECTOR,
        ),
    )


def _drain() -> Command:
    return _command(
        "drain NODE",
        "Drain node in preparation for maintenance",
        long=("Drain node in preparation for maintenance.\n"
              "\n"
              " The given node will be marked unschedulable to prevent new pods from arriving. 'drain' evicts "
              "the pods if the API server supports "
              "https://kubernetes.io/docs/concepts/workloads/pods/disruptions/ eviction "
              "https://kubernetes.io/docs/concepts/workloads/pods/disruptions/ . Otherwise, it will use normal "
              "DELETE to delete the pods. The 'drain' evicts or deletes all pods except mirror pods (which "
              "cannot be deleted through the API server).  If there are daemon set-managed pods, drain will not "
              "proceed without --ignore-daemonsets, and regardless it will not delete any daemon set-managed "
              "pods, because those pods would be immediately replaced by the daemon set controller, which "
              "ignores unschedulable markings.  If there are any pods that are neither mirror pods nor managed "
              "by a replication controller, replica set, daemon set, stateful set, or job, then drain will not "
              "delete any pods unless you use --force.  --force will also allow deletion to proceed if the "
              "managing resource of one or more pods is missing.\n"
              "\n"
              " 'drain' waits for graceful termination. You should not operate on the machine until the command "
              "completes.\n"
              "\n"
              " When you are ready to put the node back into service, use kubectl uncordon, which will make the "
              "node schedulable again.\n"
              "\n"
              "https://kubernetes.io/images/docs/kubectl_drain.svg "
              "Workflowhttps://kubernetes.io/images/docs/kubectl_drain.svg"),
        example=("# Drain node \"foo\", even if there are pods not managed by a replication controller, replica "
                 "set, job, daemon set, or stateful set on it\n"
                 "kubectl drain foo --force\n"
                 "\n"
                 "# As above, but abort if there are pods not managed by a replication controller, replica set, "
                 "job, daemon set, or stateful set, and use a grace period of 15 minutes\n"
                 "kubectl drain foo --grace-period=900"),
        run="cmd.drain:run",
        flags=(
            _CHUNK_SIZE,
            _b("delete-emptydir-data",
               ("Continue even if there are pods using emptyDir (local data that will be deleted when the node "
                "is drained).")),
            _b("disable-eviction",
               ("Force drain to use delete, even if eviction is supported. This will bypass checking "
                "PodDisruptionBudgets, use with caution.")),
            _DRY_RUN,
            _b("force", "Continue even if there are pods that do not declare a controller."),
            _i("grace-period",
               ("Period of time in seconds given to each pod to terminate gracefully. If negative, the default "
                "value specified in the pod will be used."),
               -1),
            _b("ignore-daemonsets", "Ignore DaemonSet-managed pods."),
            _s("pod-selector", "Label selector to filter pods on the node"),
            _SELECTOR,
            _i("skip-wait-for-delete-timeout",
               ("If pod DeletionTimestamp older than N seconds, skip waiting for the pod.  Seconds must be "
                "greater than 0 to skip.")),
            _d("timeout", "The length of time to wait before giving up, zero means infinite"),
        ),
    )


def _taint() -> Command:
    return _command(
        "taint NODE NAME KEY_1=VAL_1:TAINT_EFFECT_1 ... KEY_N=VAL_N:TAINT_EFFECT_N",
        "Update the taints on one or more nodes",
        long=("Update the taints on one or more nodes.\n"
              "\n"
              "  *  A taint consists of a key, value, and effect. As an argument here, it is expressed as "
              "key=value:effect.\n"
              "  *  The key must begin with a letter or number, and may contain letters, numbers, hyphens, "
              "dots, and underscores, up to 253 characters.\n"
              "  *  Optionally, the key can begin with a DNS subdomain prefix and a single '/', like "
              "example.com/my-app.\n"
              "  *  The value is optional. If given, it must begin with a letter or number, and may contain "
              "letters, numbers, hyphens, dots, and underscores, up to 63 characters.\n"
              "  *  The effect must be NoSchedule, PreferNoSchedule or NoExecute.\n"
              "  *  Currently taint can only apply to node."),
        example=("# Update node 'foo' with a taint with key 'dedicated' and value 'special-user' and effect "
                 "'NoSchedule'\n"
                 "# If a taint with that key and effect already exists, its value is replaced as specified\n"
                 "kubectl taint nodes foo dedicated=special-user:NoSchedule\n"
                 "\n"
                 "# Remove from node 'foo' the taint with key 'dedicated' and effect 'NoSchedule' if one exists\n"
                 "kubectl taint nodes foo dedicated:NoSchedule-\n"
                 "\n"
                 "# Remove from node 'foo' all the taints with key 'dedicated'\n"
                 "kubectl taint nodes foo dedicated-\n"
                 "\n"
                 "# Add a taint with key 'dedicated' on nodes having label myLabel=X\n"
                 "kubectl taint node -l myLabel=X  dedicated=foo:PreferNoSchedule\n"
                 "\n"
                 "# Add to node 'foo' a taint with key 'bar' and no value\n"
                 "kubectl taint nodes foo bar:NoSchedule"),
        run="cmd.taint:run",
        flags=(
            _b("all", "Select all nodes in the cluster"),
            _ALLOW_MISSING_TEMPLATE_KEYS,
            _DRY_RUN,
            _s("field-manager", "Name of the manager used to track field ownership.", "kubectl-taint"),
            _OUTPUT,
            _b("overwrite",
               ("If true, allow taints to be overwritten, otherwise reject taint updates that overwrite "
                "existing taints.")),
            _SELECTOR,
            _SHOW_MANAGED_FIELDS,
            _TEMPLATE,
            _VALIDATE,
        ),
    )


def _describe() -> Command:
    return _command(
        "describe (-f FILENAME | TYPE [NAME_PREFIX | -l label] | TYPE/NAME)",
        "Show details of a specific resource or group of resources",
        long=("Show details of a specific resource or group of resources.\n"
              "\n"
              " Print a detailed description of the selected resources, including related resources such as "
              "events or controllers. You may select a single object by name, all objects of that type, provide "
              "a name prefix, or label selector. For example:\n"
              "\n"
              "        $ kubectl describe TYPE NAME_PREFIX\n"
              "        \n"
              " will first check for an exact match on TYPE and NAME_PREFIX. If no such resource exists, it "
              "will output details for every resource that has a name prefixed with NAME_PREFIX.\n"
              "\n"
              "Use \"kubectl api-resources\" for a complete list of supported resources."),
        example=("# Describe a node\n"
                 "kubectl describe nodes kubernetes-node-emt8.c.myproject.internal\n"
                 "\n"
                 "# Describe a pod\n"
                 "kubectl describe pods/nginx\n"
                 "\n"
                 "# Describe a pod identified by type and name in \"pod.json\"\n"
                 "kubectl describe -f pod.json\n"
                 "\n"
                 "# Describe all pods\n"
                 "kubectl describe pods\n"
                 "\n"
                 "# Describe pods by label name=myLabel\n"
                 "kubectl describe pods -l name=myLabel\n"
                 "\n"
                 "# Describe all pods managed by the 'frontend' replication controller\n"
                 "# (rc-created pods get the name of the rc as a prefix in the pod name)\n"
                 "kubectl describe pods frontend"),
        run="cmd.describe:run",
        flags=(
            _ALL_NAMESPACES,
            _CHUNK_SIZE,
            _l("filename", "Filename, directory, or URL to files containing the resource to describe", [], "f"),
            _KUSTOMIZE,
            _RECURSIVE,
            _SELECTOR,
            _b("show-events", "If true, display events related to the described object.", True),
        ),
    )


def _logs() -> Command:
    return _command(
        "logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]",
        "Print the logs for a container in a pod",
        long=("Print the logs for a container in a pod or specified resource. If the pod has only one "
              "container, the container name is optional."),
        example=("# Return snapshot logs from pod nginx with only one container\n"
                 "kubectl logs nginx\n"
                 "\n"
                 "# Return snapshot logs from pod nginx, prefixing each line with the source pod and container "
                 "name\n"
                 "kubectl logs nginx --prefix\n"
                 "\n"
                 "# Return snapshot logs from pod nginx, limiting output to 500 bytes\n"
                 "kubectl logs nginx --limit-bytes=500\n"
                 "\n"
                 "# Return snapshot logs from pod nginx, waiting up to 20 seconds for it to start running.\n"
                 "kubectl logs nginx --pod-running-timeout=20s\n"
                 "\n"
                 "# Return snapshot logs from pod nginx with multi containers\n"
                 "kubectl logs nginx --all-containers=true\n"
                 "\n"
                 "# Return snapshot logs from all pods in the deployment nginx\n"
                 "kubectl logs deployment/nginx --all-pods=true\n"
                 "\n"
                 "# Return snapshot logs from all containers in pods defined by label app=nginx\n"
                 "kubectl logs -l app=nginx --all-containers=true\n"
                 "\n"
                 "# Return snapshot logs from all pods defined by label app=nginx, limiting concurrent log "
                 "requests to 10 pods\n"
                 "kubectl logs -l app=nginx --max-log-requests=10\n"
                 "\n"
                 "# Return snapshot of previous terminated ruby container logs from pod web-1\n"
                 "kubectl logs -p -c ruby web-1\n"
                 "\n"
                 "# Begin streaming the logs from pod nginx, continuing even if errors occur\n"
                 "kubectl logs nginx -f --ignore-errors=true\n"
                 "\n"
                 "# Begin streaming the logs of the ruby container in pod web-1\n"
                 "kubectl logs -f -c ruby web-1\n"
                 "\n"
                 "# Begin streaming the logs from all containers in pods defined by label app=nginx\n"
                 "kubectl logs -f -l app=nginx --all-containers=true\n"
                 "\n"
                 "# Display only the most recent 20 lines of output in pod nginx\n"
                 "kubectl logs --tail=20 nginx\n"
                 "\n"
                 "# Show all logs from pod nginx written in the last hour\n"
                 "kubectl logs --since=1h nginx\n"
                 "\n"
                 "# Show all logs with timestamps from pod nginx starting from August 30, 2024, at 06:00:00 UTC\n"
                 "kubectl logs nginx --since-time=2024-08-30T06:00:00Z --timestamps=true\n"
                 "\n"
                 "# Show logs from a kubelet with an expired serving certificate\n"
                 "kubectl logs --insecure-skip-tls-verify-backend nginx\n"
                 "\n"
                 "# Return snapshot logs from first container of a job named hello\n"
                 "kubectl logs job/hello\n"
                 "\n"
                 "# Return snapshot logs from container nginx-1 of a deployment named nginx\n"
                 "kubectl logs deployment/nginx -c nginx-1"),
        run="cmd.logs:run",
        flags=(
            _b("all-containers", "Get all containers' logs in the pod(s)."),
            _b("all-pods", "Get logs from all pod(s). Sets prefix to true."),
            _s("container", "Print the logs of this container", "", "c"),
            _b("follow", "Specify if the logs should be streamed.", False, "f"),
            _b("ignore-errors", "If watching / following pod logs, allow for any errors that occur to be non-fatal"),
            _b("insecure-skip-tls-verify-backend",
               ("Skip verifying the identity of the kubelet that logs are requested from.  In theory, an "
                "attacker could provide invalid log content back. You might want to use this if your kubelet "
                "serving certificates have expired.")),
            _i("limit-bytes", "Maximum bytes of logs to return. Defaults to no limit."),
            _i("max-log-requests",
               "Specify maximum number of concurrent logs to follow when using by a selector. Defaults to 5.",
               5),
            _POD_RUNNING_TIMEOUT_2,
            _b("prefix", "Prefix each log line with the log source (pod name and container name)"),
            _b("previous",
               "If true, print the logs for the previous instance of the container in a pod if it exists.",
               False,
               "p"),
            _SELECTOR,
            _d("since",
               ("Only return logs newer than a relative duration like 5s, 2m, or 3h. Defaults to all logs. Only "
                "one of since-time / since may be used.")),
            _s("since-time",
               ("Only return logs after a specific date (RFC3339). Defaults to all logs. Only one of since-time "
                "/ since may be used.")),
            _i("tail",
               ("Lines of recent log file to display. Defaults to -1 with no selector, showing all log lines "
                "otherwise 10, if a selector is provided."),
               -1),
            _b("timestamps", "Include timestamps on each line in the log output"),
        ),
    )


def _attach() -> Command:
    return _command(
        "attach (POD | TYPE/NAME) -c CONTAINER",
        "Attach to a running container",
        long="Attach to a process that is already running inside an existing container.",
        example=("# Get output from running pod mypod; use the 'kubectl.kubernetes.io/default-container' "
                 "annotation\n"
                 "# for selecting the container to be attached or the first container in the pod will be chosen\n"
                 "kubectl attach mypod\n"
                 "\n"
                 "# Get output from ruby-container from pod mypod\n"
                 "kubectl attach mypod -c ruby-container\n"
                 "\n"
                 "# Switch to raw terminal mode; sends stdin to 'bash' in ruby-container from pod mypod\n"
                 "# and sends stdout/stderr from 'bash' back to the client\n"
                 "kubectl attach mypod -c ruby-container -i -t\n"
                 "\n"
                 "# Get output from the first pod of a replica set named nginx\n"
                 "kubectl attach rs/nginx"),
        run="cmd.attach:run",
        flags=(
            _CONTAINER,
            _POD_RUNNING_TIMEOUT,
            _QUIET,
            _STDIN,
            _TTY,
        ),
    )


def _exec() -> Command:
    return _command(
        "exec (POD | TYPE/NAME) [-c CONTAINER] [flags] -- COMMAND [args...]",
        "Execute a command in a container",
        long="Execute a command in a container.",
        example=("# Get output from running the 'date' command from pod mypod, using the first container by "
                 "default\n"
                 "kubectl exec mypod -- date\n"
                 "\n"
                 "# Get output from running the 'date' command in ruby-container from pod mypod\n"
                 "kubectl exec mypod -c ruby-container -- date\n"
                 "\n"
                 "# Switch to raw terminal mode; sends stdin to 'bash' in ruby-container from pod mypod\n"
                 "# and sends stdout/stderr from 'bash' back to the client\n"
                 "kubectl exec mypod -c ruby-container -i -t -- bash -il\n"
                 "\n"
                 "# List contents of /usr from the first container of pod mypod and sort by modification time\n"
                 "# If the command you want to execute in the pod has any flags in common (e.g. -i),\n"
                 "# you must use two dashes (--) to separate your command's flags/arguments\n"
                 "# Also note, do not surround your command and its flags/arguments with quotes\n"
                 "# unless that is how you would execute it normally (i.e., do ls -t /usr, not \"ls -t /usr\")\n"
                 "kubectl exec mypod -i -t -- ls -t /usr\n"
                 "\n"
                 "# Get output from running 'date' command from the first pod of the deployment mydeployment, "
                 "using the first container by default\n"
                 "kubectl exec deploy/mydeployment -- date\n"
                 "\n"
                 "# Get output from running 'date' command from the first pod of the service myservice, using "
                 "the first container by default\n"
                 "kubectl exec svc/myservice -- date"),
        run="cmd.exec:run",
        flags=(
            _CONTAINER,
            _l("filename", "to use to exec into the resource", [], "f"),
            _POD_RUNNING_TIMEOUT,
            _QUIET,
            _STDIN,
            _TTY,
        ),
    )


def _port_forward() -> Command:
    return _command(
        "port-forward TYPE/NAME [options] [LOCAL_PORT:]REMOTE_PORT [...[LOCAL_PORT_N:]REMOTE_PORT_N]",
        "Forward one or more local ports to a pod",
        long=("Forward one or more local ports to a pod.\n"
              "\n"
              " Use resource type/name such as deployment/mydeployment to select a pod. Resource type defaults "
              "to 'pod' if omitted.\n"
              "\n"
              " If there are multiple pods matching the criteria, a pod will be selected automatically. The "
              "forwarding session ends when the selected pod terminates, and a rerun of the command is needed "
              "to resume forwarding."),
        example=("# Listen on ports 5000 and 6000 locally, forwarding data to/from ports 5000 and 6000 in the pod\n"
                 "kubectl port-forward pod/mypod 5000 6000\n"
                 "\n"
                 "# Listen on ports 5000 and 6000 locally, forwarding data to/from ports 5000 and 6000 in a pod "
                 "selected by the deployment\n"
                 "kubectl port-forward deployment/mydeployment 5000 6000\n"
                 "\n"
                 "# Listen on port 8443 locally, forwarding to the targetPort of the service's port named "
                 "\"https\" in a pod selected by the service\n"
                 "kubectl port-forward service/myservice 8443:https\n"
                 "\n"
                 "# Listen on port 8888 locally, forwarding to 5000 in the pod\n"
                 "kubectl port-forward pod/mypod 8888:5000\n"
                 "\n"
                 "# Listen on port 8888 on all addresses, forwarding to 5000 in the pod\n"
                 "kubectl port-forward --address 0.0.0.0 pod/mypod 8888:5000\n"
                 "\n"
                 "# Listen on port 8888 on localhost and selected IP, forwarding to 5000 in the pod\n"
                 "kubectl port-forward --address localhost,10.19.21.23 pod/mypod 8888:5000\n"
                 "\n"
                 "# Listen on a random port locally, forwarding to 5000 in the pod\n"
                 "kubectl port-forward pod/mypod :5000"),
        run="cmd.port_forward:run",
        flags=(
            _l("address",
               ("Addresses to listen on (comma separated). Only accepts IP addresses or localhost as a value. "
                "When localhost is supplied, kubectl will try to bind on both 127.0.0.1 and ::1 and will fail "
                "if neither of these addresses are available to bind."),
               ['localhost']),
            _POD_RUNNING_TIMEOUT,
        ),
    )


def _proxy() -> Command:
    return _command(
        "proxy [--port=PORT] [--www=static-dir] [--www-prefix=prefix] [--api-prefix=prefix]",
        "Run a proxy to the Kubernetes API server",
        long=("Creates a proxy server or application-level gateway between localhost and the Kubernetes API "
              "server. It also allows serving static content over specified HTTP path. All incoming data enters "
              "through one port and gets forwarded to the remote Kubernetes API server port, except for the "
              "path matching the static content path."),
        example=("# To proxy all of the Kubernetes API and nothing else\n"
                 "kubectl proxy --api-prefix=/\n"
                 "\n"
                 "# To proxy only part of the Kubernetes API and also some static files\n"
                 "# You can get pods info with 'curl localhost:8001/api/v1/pods'\n"
                 "kubectl proxy --www=/my/files --www-prefix=/static/ --api-prefix=/api/\n"
                 "\n"
                 "# To proxy the entire Kubernetes API at a different root\n"
                 "# You can get pods info with 'curl localhost:8001/custom/api/v1/pods'\n"
                 "kubectl proxy --api-prefix=/custom/\n"
                 "\n"
                 "# Run a proxy to the Kubernetes API server on port 8011, serving static content from "
                 "./local/www/\n"
                 "kubectl proxy --port=8011 --www=./local/www/\n"
                 "\n"
                 "# Run a proxy to the Kubernetes API server on an arbitrary local port\n"
                 "# The chosen port for the server will be output to stdout\n"
                 "kubectl proxy --port=0\n"
                 "\n"
                 "# Run a proxy to the Kubernetes API server, changing the API prefix to k8s-api\n"
                 "# This makes e.g. the pods API available at localhost:8001/k8s-api/v1/pods/\n"
                 "kubectl proxy --api-prefix=/k8s-api"),
        run="cmd.proxy:run",
        flags=(
            _s("accept-hosts",
               "Regular expression for hosts that the proxy should accept.",
               "^localhost$,^127\\.0\\.0\\.1$,^\\[::1\\]$"),
            _s("accept-paths", "Regular expression for paths that the proxy should accept.", "^.*"),
            _s("address", "The IP address on which to serve on.", "127.0.0.1"),
            _s("api-prefix", "Prefix to serve the proxied API under.", "/"),
            _b("append-server-path",
               "If true, enables automatic path appending of the kube context server path to each request."),
            _b("disable-filter",
               ("If true, disable request filtering in the proxy. This is dangerous, and can leave you "
                "vulnerable to XSRF attacks, when used with an accessible port.")),
            _d("keepalive",
               ("keepalive specifies the keep-alive period for an active network connection. Set to 0 to "
                "disable keepalive.")),
            _i("port", "The port on which to run the proxy. Set to 0 to pick a random port.", 8001, "p"),
            _s("reject-methods",
               ("Regular expression for HTTP methods that the proxy should reject (example "
                "--reject-methods='POST,PUT,PATCH'). "),
               "^$"),
            _s("reject-paths",
               ("Regular expression for paths that the proxy should reject. Paths specified here will be "
                "rejected even accepted by --accept-paths."),
               "^/api/.*/pods/.*/exec,^/api/.*/pods/.*/attach"),
            _s("unix-socket", "Unix socket on which to run the proxy.", "", "u"),
            _s("www", "Also serve static files from the given directory under the specified prefix.", "", "w"),
            _s("www-prefix",
               "Prefix to serve static files under, if static file directory is specified.",
               "/static/",
               "P"),
        ),
    )


def _cp() -> Command:
    return _command(
        "cp <file-spec-src> <file-spec-dest>",
        "Copy files and directories to and from containers",
        long="Copy files and directories to and from containers.",
        example=("# !!!Important Note!!!\n"
                 "# Requires that the 'tar' binary is present in your container\n"
                 "# image.  If 'tar' is not present, 'kubectl cp' will fail.\n"
                 "#\n"
                 "# For advanced use cases, such as symlinks, wildcard expansion or\n"
                 "# file mode preservation, consider using 'kubectl exec'.\n"
                 "\n"
                 "# Copy /tmp/foo local file to /tmp/bar in a remote pod in namespace <some-namespace>\n"
                 "tar cf - /tmp/foo | kubectl exec -i -n <some-namespace> <some-pod> -- tar xf - -C /tmp/bar\n"
                 "\n"
                 "# Copy /tmp/foo from a remote pod to /tmp/bar locally\n"
                 "kubectl exec -n <some-namespace> <some-pod> -- tar cf - /tmp/foo | tar xf - -C /tmp/bar\n"
                 "\n"
                 "# Copy /tmp/foo_dir local directory to /tmp/bar_dir in a remote pod in the default namespace\n"
                 "kubectl cp /tmp/foo_dir <some-pod>:/tmp/bar_dir\n"
                 "\n"
                 "# Copy /tmp/foo local file to /tmp/bar in a remote pod in a specific container\n"
                 "kubectl cp /tmp/foo <some-pod>:/tmp/bar -c <specific-container>\n"
                 "\n"
                 "# Copy /tmp/foo local file to /tmp/bar in a remote pod in namespace <some-namespace>\n"
                 "kubectl cp /tmp/foo <some-namespace>/<some-pod>:/tmp/bar\n"
                 "\n"
                 "# Copy /tmp/foo from a remote pod to /tmp/bar locally\n"
                 "kubectl cp <some-namespace>/<some-pod>:/tmp/foo /tmp/bar"),
        run="cmd.cp:run",
        flags=(
            _CONTAINER,
            _b("no-preserve",
               "The copied file/directory's ownership and permissions will not be preserved in the container"),
            _i("retries",
               ("Set number of retries to complete a copy operation from a container. Specify 0 to disable or "
                "any negative value for infinite retrying. The default is 0 (no retry).")),
        ),
    )


def _auth() -> Command:
    return _command(
        "auth [flags]",
        "Inspect authorization",
        long="Inspect authorization.",
        run="help:group",
        commands=(_auth_can_i(), _auth_reconcile(), _auth_whoami()),
    )


def _auth_can_i() -> Command:
    return _command(
        "can-i VERB [TYPE | TYPE/NAME | NONRESOURCEURL]",
        "Check whether an action is allowed",
        long=("Check whether an action is allowed.\n"
              "\n"
              " VERB is a logical Kubernetes API verb like 'get', 'list', 'watch', 'delete', etc. TYPE is a "
              "Kubernetes resource. Shortcuts and groups will be resolved. NONRESOURCEURL is a partial URL that "
              "starts with \"/\". NAME is the name of a particular Kubernetes resource. This command pairs nicely "
              "with impersonation. See --as global flag."),
        example=("# Check to see if I can create pods in any namespace\n"
                 "kubectl auth can-i create pods --all-namespaces\n"
                 "\n"
                 "# Check to see if I can list deployments in my current namespace\n"
                 "kubectl auth can-i list deployments.apps\n"
                 "\n"
                 "# Check to see if service account \"foo\" of namespace \"dev\" can list pods in the namespace "
                 "\"prod\"\n"
                 "# You must be allowed to use impersonation for the global option \"--as\"\n"
                 "kubectl auth can-i list pods --as=system:serviceaccount:dev:foo -n prod\n"
                 "\n"
                 "# Check to see if I can do everything in my current namespace (\"*\" means all)\n"
                 "kubectl auth can-i '*' '*'\n"
                 "\n"
                 "# Check to see if I can get the job named \"bar\" in namespace \"foo\"\n"
                 "kubectl auth can-i list jobs.batch/bar -n foo\n"
                 "\n"
                 "# Check to see if I can read pod logs\n"
                 "kubectl auth can-i get pods --subresource=log\n"
                 "\n"
                 "# Check to see if I can access the URL /logs/\n"
                 "kubectl auth can-i get /logs/\n"
                 "\n"
                 "# Check to see if I can approve certificates.k8s.io\n"
                 "kubectl auth can-i approve certificates.k8s.io\n"
                 "\n"
                 "# List all allowed actions in namespace \"foo\"\n"
                 "kubectl auth can-i --list --namespace=foo"),
        run="cmd.auth:can_i",
        flags=(
            _ALL_NAMESPACES_2,
            _b("list", "If true, prints all allowed actions."),
            _b("no-headers", "If true, prints allowed actions without headers"),
            _b("quiet", "If true, suppress output and just return the exit code.", False, "q"),
            _s("subresource", "SubResource such as pod/log or deployment/scale"),
        ),
    )


def _auth_reconcile() -> Command:
    return _command(
        "reconcile -f FILENAME",
        "Reconciles rules for RBAC role, role binding, cluster role, and cluster role binding objects",
        long=("Reconciles rules for RBAC role, role binding, cluster role, and cluster role binding objects.\n"
              "\n"
              " Missing objects are created, and the containing namespace is created for namespaced objects, if "
              "required.\n"
              "\n"
              " Existing roles are updated to include the permissions in the input objects, and remove extra "
              "permissions if --remove-extra-permissions is specified.\n"
              "\n"
              " Existing bindings are updated to include the subjects in the input objects, and remove extra "
              "subjects if --remove-extra-subjects is specified.\n"
              "\n"
              " This is preferred to 'apply' for RBAC resources so that semantically-aware merging of rules and "
              "subjects is done."),
        example="# Reconcile RBAC resources from a file\nkubectl auth reconcile -f my-rbac-rules.yaml",
        run="cmd.auth:reconcile",
        flags=(
            _ALLOW_MISSING_TEMPLATE_KEYS,
            _DRY_RUN,
            _l("filename", "Filename, directory, or URL to files identifying the resource to reconcile.", [], "f"),
            _KUSTOMIZE,
            _OUTPUT,
            _RECURSIVE,
            _b("remove-extra-permissions", "If true, removes extra permissions added to roles"),
            _b("remove-extra-subjects", "If true, removes extra subjects added to rolebindings"),
            _SHOW_MANAGED_FIELDS,
            _TEMPLATE,
        ),
    )


def _auth_whoami() -> Command:
    return _command(
        "whoami",
        "Experimental: Check self subject attributes",
        long=("Experimental: Check who you are and your attributes (groups, extra).\n"
              "\n"
              "        This command is helpful to get yourself aware of the current user attributes,\n"
              "        especially when dynamic authentication, e.g., token webhook, auth proxy, or OIDC provider,\n"
              "        is enabled in the Kubernetes cluster."),
        example=("# Get your subject attributes\n"
                 "kubectl auth whoami\n"
                 "\n"
                 "# Get your subject attributes in JSON format\n"
                 "kubectl auth whoami -o json"),
        run="cmd.auth:whoami",
        flags=(
            _ALLOW_MISSING_TEMPLATE_KEYS,
            _OUTPUT,
            _SHOW_MANAGED_FIELDS,
            _TEMPLATE,
        ),
    )


def _debug() -> Command:
    return _command(
        "debug (POD | TYPE[[.VERSION].GROUP]/NAME) [ -- COMMAND [args...] ]",
        "Create debugging sessions for troubleshooting workloads and nodes",
        long=("Debug cluster resources using interactive debugging containers.\n"
              "\n"
              " 'debug' provides automation for common debugging tasks for cluster objects identified by "
              "resource and name. Pods will be used by default if no resource is specified.\n"
              "\n"
              " The action taken by 'debug' varies depending on what resource is specified. Supported actions "
              "include:\n"
              "\n"
              "  *  Workload: Create a copy of an existing pod with certain attributes changed, for example "
              "changing the image tag to a new version.\n"
              "  *  Workload: Add an ephemeral container to an already running pod, for example to add "
              "debugging utilities without restarting the pod.\n"
              "  *  Node: Create a new pod that runs in the node's host namespaces and can access the node's "
              "filesystem."),
        example=("# Create an interactive debugging session in pod mypod and immediately attach to it.\n"
                 "kubectl debug mypod -it --image=busybox\n"
                 "\n"
                 "# Create an interactive debugging session for the pod in the file pod.yaml and immediately "
                 "attach to it.\n"
                 "# (requires the EphemeralContainers feature to be enabled in the cluster)\n"
                 "kubectl debug -f pod.yaml -it --image=busybox\n"
                 "\n"
                 "# Create a debug container named debugger using a custom automated debugging image.\n"
                 "kubectl debug --image=myproj/debug-tools -c debugger mypod\n"
                 "\n"
                 "# Create a copy of mypod adding a debug container and attach to it\n"
                 "kubectl debug mypod -it --image=busybox --copy-to=my-debugger\n"
                 "\n"
                 "# Create a copy of mypod changing the command of mycontainer\n"
                 "kubectl debug mypod -it --copy-to=my-debugger --container=mycontainer -- sh\n"
                 "\n"
                 "# Create a copy of mypod changing all container images to busybox\n"
                 "kubectl debug mypod --copy-to=my-debugger --set-image=*=busybox\n"
                 "\n"
                 "# Create a copy of mypod adding a debug container and changing container images\n"
                 "kubectl debug mypod -it --copy-to=my-debugger --image=debian "
                 "--set-image=app=app:debug,sidecar=sidecar:debug\n"
                 "\n"
                 "# Create an interactive debugging session on a node and immediately attach to it.\n"
                 "# The container will run in the host namespaces and the host's filesystem will be mounted at "
                 "/host\n"
                 "kubectl debug node/mynode -it --image=busybox"),
        run="cmd.debug:run",
        flags=(
            _b("arguments-only",
               ("If specified, everything after -- will be passed to the new container as Args instead of Command.")),
            _b("attach",
               ("If true, wait for the container to start running, and then attach as if 'kubectl attach ...' "
                "were called.  Default false, unless '-i/--stdin' is set, in which case the default is true.")),
            _s("container", "Container name to use for debug container.", "", "c"),
            _s("copy-to", "Create a copy of the target Pod with this name."),
            _s("custom",
               ("Path to a JSON or YAML file containing a partial container spec to customize built-in debug "
                "profiles.")),
            _kv("env", "Environment variables to set in the container."),
            _l("filename", "identifying the resource to debug", [], "f"),
            _s("image", "Container image to use for debug container."),
            _s("image-pull-policy",
               ("The image pull policy for the container. If left empty, this value will not be specified by "
                "the client and defaulted by the server.")),
            _b("keep-annotations",
               "If true, keep the original pod annotations.(This flag only works when used with '--copy-to')"),
            _b("keep-init-containers",
               ("Run the init containers for the pod. Defaults to true.(This flag only works when used with "
                "'--copy-to')"),
               True),
            _b("keep-labels",
               "If true, keep the original pod labels.(This flag only works when used with '--copy-to')"),
            _b("keep-liveness",
               ("If true, keep the original pod liveness probes.(This flag only works when used with '--copy-to')")),
            _b("keep-readiness",
               ("If true, keep the original pod readiness probes.(This flag only works when used with '--copy-to')")),
            _b("keep-startup",
               "If true, keep the original startup probes.(This flag only works when used with '--copy-to')"),
            _s("profile",
               ("Options are \"legacy\", \"general\", \"baseline\", \"netadmin\", \"restricted\" or \"sysadmin\"."),
               "legacy"),
            _b("quiet", "If true, suppress informational messages.", False, "q"),
            _b("replace", "When used with '--copy-to', delete the original Pod."),
            _b("same-node", "When used with '--copy-to', schedule the copy of target Pod on the same node."),
            _kv("set-image",
                ("When used with '--copy-to', a list of name=image pairs for changing container images, similar "
                 "to how 'kubectl set image' works.")),
            _b("share-processes", "When used with '--copy-to', enable process namespace sharing in the copy.", True),
            _b("stdin", "Keep stdin open on the container(s) in the pod, even if nothing is attached.", False, "i"),
            _s("target", "When using an ephemeral container, target processes in this container name."),
            _b("tty", "Allocate a TTY for the debugging container.", False, "t"),
        ),
    )


def _events() -> Command:
    return _command(
        ("events "
         "[(-o|--output=)json|yaml|name|go-template|go-template-file|template|templatefile|jsonpath|"
         "jsonpath-as-json|jsonpath-file] [--for TYPE/NAME] [--watch] [--types=Normal,Warning]"),
        "List events",
        long=("Display events.\n"
              "\n"
              " Prints a table of the most important information about events. You can request events for a "
              "namespace, for all namespace, or filtered to only those pertaining to a specified resource."),
        example=("# List recent events in the default namespace\n"
                 "kubectl events\n"
                 "\n"
                 "# List recent events in all namespaces\n"
                 "kubectl events --all-namespaces\n"
                 "\n"
                 "# List recent events for the specified pod, then wait for more events and list them as they "
                 "arrive\n"
                 "kubectl events --for pod/web-pod-13je7 --watch\n"
                 "\n"
                 "# List recent events in YAML format\n"
                 "kubectl events -oyaml\n"
                 "\n"
                 "# List recent only events of type 'Warning' or 'Normal'\n"
                 "kubectl events --types=Warning,Normal"),
        run="cmd.events:run",
        flags=(
            _ALL_NAMESPACES,
            _ALLOW_MISSING_TEMPLATE_KEYS,
            _CHUNK_SIZE,
            _s("for", "Filter events to only those pertaining to the specified resource."),
            _b("no-headers", "When using the default output format, don't print headers."),
            _OUTPUT,
            _SHOW_MANAGED_FIELDS,
            _TEMPLATE,
            _l("types", "Output only events of given types."),
            _b("watch", "After listing the requested events, watch for more events.", False, "w"),
        ),
    )


def _diff() -> Command:
    return _command(
        "diff -f FILENAME",
        "Diff the live version against a would-be applied version",
        long=("Diff configurations specified by file name or stdin between the current online configuration, "
              "and the configuration as it would be if applied.\n"
              "\n"
              " The output is always YAML.\n"
              "\n"
              " KUBECTL_EXTERNAL_DIFF environment variable can be used to select your own diff command. Users "
              "can use external commands with params too, example: KUBECTL_EXTERNAL_DIFF=\"colordiff -N -u\"\n"
              "\n"
              " By default, the \"diff\" command available in your path will be run with the \"-u\" (unified diff) "
              "and \"-N\" (treat absent files as empty) options.\n"
              "\n"
              " Exit status: 0 No differences were found. 1 Differences were found. >1 Kubectl or diff failed "
              "with an error.\n"
              "\n"
              " Note: KUBECTL_EXTERNAL_DIFF, if used, is expected to follow that convention."),
        example=("# Diff resources included in pod.json\n"
                 "kubectl diff -f pod.json\n"
                 "\n"
                 "# Diff file read from stdin\n"
                 "cat service.yaml | kubectl diff -f -"),
        run="cmd.diff:run",
        flags=(
            _i("concurrency",
               ("Number of objects to process in parallel when diffing against the live version. Larger number "
                "= faster, but more memory, I/O and CPU over that shorter period of time."),
               1),
            _FIELD_MANAGER_4,
            _l("filename", "Filename, directory, or URL to files contains the configuration to diff", [], "f"),
            _FORCE_CONFLICTS,
            _KUSTOMIZE,
            _b("prune",
               ("Include resources that would be deleted by pruning. Can be used with -l and default shows all "
                "resources would be pruned")),
            _PRUNE_ALLOWLIST,
            _RECURSIVE,
            _SELECTOR,
            _SERVER_SIDE,
            _b("show-managed-fields", "If true, include managed fields in the diff."),
        ),
    )


def _apply() -> Command:
    return _command(
        "apply (-f FILENAME | -k DIRECTORY)",
        "Apply a configuration to a resource by file name or stdin",
        long=("Apply a configuration to a resource by file name or stdin. The resource name must be specified. "
              "This resource will be created if it doesn't exist yet. To use 'apply', always create the "
              "resource initially with either 'apply' or 'create --save-config'.\n"
              "\n"
              " JSON and YAML formats are accepted.\n"
              "\n"
              " Alpha Disclaimer: the --prune functionality is not yet complete. Do not use unless you are "
              "aware of what the current state is. See https://issues.k8s.io/34274."),
        example=("# Apply the configuration in pod.json to a pod\n"
                 "kubectl apply -f ./pod.json\n"
                 "\n"
                 "# Apply resources from a directory containing kustomization.yaml - e.g. dir/kustomization.yaml\n"
                 "kubectl apply -k dir/\n"
                 "\n"
                 "# Apply the JSON passed into stdin to a pod\n"
                 "cat pod.json | kubectl apply -f -\n"
                 "\n"
                 "# Apply the configuration from all files that end with '.json'\n"
                 "kubectl apply -f '*.json'\n"
                 "\n"
                 "# Note: --prune is still in Alpha\n"
                 "# Apply the configuration in manifest.yaml that matches label app=nginx and delete all other "
                 "resources that are not in the file and match label app=nginx\n"
                 "kubectl apply --prune -f manifest.yaml -l app=nginx\n"
                 "\n"
                 "# Apply the configuration in manifest.yaml and delete all the other config maps that are not "
                 "in the file\n"
                 "kubectl apply --prune -f manifest.yaml --all --prune-allowlist=core/v1/ConfigMap"),
        run="cmd.apply:run",
        flags=(
            _RECORD,
            _b("all", "Select all resources in the namespace of the specified resource types."),
            _ALLOW_MISSING_TEMPLATE_KEYS,
            _CASCADE,
            _DRY_RUN,
            _FIELD_MANAGER_4,
            _l("filename", "The files that contain the configurations to apply.", [], "f"),
            _FORCE,
            _FORCE_CONFLICTS,
            _GRACE_PERIOD,
            _KUSTOMIZE_2,
            _b("openapi-patch",
               ("If true, use openapi to calculate diff when the openapi presents and the resource can be found "
                "in the openapi spec. Otherwise, fall back to use baked-in types."),
               True),
            _OUTPUT,
            _b("overwrite",
               ("Automatically resolve conflicts between the modified and live configuration by using values "
                "from the modified configuration"),
               True),
            _b("prune",
               ("Automatically delete resource objects, that do not appear in the configs and are created by "
                "either apply or create --save-config. Should be used with either -l or --all.")),
            _PRUNE_ALLOWLIST,
            _RECURSIVE,
            _SELECTOR,
            _SERVER_SIDE,
            _SHOW_MANAGED_FIELDS,
            _s("subresource",
               ("If specified, apply will operate on the subresource of the requested object.  Only allowed "
                "when using --server-side. This flag is beta and may change in the future.")),
            _TEMPLATE,
            _TIMEOUT,
            _VALIDATE,
            _WAIT,
        ),
        commands=(_apply_edit_last_applied(), _apply_set_last_applied(), _apply_view_last_applied()),
    )


def _apply_edit_last_applied() -> Command:
    return _command(
        "edit-last-applied (RESOURCE/NAME | -f FILENAME)",
        "Edit latest last-applied-configuration annotations of a resource/object",
        long=("Edit the latest last-applied-configuration annotations of resources from the default editor.\n"
              "\n"
              " The edit-last-applied command allows you to directly edit any API resource you can retrieve via "
              "the command-line tools. It will open the editor defined by your KUBE_EDITOR, or EDITOR "
              "environment variables, or fall back to 'vi' for Linux or 'notepad' for Windows. You can edit "
              "multiple objects, although changes are applied one at a time. The command accepts file names as "
              "well as command-line arguments, although the files you point to must be previously saved "
              "versions of resources.\n"
              "\n"
              " The default format is YAML. To edit in JSON, specify \"-o json\".\n"
              "\n"
              " The flag --windows-line-endings can be used to force Windows line endings, otherwise the "
              "default for your operating system will be used.\n"
              "\n"
              " In the event an error occurs while updating, a temporary file will be created on disk that "
              "contains your unapplied changes. The most common error when updating a resource is another "
              "editor changing the resource on the server. When this occurs, you will have to apply your "
              "changes to the newer version of the resource, or update your temporary saved copy to include the "
              "latest resource version."),
        example=("# Edit the last-applied-configuration annotations by type/name in YAML\n"
                 "kubectl apply edit-last-applied deployment/nginx\n"
                 "\n"
                 "# Edit the last-applied-configuration annotations by file in JSON\n"
                 "kubectl apply edit-last-applied -f deploy.yaml -o json"),
        run="cmd.apply:edit_last_applied",
        flags=(
            _RECORD,
            _ALLOW_MISSING_TEMPLATE_KEYS,
            _FIELD_MANAGER_4,
            _FILENAME_4,
            _KUSTOMIZE,
            _OUTPUT,
            _RECURSIVE,
            _SHOW_MANAGED_FIELDS,
            _TEMPLATE,
            _VALIDATE,
            _WINDOWS_LINE_ENDINGS,
        ),
    )


def _apply_set_last_applied() -> Command:
    return _command(
        "set-last-applied -f FILENAME",
        "Set the last-applied-configuration annotation on a live object to match the contents of a file",
        long=("Set the latest last-applied-configuration annotations by setting it to match the contents of a "
              "file. This results in the last-applied-configuration being updated as though 'kubectl apply "
              "-f<file> ' was run, without updating any other parts of the object."),
        example=("# Set the last-applied-configuration of a resource to match the contents of a file\n"
                 "kubectl apply set-last-applied -f deploy.yaml\n"
                 "\n"
                 "# Execute set-last-applied against each configuration file in a directory\n"
                 "kubectl apply set-last-applied -f path/\n"
                 "\n"
                 "# Set the last-applied-configuration of a resource to match the contents of a file; will "
                 "create the annotation if it does not already exist\n"
                 "kubectl apply set-last-applied -f deploy.yaml --create-annotation=true"),
        run="cmd.apply:set_last_applied",
        flags=(
            _ALLOW_MISSING_TEMPLATE_KEYS,
            _b("create-annotation",
               "Will create 'last-applied-configuration' annotations if current objects doesn't have one"),
            _DRY_RUN,
            _FILENAME_5,
            _OUTPUT,
            _SHOW_MANAGED_FIELDS,
            _TEMPLATE,
        ),
    )


def _apply_view_last_applied() -> Command:
    return _command(
        "view-last-applied (TYPE [NAME | -l label] | TYPE/NAME | -f FILENAME)",
        "View the latest last-applied-configuration annotations of a resource/object",
        long=("View the latest last-applied-configuration annotations by type/name or file.\n"
              "\n"
              " The default output will be printed to stdout in YAML format. You can use the -o option to "
              "change the output format."),
        example=("# View the last-applied-configuration annotations by type/name in YAML\n"
                 "kubectl apply view-last-applied deployment/nginx\n"
                 "\n"
                 "# View the last-applied-configuration annotations by file in JSON\n"
                 "kubectl apply view-last-applied -f deploy.yaml -o json"),
        run="cmd.apply:view_last_applied",
        flags=(
            _ALL_2,
            _FILENAME_5,
            _KUSTOMIZE,
            _s("output", "Output format. Must be one of (yaml, json)", "yaml", "o"),
            _RECURSIVE,
            _SELECTOR,
        ),
    )


def _patch() -> Command:
    return _command(
        "patch (-f FILENAME | TYPE NAME) [-p PATCH|--patch-file FILE]",
        "Update fields of a resource",
        long=("Update fields of a resource using strategic merge patch, a JSON merge patch, or a JSON patch.\n"
              "\n"
              " JSON and YAML formats are accepted.\n"
              "\n"
              " Note: Strategic merge patch is not supported for custom resources."),
        example=("# Partially update a node using a strategic merge patch, specifying the patch as JSON\n"
                 "kubectl patch node k8s-node-1 -p '{\"spec\":{\"unschedulable\":true}}'\n"
                 "\n"
                 "# Partially update a node using a strategic merge patch, specifying the patch as YAML\n"
                 "kubectl patch node k8s-node-1 -p $'spec:\\n unschedulable: true'\n"
                 "\n"
                 "# Partially update a node identified by the type and name specified in \"node.json\" using "
                 "strategic merge patch\n"
                 "kubectl patch -f node.json -p '{\"spec\":{\"unschedulable\":true}}'\n"
                 "\n"
                 "# Update a container's image; spec.containers[*].name is required because it's a merge key\n"
                 "kubectl patch pod valid-pod -p "
                 "'{\"spec\":{\"containers\":[{\"name\":\"kubernetes-serve-hostname\",\"image\":\"new image\"}]}}'\n"
                 "\n"
                 "# Update a container's image using a JSON patch with positional arrays\n"
                 "kubectl patch pod valid-pod --type='json' -p='[{\"op\": \"replace\", \"path\": "
                 "\"/spec/containers/0/image\", \"value\":\"new image\"}]'\n"
                 "\n"
                 "# Update a deployment's replicas through the 'scale' subresource using a merge patch\n"
                 "kubectl patch deployment nginx-deployment --subresource='scale' --type='merge' -p "
                 "'{\"spec\":{\"replicas\":2}}'"),
        run="cmd.patch:run",
        flags=(
            _RECORD,
            _ALLOW_MISSING_TEMPLATE_KEYS,
            _DRY_RUN,
            _s("field-manager", "Name of the manager used to track field ownership.", "kubectl-patch"),
            _FILENAME_2,
            _KUSTOMIZE,
            _b("local", "If true, patch will operate on the content of the file, not the server-side resource."),
            _OUTPUT,
            _s("patch", "The patch to be applied to the resource JSON file.", "", "p"),
            _s("patch-file", "A file containing a patch to be applied to the resource."),
            _RECURSIVE,
            _SHOW_MANAGED_FIELDS,
            _s("subresource",
               ("If specified, patch will operate on the subresource of the requested object. This flag is beta "
                "and may change in the future.")),
            _TEMPLATE,
            _s("type", "The type of patch being provided; one of [json merge strategic]", "strategic"),
        ),
    )


def _replace() -> Command:
    return _command(
        "replace -f FILENAME",
        "Replace a resource by file name or stdin",
        long=("Replace a resource by file name or stdin.\n"
              "\n"
              " JSON and YAML formats are accepted. If replacing an existing resource, the complete resource "
              "spec must be provided. This can be obtained by\n"
              "\n"
              "        $ kubectl get TYPE NAME -o yaml"),
        example=("# Replace a pod using the data in pod.json\n"
                 "kubectl replace -f ./pod.json\n"
                 "\n"
                 "# Replace a pod based on the JSON passed into stdin\n"
                 "cat pod.json | kubectl replace -f -\n"
                 "\n"
                 "# Update a single-container pod's image version (tag) to v4\n"
                 "kubectl get pod mypod -o yaml | sed 's/\\(image: myimage\\):.*$/\\1:v4/' | kubectl replace -f -\n"
                 "\n"
                 "# Force replace, delete and then re-create the resource\n"
                 "kubectl replace --force -f ./pod.json"),
        run="cmd.replace:run",
        flags=(
            _ALLOW_MISSING_TEMPLATE_KEYS,
            _CASCADE,
            _DRY_RUN,
            _s("field-manager", "Name of the manager used to track field ownership.", "kubectl-replace"),
            _l("filename", "The files that contain the configurations to replace.", [], "f"),
            _FORCE,
            _GRACE_PERIOD,
            _KUSTOMIZE_2,
            _OUTPUT,
            _s("raw", "Raw URI to PUT to the server.  Uses the transport specified by the kubeconfig file."),
            _RECURSIVE,
            _SAVE_CONFIG,
            _SHOW_MANAGED_FIELDS,
            _s("subresource",
               ("If specified, replace will operate on the subresource of the requested object. This flag is "
                "beta and may change in the future.")),
            _TEMPLATE,
            _TIMEOUT,
            _VALIDATE,
            _WAIT,
        ),
    )


def _wait() -> Command:
    return _command(
        ("wait ([-f FILENAME] | resource.group/resource.name | resource.group [(-l label | --all)]) "
         "[--for=create|--for=delete|--for condition=available|--for=jsonpath='{}'[=value]]"),
        "Experimental: Wait for a specific condition on one or many resources",
        long=("Experimental: Wait for a specific condition on one or many resources.\n"
              "\n"
              " The command takes multiple resources and waits until the specified condition is seen in the "
              "Status field of every given resource.\n"
              "\n"
              " Alternatively, the command can wait for the given set of resources to be created or deleted by "
              "providing the \"create\" or \"delete\" keyword as the value to the --for flag.\n"
              "\n"
              " A successful message will be printed to stdout indicating when the specified condition has been "
              "met. You can use -o option to change to output destination."),
        example=("# Wait for the pod \"busybox1\" to contain the status condition of type \"Ready\"\n"
                 "kubectl wait --for=condition=Ready pod/busybox1\n"
                 "\n"
                 "# The default value of status condition is true; you can wait for other targets after an "
                 "equal delimiter (compared after Unicode simple case folding, which is a more general form of "
                 "case-insensitivity)\n"
                 "kubectl wait --for=condition=Ready=false pod/busybox1\n"
                 "\n"
                 "# Wait for the pod \"busybox1\" to contain the status phase to be \"Running\"\n"
                 "kubectl wait --for=jsonpath='{.status.phase}'=Running pod/busybox1\n"
                 "\n"
                 "# Wait for pod \"busybox1\" to be Ready\n"
                 "kubectl wait --for='jsonpath={.status.conditions[?(@.type==\"Ready\")].status}=True' "
                 "pod/busybox1\n"
                 "\n"
                 "# Wait for the service \"loadbalancer\" to have ingress\n"
                 "kubectl wait --for=jsonpath='{.status.loadBalancer.ingress}' service/loadbalancer\n"
                 "\n"
                 "# Wait for the secret \"busybox1\" to be created, with a timeout of 30s\n"
                 "kubectl create secret generic busybox1\n"
                 "kubectl wait --for=create secret/busybox1 --timeout=30s\n"
                 "\n"
                 "# Wait for the pod \"busybox1\" to be deleted, with a timeout of 60s, after having issued the "
                 "\"delete\" command\n"
                 "kubectl delete pod/busybox1\n"
                 "kubectl wait --for=delete pod/busybox1 --timeout=60s"),
        run="cmd.wait:run",
        flags=(
            _ALL_2,
            _ALL_NAMESPACES,
            _ALLOW_MISSING_TEMPLATE_KEYS,
            _FIELD_SELECTOR,
            _FILENAME_3,
            _s("for",
               ("The condition to wait on: "
                "[create|delete|condition=condition-name[=condition-value]|jsonpath='{JSONPath "
                "expression}'=[JSONPath value]]. The default condition-value is true. Condition values are "
                "compared after Unicode simple case folding, which is a more general form of case-insensitivity.")),
            _LOCAL,
            _OUTPUT,
            _RECURSIVE_2,
            _s("selector",
               ("Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2)"),
               "",
               "l"),
            _SHOW_MANAGED_FIELDS,
            _TEMPLATE,
            _d("timeout",
               ("The length of time to wait before giving up. Zero means check once and don't wait, negative "
                "means wait for a week."),
               30.0),
        ),
    )


def _kustomize() -> Command:
    return _command(
        "kustomize DIR [flags]",
        "Build a kustomization target from a directory or URL",
        long=("Build a set of KRM resources using a 'kustomization.yaml' file. The DIR argument must be a path "
              "to a directory containing 'kustomization.yaml', or a git repository URL with a path suffix "
              "specifying same with respect to the repository root. If DIR is omitted, '.' is assumed."),
        example=("# Build the current working directory\n"
                 "kubectl kustomize\n"
                 "\n"
                 "# Build some shared configuration directory\n"
                 "kubectl kustomize /home/config/production\n"
                 "\n"
                 "# Build from github\n"
                 "kubectl kustomize https://github.com/kubernetes-sigs/kustomize.git/examples/helloWorld?ref=v1.0.6"),
        run="cmd.kustomize:run",
        flags=(
            _b("as-current-user", "use the uid and gid of the command executor to run the function in the container"),
            _b("enable-alpha-plugins", "enable kustomize plugins"),
            _b("enable-helm", "Enable use of the Helm chart inflator generator."),
            _a("env", "a list of environment variables to be used by functions", "e"),
            _a("helm-api-versions", "Kubernetes api versions used by Helm for Capabilities.APIVersions"),
            _s("helm-command", "helm command (path to executable)", "helm"),
            _b("helm-debug", "Enable debug output from the Helm chart inflator generator."),
            _s("helm-kube-version", "Kubernetes version used by Helm for Capabilities.KubeVersion"),
            _s("load-restrictor",
               ("if set to 'LoadRestrictionsNone', local kustomizations may load files from outside their root. "
                "This does, however, break the relocatability of the kustomization."),
               "LoadRestrictionsRootOnly"),
            _a("mount", "a list of storage options read from the filesystem"),
            _b("network", "enable network access for functions that declare it"),
            _s("network-name", "the docker network to run the container in", "bridge"),
            _s("output", "If specified, write output to this path.", "", "o"),
        ),
    )


def _label() -> Command:
    return _command(
        ("label [--overwrite] (-f FILENAME | TYPE NAME) KEY_1=VAL_1 ... KEY_N=VAL_N [--resource-version=version]"),
        "Update the labels on a resource",
        long=("Update the labels on a resource.\n"
              "\n"
              "  *  A label key and value must begin with a letter or number, and may contain letters, numbers, "
              "hyphens, dots, and underscores, up to 63 characters each.\n"
              "  *  Optionally, the key can begin with a DNS subdomain prefix and a single '/', like "
              "example.com/my-app.\n"
              "  *  If --overwrite is true, then existing labels can be overwritten, otherwise attempting to "
              "overwrite a label will result in an error.\n"
              "  *  If --resource-version is specified, then updates will use this resource version, otherwise "
              "the existing resource-version will be used."),
        example=("# Update pod 'foo' with the label 'unhealthy' and the value 'true'\n"
                 "kubectl label pods foo unhealthy=true\n"
                 "\n"
                 "# Update pod 'foo' with the label 'status' and the value 'unhealthy', overwriting any "
                 "existing value\n"
                 "kubectl label --overwrite pods foo status=unhealthy\n"
                 "\n"
                 "# Update all pods in the namespace\n"
                 "kubectl label pods --all status=unhealthy\n"
                 "\n"
                 "# Update a pod identified by the type and name in \"pod.json\"\n"
                 "kubectl label -f pod.json status=unhealthy\n"
                 "\n"
                 "# Update pod 'foo' only if the resource is unchanged from version 1\n"
                 "kubectl label pods foo status=unhealthy --resource-version=1\n"
                 "\n"
                 "# Update pod 'foo' by removing a label named 'bar' if it exists\n"
                 "# Does not require the --overwrite flag\n"
                 "kubectl label pods foo bar-"),
        run="cmd.label:run",
        flags=(
            _RECORD,
            _ALL,
            _ALL_NAMESPACES_2,
            _ALLOW_MISSING_TEMPLATE_KEYS,
            _DRY_RUN,
            _s("field-manager", "Name of the manager used to track field ownership.", "kubectl-label"),
            _FIELD_SELECTOR,
            _l("filename",
               "Filename, directory, or URL to files identifying the resource to update the labels",
               [],
               "f"),
            _KUSTOMIZE,
            _b("list", "If true, display the labels for a given resource."),
            _b("local", "If true, label will NOT contact api-server but run locally."),
            _OUTPUT,
            _b("overwrite",
               ("If true, allow labels to be overwritten, otherwise reject label updates that overwrite "
                "existing labels.")),
            _RECURSIVE,
            _s("resource-version",
               ("If non-empty, the labels update will only succeed if this is the current resource-version for "
                "the object. Only valid when specifying a single resource.")),
            _SELECTOR,
            _SHOW_MANAGED_FIELDS,
            _TEMPLATE,
        ),
    )


def _annotate() -> Command:
    return _command(
        ("annotate [--overwrite] (-f FILENAME | TYPE NAME) KEY_1=VAL_1 ... KEY_N=VAL_N [--resource-version=version]"),
        "Update the annotations on a resource",
        long=("Update the annotations on one or more resources.\n"
              "\n"
              " All Kubernetes objects support the ability to store additional data with the object as "
              "annotations. Annotations are key/value pairs that can be larger than labels and include "
              "arbitrary string values such as structured JSON. Tools and system extensions may use annotations "
              "to store their own data.\n"
              "\n"
              " Attempting to set an annotation that already exists will fail unless --overwrite is set. If "
              "--resource-version is specified and does not match the current resource version on the server "
              "the command will fail.\n"
              "\n"
              "Use \"kubectl api-resources\" for a complete list of supported resources."),
        example=("# Update pod 'foo' with the annotation 'description' and the value 'my frontend'\n"
                 "# If the same annotation is set multiple times, only the last value will be applied\n"
                 "kubectl annotate pods foo description='my frontend'\n"
                 "\n"
                 "# Update a pod identified by type and name in \"pod.json\"\n"
                 "kubectl annotate -f pod.json description='my frontend'\n"
                 "\n"
                 "# Update pod 'foo' with the annotation 'description' and the value 'my frontend running "
                 "nginx', overwriting any existing value\n"
                 "kubectl annotate --overwrite pods foo description='my frontend running nginx'\n"
                 "\n"
                 "# Update all pods in the namespace\n"
                 "kubectl annotate pods --all description='my frontend running nginx'\n"
                 "\n"
                 "# Update pod 'foo' only if the resource is unchanged from version 1\n"
                 "kubectl annotate pods foo description='my frontend running nginx' --resource-version=1\n"
                 "\n"
                 "# Update pod 'foo' by removing an annotation named 'description' if it exists\n"
                 "# Does not require the --overwrite flag\n"
                 "kubectl annotate pods foo description-"),
        run="cmd.annotate:run",
        flags=(
            _RECORD,
            _b("all", "Select all resources, in the namespace of the specified resource types."),
            _ALL_NAMESPACES_2,
            _ALLOW_MISSING_TEMPLATE_KEYS,
            _DRY_RUN,
            _s("field-manager", "Name of the manager used to track field ownership.", "kubectl-annotate"),
            _FIELD_SELECTOR,
            _l("filename",
               "Filename, directory, or URL to files identifying the resource to update the annotation",
               [],
               "f"),
            _KUSTOMIZE,
            _b("list", "If true, display the annotations for a given resource."),
            _LOCAL,
            _OUTPUT,
            _b("overwrite",
               ("If true, allow annotations to be overwritten, otherwise reject annotation updates that "
                "overwrite existing annotations.")),
            _RECURSIVE,
            _s("resource-version",
               ("If non-empty, the annotation update will only succeed if this is the current resource-version "
                "for the object. Only valid when specifying a single resource.")),
            _SELECTOR,
            _SHOW_MANAGED_FIELDS,
            _TEMPLATE,
        ),
    )


def _completion() -> Command:
    return _command(
        "completion SHELL",
        "Output shell completion code for the specified shell (bash, zsh, fish, or powershell)",
        long=("Output shell completion code for the specified shell (bash, zsh, fish, or powershell). The shell "
              "code must be evaluated to provide interactive completion of kubectl commands.  This can be done "
              "by sourcing it from the .bash_profile.\n"
              "\n"
              " Detailed instructions on how to do this are available here:\n"
              "\n"
              "        for macOS:\n"
              "        https://kubernetes.io/docs/tasks/tools/install-kubectl-macos/#enable-shell-autocompletion\n"
              "        \n"
              "        for linux:\n"
              "        https://kubernetes.io/docs/tasks/tools/install-kubectl-linux/#enable-shell-autocompletion\n"
              "        \n"
              "        for windows:\n"
              "        https://kubernetes.io/docs/tasks/tools/install-kubectl-windows/#enable-shell-autocompletion\n"
              "        \n"
              " Note for zsh users: [1] zsh completions are only supported in versions of zsh >= 5.2."),
        example=("# Installing bash completion on macOS using homebrew\n"
                 "## If running Bash 3.2 included with macOS\n"
                 "brew install bash-completion\n"
                 "## or, if running Bash 4.1+\n"
                 "brew install bash-completion@2\n"
                 "## If kubectl is installed via homebrew, this should start working immediately\n"
                 "## If you've installed via other means, you may need add the completion to your completion "
                 "directory\n"
                 "kubectl completion bash > $(brew --prefix)/etc/bash_completion.d/kubectl\n"
                 "\n"
                 "\n"
                 "# Installing bash completion on Linux\n"
                 "## If bash-completion is not installed on Linux, install the 'bash-completion' package\n"
                 "## via your distribution's package manager.\n"
                 "## Load the kubectl completion code for bash into the current shell\n"
                 "source <(kubectl completion bash)\n"
                 "## Write bash completion code to a file and source it from .bash_profile\n"
                 "kubectl completion bash > ~/.kube/completion.bash.inc\n"
                 "printf \"\n"
                 "# kubectl shell completion\n"
                 "source '$HOME/.kube/completion.bash.inc'\n"
                 "\" >> $HOME/.bash_profile\n"
                 "source $HOME/.bash_profile\n"
                 "\n"
                 "# Load the kubectl completion code for zsh[1] into the current shell\n"
                 "source <(kubectl completion zsh)\n"
                 "# Set the kubectl completion code for zsh[1] to autoload on startup\n"
                 "kubectl completion zsh > \"${fpath[1]}/_kubectl\"\n"
                 "\n"
                 "\n"
                 "# Load the kubectl completion code for fish[2] into the current shell\n"
                 "kubectl completion fish | source\n"
                 "# To load completions for each session, execute once:\n"
                 "kubectl completion fish > ~/.config/fish/completions/kubectl.fish\n"
                 "\n"
                 "# Load the kubectl completion code for powershell into the current shell\n"
                 "kubectl completion powershell | Out-String | Invoke-Expression\n"
                 "# Set kubectl completion code for powershell to run on startup\n"
                 "## Save completion code to a script and execute in the profile\n"
                 "kubectl completion powershell > $HOME\\.kube\\completion.ps1\n"
                 "Add-Content $PROFILE \"$HOME\\.kube\\completion.ps1\"\n"
                 "## Execute completion code in the profile\n"
                 "Add-Content $PROFILE \"if (Get-Command kubectl -ErrorAction SilentlyContinue) {\n"
                 "kubectl completion powershell | Out-String | Invoke-Expression\n"
                 "}\"\n"
                 "## Add completion code directly to the $PROFILE script\n"
                 "kubectl completion powershell >> $PROFILE"),
        run="completion:completion",
    )


def _api_resources() -> Command:
    return _command(
        "api-resources [flags]",
        "Print the supported API resources on the server",
        long="Print the supported API resources on the server.",
        example=("# Print the supported API resources\n"
                 "kubectl api-resources\n"
                 "\n"
                 "# Print the supported API resources with more information\n"
                 "kubectl api-resources -o wide\n"
                 "\n"
                 "# Print the supported API resources sorted by a column\n"
                 "kubectl api-resources --sort-by=name\n"
                 "\n"
                 "# Print the supported namespaced resources\n"
                 "kubectl api-resources --namespaced=true\n"
                 "\n"
                 "# Print the supported non-namespaced resources\n"
                 "kubectl api-resources --namespaced=false\n"
                 "\n"
                 "# Print the supported API resources with a specific APIGroup\n"
                 "kubectl api-resources --api-group=rbac.authorization.k8s.io"),
        run="cmd.api_resources:run",
        flags=(
            _s("api-group", "Limit to resources in the specified API group."),
            _b("cached", "Use the cached list of resources if available."),
            _l("categories", "Limit to resources that belong to the specified categories."),
            _b("namespaced",
               ("If false, non-namespaced resources will be returned, otherwise returning namespaced resources "
                "by default."),
               True),
            _NO_HEADERS,
            _s("output", "Output format. One of: (wide, name).", "", "o"),
            _s("sort-by",
               ("If non-empty, sort list of resources using specified field. The field can be either 'name' or "
                "'kind'.")),
            _l("verbs", "Limit to resources that support the specified verbs."),
        ),
    )


def _api_versions() -> Command:
    return _command(
        "api-versions",
        "Print the supported API versions on the server, in the form of \"group/version\"",
        long="Print the supported API versions on the server, in the form of \"group/version\".",
        example="# Print the supported API versions\nkubectl api-versions",
        run="cmd.api_versions:run",
    )


def _config() -> Command:
    return _command(
        "config SUBCOMMAND",
        "Modify kubeconfig files",
        long=("Modify kubeconfig files using subcommands like \"kubectl config set current-context my-context\".\n"
              "\n"
              " The loading order follows these rules:\n"
              "\n"
              "  1.  If the --kubeconfig flag is set, then only that file is loaded. The flag may only be set "
              "once and no merging takes place.\n"
              "  2.  If $KUBECONFIG environment variable is set, then it is used as a list of paths (normal "
              "path delimiting rules for your system). These paths are merged. When a value is modified, it is "
              "modified in the file that defines the stanza. When a value is created, it is created in the "
              "first file that exists. If no files in the chain exist, then it creates the last file in the list.\n"
              "  3.  Otherwise, ${HOME}/.kube/config is used and no merging takes place."),
        run="help:group",
        persistent_flags=(_s("kubeconfig", "use a particular kubeconfig file"),),
        commands=(_config_current_context(), _config_delete_cluster(), _config_delete_context(),
                  _config_delete_user(), _config_get_clusters(), _config_get_contexts(), _config_get_users(),
                  _config_rename_context(), _config_set(), _config_set_cluster(), _config_set_context(),
                  _config_set_credentials(), _config_unset(), _config_use_context(), _config_view()),
    )


def _config_current_context() -> Command:
    return _command(
        "current-context [flags]",
        "Display the current-context",
        long="Display the current-context.",
        example="# Display the current-context\nkubectl config current-context",
        run="cmd.config:current_context",
    )


def _config_delete_cluster() -> Command:
    return _command(
        "delete-cluster NAME",
        "Delete the specified cluster from the kubeconfig",
        long="Delete the specified cluster from the kubeconfig.",
        example="# Delete the minikube cluster\nkubectl config delete-cluster minikube",
        run="cmd.config:delete_cluster",
    )


def _config_delete_context() -> Command:
    return _command(
        "delete-context NAME",
        "Delete the specified context from the kubeconfig",
        long="Delete the specified context from the kubeconfig.",
        example="# Delete the context for the minikube cluster\nkubectl config delete-context minikube",
        run="cmd.config:delete_context",
    )


def _config_delete_user() -> Command:
    return _command(
        "delete-user NAME",
        "Delete the specified user from the kubeconfig",
        long="Delete the specified user from the kubeconfig.",
        example="# Delete the minikube user\nkubectl config delete-user minikube",
        run="cmd.config:delete_user",
    )


def _config_get_clusters() -> Command:
    return _command(
        "get-clusters [flags]",
        "Display clusters defined in the kubeconfig",
        long="Display clusters defined in the kubeconfig.",
        example="# List the clusters that kubectl knows about\nkubectl config get-clusters",
        run="cmd.config:get_clusters",
    )


def _config_get_contexts() -> Command:
    return _command(
        "get-contexts [(-o|--output=)name)]",
        "Describe one or many contexts",
        long="Display one or many contexts from the kubeconfig file.",
        example=("# List all the contexts in your kubeconfig file\n"
                 "kubectl config get-contexts\n"
                 "\n"
                 "# Describe one context in your kubeconfig file\n"
                 "kubectl config get-contexts my-context"),
        run="cmd.config:get_contexts",
        flags=(
            _NO_HEADERS,
            _s("output", "Output format. One of: (name).", "", "o"),
        ),
    )


def _config_get_users() -> Command:
    return _command(
        "get-users [flags]",
        "Display users defined in the kubeconfig",
        long="Display users defined in the kubeconfig.",
        example="# List the users that kubectl knows about\nkubectl config get-users",
        run="cmd.config:get_users",
    )


def _config_rename_context() -> Command:
    return _command(
        "rename-context CONTEXT_NAME NEW_NAME",
        "Rename a context from the kubeconfig file",
        long=("Renames a context from the kubeconfig file.\n"
              "\n"
              " CONTEXT_NAME is the context name that you want to change.\n"
              "\n"
              " NEW_NAME is the new name you want to set.\n"
              "\n"
              " Note: If the context being renamed is the 'current-context', this field will also be updated."),
        example=("# Rename the context 'old-name' to 'new-name' in your kubeconfig file\n"
                 "kubectl config rename-context old-name new-name"),
        run="cmd.config:rename_context",
    )


def _config_set() -> Command:
    return _command(
        "set PROPERTY_NAME PROPERTY_VALUE",
        "Set an individual value in a kubeconfig file",
        long=("Set an individual value in a kubeconfig file.\n"
              "\n"
              " PROPERTY_NAME is a dot delimited name where each token represents either an attribute name or a "
              "map key.  Map keys may not contain dots.\n"
              "\n"
              " PROPERTY_VALUE is the new value you want to set. Binary fields such as "
              "'certificate-authority-data' expect a base64 encoded string unless the --set-raw-bytes flag is "
              "used.\n"
              "\n"
              " Specifying an attribute name that already exists will merge new fields on top of existing values."),
        example=("# Set the server field on the my-cluster cluster to https://1.2.3.4\n"
                 "kubectl config set clusters.my-cluster.server https://1.2.3.4\n"
                 "\n"
                 "# Set the certificate-authority-data field on the my-cluster cluster\n"
                 "kubectl config set clusters.my-cluster.certificate-authority-data $(echo \"cert_data_here\" | "
                 "base64 -i -)\n"
                 "\n"
                 "# Set the cluster field in the my-context context to my-cluster\n"
                 "kubectl config set contexts.my-context.cluster my-cluster\n"
                 "\n"
                 "# Set the client-key-data field in the cluster-admin user using --set-raw-bytes option\n"
                 "kubectl config set users.cluster-admin.client-key-data cert_data_here --set-raw-bytes=true"),
        run="cmd.config:set",
        flags=(
            _b("set-raw-bytes",
               ("When writing a []byte PROPERTY_VALUE, write the given string directly without base64 decoding.")),
        ),
    )


def _config_set_cluster() -> Command:
    return _command(
        ("set-cluster NAME [--server=server] [--certificate-authority=path/to/certificate/authority] "
         "[--insecure-skip-tls-verify=true] [--tls-server-name=example.com]"),
        "Set a cluster entry in kubeconfig",
        long=("Set a cluster entry in kubeconfig.\n"
              "\n"
              " Specifying a name that already exists will merge new fields on top of existing values for those "
              "fields."),
        example=("# Set only the server field on the e2e cluster entry without touching other values\n"
                 "kubectl config set-cluster e2e --server=https://1.2.3.4\n"
                 "\n"
                 "# Embed certificate authority data for the e2e cluster entry\n"
                 "kubectl config set-cluster e2e --embed-certs "
                 "--certificate-authority=~/.kube/e2e/kubernetes.ca.crt\n"
                 "\n"
                 "# Disable cert checking for the e2e cluster entry\n"
                 "kubectl config set-cluster e2e --insecure-skip-tls-verify=true\n"
                 "\n"
                 "# Set the custom TLS server name to use for validation for the e2e cluster entry\n"
                 "kubectl config set-cluster e2e --tls-server-name=my-cluster-name\n"
                 "\n"
                 "# Set the proxy URL for the e2e cluster entry\n"
                 "kubectl config set-cluster e2e --proxy-url=https://1.2.3.4"),
        run="cmd.config:set_cluster",
        flags=(
            _s("certificate-authority", "Path to certificate-authority file for the cluster entry in kubeconfig"),
            _b("embed-certs", "embed-certs for the cluster entry in kubeconfig"),
            _b("insecure-skip-tls-verify", "insecure-skip-tls-verify for the cluster entry in kubeconfig"),
            _s("proxy-url", "proxy-url for the cluster entry in kubeconfig"),
            _s("server", "server for the cluster entry in kubeconfig"),
            _s("tls-server-name", "tls-server-name for the cluster entry in kubeconfig"),
        ),
    )


def _config_set_context() -> Command:
    return _command(
        ("set-context [NAME | --current] [--cluster=cluster_nickname] [--user=user_nickname] [--namespace=namespace]"),
        "Set a context entry in kubeconfig",
        long=("Set a context entry in kubeconfig.\n"
              "\n"
              " Specifying a name that already exists will merge new fields on top of existing values for those "
              "fields."),
        example=("# Set the user field on the gce context entry without touching other values\n"
                 "kubectl config set-context gce --user=cluster-admin"),
        run="cmd.config:set_context",
        flags=(
            _s("cluster", "cluster for the context entry in kubeconfig"),
            _b("current", "Modify the current context"),
            _s("namespace", "namespace for the context entry in kubeconfig"),
            _s("user", "user for the context entry in kubeconfig"),
        ),
    )


def _config_set_credentials() -> Command:
    return _command(
        ("set-credentials NAME [--client-certificate=path/to/certfile] [--client-key=path/to/keyfile] "
         "[--token=bearer_token] [--username=basic_user] [--password=basic_password] "
         "[--auth-provider=provider_name] [--auth-provider-arg=key=value] [--exec-command=exec_command] "
         "[--exec-api-version=exec_api_version] [--exec-arg=arg] [--exec-env=key=value]"),
        "Set a user entry in kubeconfig",
        long=("Set a user entry in kubeconfig.\n"
              "\n"
              " Specifying a name that already exists will merge new fields on top of existing values.\n"
              "\n"
              "        Client-certificate flags:\n"
              "        --client-certificate=certfile --client-key=keyfile\n"
              "        \n"
              "        Bearer token flags:\n"
              "        --token=bearer_token\n"
              "        \n"
              "        Basic auth flags:\n"
              "        --username=basic_user --password=basic_password\n"
              "        \n"
              " Bearer token and basic auth are mutually exclusive."),
        example=("# Set only the \"client-key\" field on the \"cluster-admin\"\n"
                 "# entry, without touching other values\n"
                 "kubectl config set-credentials cluster-admin --client-key=~/.kube/admin.key\n"
                 "\n"
                 "# Set basic auth for the \"cluster-admin\" entry\n"
                 "kubectl config set-credentials cluster-admin --username=admin --password=uXFGweU9l35qcif\n"
                 "\n"
                 "# Embed client certificate data in the \"cluster-admin\" entry\n"
                 "kubectl config set-credentials cluster-admin --client-certificate=~/.kube/admin.crt "
                 "--embed-certs=true\n"
                 "\n"
                 "# Enable the Google Compute Platform auth provider for the \"cluster-admin\" entry\n"
                 "kubectl config set-credentials cluster-admin --auth-provider=gcp\n"
                 "\n"
                 "# Enable the OpenID Connect auth provider for the \"cluster-admin\" entry with additional "
                 "arguments\n"
                 "kubectl config set-credentials cluster-admin --auth-provider=oidc "
                 "--auth-provider-arg=client-id=foo --auth-provider-arg=client-secret=bar\n"
                 "\n"
                 "# Remove the \"client-secret\" config value for the OpenID Connect auth provider for the "
                 "\"cluster-admin\" entry\n"
                 "kubectl config set-credentials cluster-admin --auth-provider=oidc "
                 "--auth-provider-arg=client-secret-\n"
                 "\n"
                 "# Enable new exec auth plugin for the \"cluster-admin\" entry\n"
                 "kubectl config set-credentials cluster-admin --exec-command=/path/to/the/executable "
                 "--exec-api-version=client.authentication.k8s.io/v1beta1\n"
                 "\n"
                 "# Enable new exec auth plugin for the \"cluster-admin\" entry with interactive mode\n"
                 "kubectl config set-credentials cluster-admin --exec-command=/path/to/the/executable "
                 "--exec-api-version=client.authentication.k8s.io/v1beta1 --exec-interactive-mode=Never\n"
                 "\n"
                 "# Define new exec auth plugin arguments for the \"cluster-admin\" entry\n"
                 "kubectl config set-credentials cluster-admin --exec-arg=arg1 --exec-arg=arg2\n"
                 "\n"
                 "# Create or update exec auth plugin environment variables for the \"cluster-admin\" entry\n"
                 "kubectl config set-credentials cluster-admin --exec-env=key1=val1 --exec-env=key2=val2\n"
                 "\n"
                 "# Remove exec auth plugin environment variables for the \"cluster-admin\" entry\n"
                 "kubectl config set-credentials cluster-admin --exec-env=var-to-remove-"),
        run="cmd.config:set_credentials",
        flags=(
            _s("auth-provider", "Auth provider for the user entry in kubeconfig"),
            _l("auth-provider-arg", "'key=value' arguments for the auth provider"),
            _s("client-certificate", "Path to client-certificate file for the user entry in kubeconfig"),
            _s("client-key", "Path to client-key file for the user entry in kubeconfig"),
            _b("embed-certs", "Embed client cert/key for the user entry in kubeconfig"),
            _s("exec-api-version", "API version of the exec credential plugin for the user entry in kubeconfig"),
            _l("exec-arg", "New arguments for the exec credential plugin command for the user entry in kubeconfig"),
            _s("exec-command", "Command for the exec credential plugin for the user entry in kubeconfig"),
            _a("exec-env", "'key=value' environment values for the exec credential plugin"),
            _s("exec-interactive-mode",
               "InteractiveMode of the exec credentials plugin for the user entry in kubeconfig"),
            _b("exec-provide-cluster-info",
               "ProvideClusterInfo of the exec credentials plugin for the user entry in kubeconfig"),
            _s("password", "password for the user entry in kubeconfig"),
            _s("token", "token for the user entry in kubeconfig"),
            _s("username", "username for the user entry in kubeconfig"),
        ),
    )


def _config_unset() -> Command:
    return _command(
        "unset PROPERTY_NAME",
        "Unset an individual value in a kubeconfig file",
        long=("Unset an individual value in a kubeconfig file.\n"
              "\n"
              " PROPERTY_NAME is a dot delimited name where each token represents either an attribute name or a "
              "map key.  Map keys may not contain dots."),
        example=("# Unset the current-context\n"
                 "kubectl config unset current-context\n"
                 "\n"
                 "# Unset namespace in foo context\n"
                 "kubectl config unset contexts.foo.namespace"),
        run="cmd.config:unset",
    )


def _config_use_context() -> Command:
    return _command(
        "use-context CONTEXT_NAME",
        "Set the current-context in a kubeconfig file",
        long="Set the current-context in a kubeconfig file.",
        example="# Use the context for the minikube cluster\nkubectl config use-context minikube",
        aliases=('use',),
        run="cmd.config:use_context",
    )


def _config_view() -> Command:
    return _command(
        "view [flags]",
        "Display merged kubeconfig settings or a specified kubeconfig file",
        long=("Display merged kubeconfig settings or a specified kubeconfig file.\n"
              "\n"
              " You can use --output jsonpath={...} to extract specific values using a jsonpath expression."),
        example=("# Show merged kubeconfig settings\n"
                 "kubectl config view\n"
                 "\n"
                 "# Show merged kubeconfig settings, raw certificate data, and exposed secrets\n"
                 "kubectl config view --raw\n"
                 "\n"
                 "# Get the password for the e2e user\n"
                 "kubectl config view -o jsonpath='{.users[?(@.name == \"e2e\")].user.password}'"),
        run="cmd.config:view",
        flags=(
            _ALLOW_MISSING_TEMPLATE_KEYS,
            _b("flatten",
               ("Flatten the resulting kubeconfig file into self-contained output (useful for creating portable "
                "kubeconfig files)")),
            _b("merge", "Merge the full hierarchy of kubeconfig files", True),
            _b("minify", "Remove all information not used by current-context from the output"),
            _s("output",
               ("Output format. One of: (json, yaml, name, go-template, go-template-file, template, "
                "templatefile, jsonpath, jsonpath-as-json, jsonpath-file)."),
               "yaml",
               "o"),
            _b("raw", "Display raw byte data and sensitive data"),
            _SHOW_MANAGED_FIELDS,
            _TEMPLATE,
        ),
    )


def _plugin() -> Command:
    return _command(
        "plugin [flags]",
        "Provides utilities for interacting with plugins",
        long=("Provides utilities for interacting with plugins.\n"
              "\n"
              " Plugins provide extended functionality that is not part of the major command-line distribution. "
              "Please refer to the documentation and examples for more information about how write your own "
              "plugins.\n"
              "\n"
              " The easiest way to discover and install plugins is via the kubernetes sub-project krew: "
              "[krew.sigs.k8s.io]. To install krew, visit https://krew.sigs.k8s.io/docs/user-guide/setup/install"),
        example=("# List all available plugins\n"
                 "kubectl plugin list\n"
                 "\n"
                 "# List only binary names of available plugins without paths\n"
                 "kubectl plugin list --name-only"),
        run="help:group",
        commands=(_plugin_list(),),
    )


def _plugin_list() -> Command:
    return _command(
        "list [flags]",
        "List all visible plugin executables on a user's PATH",
        long=("List all available plugin files on a user's PATH. To see plugins binary names without the full "
              "path use --name-only flag.\n"
              "\n"
              " Available plugin files are those that are: - executable - anywhere on the user's PATH - begin "
              "with \"kubectl-\""),
        example=("# List all available plugins\n"
                 "kubectl plugin list\n"
                 "\n"
                 "# List only binary names of available plugins without paths\n"
                 "kubectl plugin list --name-only"),
        run="cmd.plugin:list",
        flags=(
            _b("name-only", "If true, display only the binary name of each plugin, rather than its full path"),
        ),
    )


def _version() -> Command:
    return _command(
        "version [flags]",
        "Print the client and server version information",
        long="Print the client and server version information for the current context.",
        example="# Print the client and server versions for the current context\nkubectl version",
        run="cmd.version:run",
        flags=(
            _b("client", "If true, shows client version only (no server required)."),
            _s("output", "One of 'yaml' or 'json'.", "", "o"),
        ),
    )


_TOP = (
    _create, _expose, _run, _set, _explain, _get, _edit, _delete, _rollout, _scale, _autoscale, _certificate,
    _cluster_info, _top, _cordon, _uncordon, _drain, _taint, _describe, _logs, _attach, _exec, _port_forward,
    _proxy, _cp, _auth, _debug, _events, _diff, _apply, _patch, _replace, _wait, _kustomize, _label, _annotate,
    _completion, _api_resources, _api_versions, _config, _plugin, _version,
)

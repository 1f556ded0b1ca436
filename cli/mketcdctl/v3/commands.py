"""The command tree of etcdctl 3.4's v3 command set: names, usage lines, descriptions and flags exactly as
etcdctl declares them (so help texts, flag errors and suggestions match), and for each runnable command
the handler that serves it, named "module:function" inside this package and imported only when run.

Commands etcdctl has but mketcdctl does not implement (auth, users and roles, locks, elections, mirror,
migrate, membership changes) stay in the tree, so that help and suggestions are etcdctl's; running them
says they are not supported."""

from __future__ import annotations

from minikube_py.flags.pflag import BOOL, DURATION, INT64, STRING, STRING_SLICE, Command, Flag

CLI_NAME = "etcdctl"
VERSION = "3.4.23"
API_VERSION = "3.4"

# Commands of the ETCDCTL_API=2 set that the v3 set does not have.
V2_ONLY = ("backup", "cluster-health", "exec-watch", "ls", "mk", "mkdir", "rm", "rmdir", "set", "setdir",
           "update", "updatedir")

UNSUPPORTED = "builtin:unsupported"


def _b(name: str, usage: str, default: bool = False, shorthand: str = "") -> Flag:
    return Flag(name, BOOL, default, usage, shorthand=shorthand)


def _s(name: str, usage: str, default: str = "", shorthand: str = "") -> Flag:
    return Flag(name, STRING, default, usage, shorthand=shorthand)


def _i(name: str, usage: str, default: int = 0) -> Flag:
    return Flag(name, INT64, default, usage)


def _global_flags() -> list[Flag]:
    return [
        Flag("endpoints", STRING_SLICE, ["127.0.0.1:2379"], "gRPC endpoints"),
        _b("debug", "enable client-side debug logging"),
        _s("write-out", "set the output format (fields, json, protobuf, simple, table)", "simple", "w"),
        _b("hex", "print byte strings as hex encoded strings"),
        Flag("dial-timeout", DURATION, 2.0, "dial timeout for client connections"),
        Flag("command-timeout", DURATION, 5.0, "timeout for short running command (excluding dial timeout)"),
        Flag("keepalive-time", DURATION, 2.0, "keepalive time for client connections"),
        Flag("keepalive-timeout", DURATION, 6.0, "keepalive timeout for client connections"),
        _b("insecure-transport", "disable transport security for client connections", True),
        _b("insecure-discovery", "accept insecure SRV records describing cluster endpoints", True),
        _b("insecure-skip-tls-verify", "skip server certificate verification (CAUTION: this option should be "
                                       "enabled only for testing purposes)"),
        _s("cert", "identify secure client using this TLS certificate file"),
        _s("key", "identify secure client using this TLS key file"),
        _s("cacert", "verify certificates of TLS-enabled secure servers using this CA bundle"),
        _s("user", "username[:password] for authentication (prompt if password is not supplied)"),
        _s("password", "password for authentication (if this option is used, --user option shouldn't include "
                       "password)"),
        _s("discovery-srv", "domain name to query for SRV records describing cluster endpoints",
           shorthand="d"),
        _s("discovery-srv-name", "service name to query when using DNS discovery"),
    ]


def get_flags() -> list[Flag]:
    return [
        _s("consistency", "Linearizable(l) or Serializable(s)", "l"),
        _s("order", "Order of results; ASCEND or DESCEND (ASCEND by default)"),
        _s("sort-by", "Sort target; CREATE, KEY, MODIFY, VALUE, or VERSION"),
        _i("limit", "Maximum number of results"),
        _b("prefix", "Get keys with matching prefix"),
        _b("from-key", "Get keys that are greater than or equal to the given key using byte compare"),
        _i("rev", "Specify the kv revision"),
        _b("keys-only", "Get only the keys"),
        _b("count-only", "Get only the count"),
        _b("print-value-only", 'Only write values when using the "simple" output format'),
    ]


def put_flags() -> list[Flag]:
    return [
        _s("lease", "lease ID (in hexadecimal) to attach to the key", "0"),
        _b("prev-kv", "return the previous key-value pair before modification"),
        _b("ignore-value", "updates the key using its current value"),
        _b("ignore-lease", "updates the key using its current lease"),
    ]


def del_flags() -> list[Flag]:
    return [
        _b("prefix", "delete keys with matching prefix"),
        _b("prev-kv", "return deleted key-value pairs"),
        _b("from-key", "delete keys that are greater than or equal to the given key using byte compare"),
    ]


def watch_flags() -> list[Flag]:
    return [
        _b("interactive", "Interactive mode", shorthand="i"),
        _b("prefix", "Watch on a prefix if prefix is set"),
        _i("rev", "Revision to start watching"),
        _b("prev-kv", "get the previous key-value pair before the event happens"),
    ]


GET_USE = "get [options] <key> [range_end]"
GET_SHORT = "Gets the key or a range of keys"
PUT_USE = "put [options] <key> <value> (<value> can also be given from stdin)"
PUT_SHORT = "Puts the given key into the store"
DEL_USE = "del [options] <key> [range_end]"
DEL_SHORT = "Removes the specified key or range of keys [key, range_end)"

PUT_LONG = """
Puts the given key into the store.

When <value> begins with '-', <value> is interpreted as a flag.
Insert '--' for workaround:

$ put <key> -- <value>
$ put -- <key> <value>

If <value> isn't given as a command line argument and '--ignore-value' is not specified,
this command tries to read the value from standard input.

If <lease> isn't given as a command line argument and '--ignore-lease' is not specified,
this command tries to read the value from standard input.

For example,
$ cat file | put <key>
will store the content of the file to <key>.
"""

_STATUS_LONG = ("When --write-out is set to simple, this command prints out comma-separated status lists for "
                "each endpoint.\nThe items in the lists are {}.\n")

_COMPLETION_LONG = {
    "bash": """Generate the autocompletion script for the bash shell.

This script depends on the 'bash-completion' package.
If it is not installed already, you can install it via your OS's package manager.

To load completions in your current shell session:

\tsource <({cli} completion bash)

To load completions for every new session, execute once:

#### Linux:

\t{cli} completion bash > /etc/bash_completion.d/{cli}

#### macOS:

\t{cli} completion bash > $(brew --prefix)/etc/bash_completion.d/{cli}

You will need to start a new shell for this setup to take effect.
""",
    "fish": """Generate the autocompletion script for the fish shell.

To load completions in your current shell session:

\t{cli} completion fish | source

To load completions for every new session, execute once:

\t{cli} completion fish > ~/.config/fish/completions/{cli}.fish

You will need to start a new shell for this setup to take effect.
""",
    "powershell": """Generate the autocompletion script for powershell.

To load completions in your current shell session:

\t{cli} completion powershell | Out-String | Invoke-Expression

To load completions for every new session, add the output of the above command
to your powershell profile.
""",
    "zsh": """Generate the autocompletion script for the zsh shell.

If shell completion is not already enabled in your environment you will need
to enable it.  You can execute the following once:

\techo "autoload -U compinit; compinit" >> ~/.zshrc

To load completions in your current shell session:

\tsource <({cli} completion zsh); compdef _{cli} {cli}

To load completions for every new session, execute once:

#### Linux:

\t{cli} completion zsh > "${{fpath[1]}}/_{cli}"

#### macOS:

\t{cli} completion zsh > $(brew --prefix)/share/zsh/site-functions/_{cli}

You will need to start a new shell for this setup to take effect.
""",
}


def _completion() -> Command:
    shells = []
    for shell, long in _COMPLETION_LONG.items():
        run = f"completion:{shell}" if shell != "powershell" else UNSUPPORTED
        shells.append(Command(shell, f"Generate the autocompletion script for {shell}",
                              long.format(cli=CLI_NAME), run=run,
                              flags=[_b("no-descriptions", "disable completion descriptions")],
                              disable_flags_in_use_line=shell == "bash"))
    return Command("completion", "Generate the autocompletion script for the specified shell",
                   f"Generate the autocompletion script for {CLI_NAME} for the specified shell.\n"
                   "See each sub-command's help for details on how to use the generated script.\n",
                   commands=shells)


def _check() -> Command:
    def load(kind: str) -> Flag:
        return _s("load", f"The {kind} check's workload model. Accepted workloads: s(small), m(medium), "
                          "l(large), xl(xLarge)", "s")

    compact = _b("auto-compact", "Compact storage with last revision after test is finished.")
    defrag = _b("auto-defrag", "Defragment storage after test is finished.")
    return Command("check <subcommand>", "commands for checking properties of the etcd cluster", commands=[
        Command("perf [options]", "Check the performance of the etcd cluster", run=UNSUPPORTED, flags=[
            load("performance"), _s("prefix", "The prefix for writing the performance check's keys.",
                                    "/etcdctl-check-perf/"), compact.copy(), defrag.copy()]),
        Command("datascale [options]",
                "Check the memory usage of holding data for different workloads on a given server endpoint.",
                "If no endpoint is provided, localhost will be used. If multiple endpoints are provided, "
                "first endpoint will be used.\n", run=UNSUPPORTED, flags=[
                    load("datascale"), _s("prefix", "The prefix for writing the datascale check's keys.",
                                          "/etcdctl-check-datascale/"), compact, defrag]),
    ])


def _auth_commands() -> list[Command]:
    u = UNSUPPORTED
    return [
        Command("auth <enable or disable>", "Enable or disable authentication", commands=[
            Command("enable", "Enables authentication", run=u),
            Command("disable", "Disables authentication", run=u)]),
        Command("user <subcommand>", "User related commands", commands=[
            Command("add <user name or user:password> [options]", "Adds a new user", run=u, flags=[
                _b("interactive", "Read password from stdin instead of interactive terminal", True),
                _s("new-user-password", "Supply password from the command line flag"),
                _b("no-password", "Create a user without password (CN based auth only)")]),
            Command("delete <user name>", "Deletes a user", run=u),
            Command("get <user name> [options]", "Gets detailed information of a user", run=u,
                    flags=[_b("detail", "Show permissions of roles granted to the user")]),
            Command("list", "Lists all users", run=u),
            Command("passwd <user name> [options]", "Changes password of user", run=u, flags=[
                _b("interactive", "If true, read password from stdin instead of interactive terminal",
                   True)]),
            Command("grant-role <user name> <role name>", "Grants a role to a user", run=u),
            Command("revoke-role <user name> <role name>", "Revokes a role from a user", run=u),
        ]),
        Command("role <subcommand>", "Role related commands", commands=[
            Command("add <role name>", "Adds a new role", run=u),
            Command("delete <role name>", "Deletes a role", run=u),
            Command("get <role name>", "Gets detailed information of a role", run=u),
            Command("list", "Lists all roles", run=u),
            Command("grant-permission [options] <role name> <permission type> <key> [endkey]",
                    "Grants a key to a role", run=u, flags=[
                        _b("prefix", "grant a prefix permission"),
                        _b("from-key", "grant a permission of keys that are greater than or equal to the "
                                       "given key using byte compare")]),
            Command("revoke-permission <role name> <key> [endkey]", "Revokes a key from a role", run=u,
                    flags=[_b("prefix", "revoke a prefix permission"),
                           _b("from-key", "revoke a permission of keys that are greater than or equal to the "
                                          "given key using byte compare")]),
        ]),
    ]


def build() -> Command:
    """The whole tree, in etcdctl's order (which is the order of "Did you mean this?" suggestions)."""
    u = UNSUPPORTED
    cluster = _b("cluster", "use all endpoints from the cluster member list")
    root = Command(CLI_NAME, "A simple command line client for etcd3.", persistent_flags=_global_flags())
    root.add(
        Command(GET_USE, GET_SHORT, run="kv:get", flags=get_flags()),
        Command(PUT_USE, PUT_SHORT, PUT_LONG, run="kv:put", flags=put_flags()),
        Command(DEL_USE, DEL_SHORT, run="kv:delete", flags=del_flags()),
        Command("txn [options]", "Txn processes all the requests in one transaction", run="txn:run",
                flags=[_b("interactive", "Input transaction in interactive mode", shorthand="i")]),
        Command("compaction [options] <revision>", "Compacts the event history in etcd", run="kv:compaction",
                flags=[_b("physical",
                          "'true' to wait for compaction to physically remove all old revisions")]),
        Command("alarm <subcommand>", "Alarm related commands", commands=[
            Command("disarm", "Disarms all alarms", run="maintenance:alarm_disarm"),
            Command("list", "Lists all alarms", run="maintenance:alarm_list")]),
        Command("defrag", "Defragments the storage of the etcd members with given endpoints",
                run="maintenance:defrag", flags=[
                    _s("data-dir", "Optional. If present, defragments a data directory not in use by etcd.")],
                persistent_flags=[cluster.copy()]),
        Command("endpoint <subcommand>", "Endpoint related commands", persistent_flags=[cluster], commands=[
            Command("health", "Checks the healthiness of endpoints specified in `--endpoints` flag",
                    run="maintenance:endpoint_health"),
            Command("status", "Prints out the status of endpoints specified in `--endpoints` flag",
                    _STATUS_LONG.format("endpoint, ID, version, db size, is leader, is learner, raft term, "
                                        "raft index, raft applied index, errors"),
                    run="maintenance:endpoint_status"),
            Command("hashkv", "Prints the KV history hash for each endpoint in --endpoints",
                    run="maintenance:endpoint_hashkv",
                    persistent_flags=[_i("rev", "maximum revision to hash (default: all revisions)")])]),
        Command("move-leader <transferee-member-id>", "Transfers leadership to another etcd cluster member.",
                run=u),
        Command("watch [options] [key or prefix] [range_end] [--] [exec-command arg1 arg2 ...]",
                "Watches events stream on keys or prefixes", run="watch:run", flags=watch_flags()),
        Command("version", "Prints the version of etcdctl", run="builtin:version"),
        Command("lease <subcommand>", "Lease related commands", commands=[
            Command("grant <ttl>", "Creates leases", run="lease:grant"),
            Command("revoke <leaseID>", "Revokes leases", run="lease:revoke"),
            Command("timetolive <leaseID> [options]", "Get lease information", run="lease:timetolive",
                    flags=[_b("keys", "Get keys attached to this lease")]),
            Command("list", "List all active leases", run="lease:leases"),
            Command("keep-alive [options] <leaseID>", "Keeps leases alive (renew)", run="lease:keep_alive",
                    flags=[_b("once", "Resets the keep-alive time to its original value and exits "
                                      "immediately")])]),
        Command("member <subcommand>", "Membership related commands", commands=[
            Command("add <memberName> [options]", "Adds a member into the cluster", run=u, flags=[
                _s("peer-urls", "comma separated peer URLs for the new member."),
                _b("learner", "indicates if the new member is raft learner")]),
            Command("remove <memberID>", "Removes a member from the cluster", run=u),
            Command("update <memberID> [options]", "Updates a member in the cluster", run=u,
                    flags=[_s("peer-urls", "comma separated peer URLs for the updated member.")]),
            Command("list", "Lists all members in the cluster",
                    _STATUS_LONG.replace("status", "member").format(
                        "ID, Status, Name, Peer Addrs, Client Addrs, Is Learner"),
                    run="maintenance:member_list"),
            Command("promote <memberID>", "Promotes a non-voting member in the cluster",
                    "Promotes a non-voting learner member to a voting one in the cluster.\n", run=u)]),
        Command("snapshot <subcommand>", "Manages etcd node snapshots", commands=[
            Command("save <filename>", "Stores an etcd node backend snapshot to a given file",
                    run="snapshot:save"),
            Command("restore <filename> [options]", "Restores an etcd member snapshot to an etcd directory",
                    run="snapshot:restore", flags=[
                        _s("data-dir", "Path to the data directory"),
                        _s("wal-dir", "Path to the WAL directory (use --data-dir if none given)"),
                        _s("initial-cluster", "Initial cluster configuration for restore bootstrap",
                           "default=http://localhost:2380"),
                        _s("initial-cluster-token", "Initial cluster token for the etcd cluster during "
                                                    "restore bootstrap", "etcd-cluster"),
                        _s("initial-advertise-peer-urls",
                           "List of this member's peer URLs to advertise to the rest of the cluster",
                           "http://localhost:2380"),
                        _s("name", "Human-readable name for this member", "default"),
                        _b("skip-hash-check", "Ignore snapshot integrity hash value (required if copied from "
                                              "data directory)")]),
            Command("status <filename>", "Gets backend snapshot status of a given file",
                    _STATUS_LONG.format("hash, revision, total keys, total size"), run="snapshot:status")]),
        Command("make-mirror [options] <destination>", "Makes a mirror at the destination etcd cluster",
                run=u, flags=[
            _s("prefix", "Key-value prefix to mirror"),
            _s("dest-prefix", "destination prefix to mirror a prefix to a different prefix in the "
                              "destination cluster"),
            _b("no-dest-prefix", "mirror key-values to the root of the destination cluster"),
            _s("dest-cacert", "Verify certificates of TLS enabled secure servers using this CA bundle"),
            _s("dest-cert",
               "Identify secure client using this TLS certificate file for the destination cluster"),
            _s("dest-key", "Identify secure client using this TLS key file"),
            _b("dest-insecure-transport", "Disable transport security for client connections", True)]),
        Command("migrate", "Migrates keys in a v2 store to a mvcc store", run=u, flags=[
            _s("data-dir", "Path to the data directory"), _s("wal-dir", "Path to the WAL directory"),
            _b("no-ttl", "Do not convert TTL keys"),
            _s("transformer", "Path to the user-provided transformer program")]),
        Command("lock <lockname> [exec-command arg1 arg2 ...]", "Acquires a named lock", run=u,
                flags=[_i("ttl", "timeout for session", 10)]),
        Command("elect <election-name> [proposal]", "Observes and participates in leader election", run=u,
                flags=[_b("listen", "observation mode", shorthand="l")]),
        *_auth_commands(),
        _check(),
        Command("help [command]", "Help about any command",
                f"Help provides help for any command in the application.\nSimply type {CLI_NAME} help "
                "[path to command] for full details.", run="builtin:help"),
        _completion(),
        *(Command(f"{name} [command-line]", "Request shell completion choices for the specified command-line",
                  run=f"completion:{function}", hidden=True)
          for name, function in (("__complete", "complete"), ("__completeNoDesc", "complete_no_desc"))),
    )
    return root

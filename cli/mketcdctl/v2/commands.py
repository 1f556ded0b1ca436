"""The command tree of etcdctl 3.4's v2 command set, declared as etcdctl declares it with urfave/cli: names,
usage texts, argument usages, descriptions and flags (so help texts and flag errors match), and for each
runnable command its handler, named "module:function" inside this package and imported only when run.

Commands etcdctl has but mketcdctl does not serve (backup, member add/remove/update, users, roles, auth)
stay in the tree so that help is etcdctl's; running them says they are not supported."""

from __future__ import annotations

from minikube_py.flags.values import Flag

NAME = "etcdctl"
VERSION = "3.4.23"
USAGE = "A simple command line client for etcd."
UNSET_API_WARNING = (
    "\n\nWARNING:\n"
    "   Environment variable ETCDCTL_API is not set; defaults to etcdctl v2.\n"
    "   Set environment variable ETCDCTL_API=3 to use v3 API or ETCDCTL_API=2 to use v2 API.")
DEFAULT_ENDPOINTS = "http://127.0.0.1:2379,http://127.0.0.1:4001"
UNSUPPORTED = "unsupported:run"

# Commands of the ETCDCTL_API=3 set that the v2 set does not have.
V3_ONLY = ("alarm", "check", "compaction", "defrag", "del", "elect", "endpoint", "lease", "lock",
           "make-mirror", "migrate", "move-leader", "put", "snapshot", "txn", "version")


class Command:
    """A urfave/cli command; one with `subcommands` runs as a sub-application ("etcdctl member")."""

    def __init__(self, name: str, usage: str, args_usage: str = "", flags: list[Flag] | None = None, *,
                 run: str = "", description: str = "", subcommands: list[Command] | None = None,
                 aliases: tuple[str, ...] = (), help_name: str = "") -> None:
        self.name, self.usage, self.args_usage = name, usage, args_usage
        self.flags = flags or []
        self.run = run  # the handler, "module:function" in this package
        self.description = description
        self.subcommands = subcommands or []
        self.aliases = aliases
        self.help_name = help_name  # "etcdctl get"; empty for the help command, as urfave/cli leaves it

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)

    def find(self, name: str) -> Command | None:
        return next((command for command in self.subcommands if name in command.names), None)


def _bool(name: str, usage: str, *aliases: str) -> Flag:
    return Flag(name, "bool", False, usage, aliases=list(aliases))


def _string(name: str, usage: str, default: str = "", *aliases: str) -> Flag:
    return Flag(name, "string", default, usage, aliases=list(aliases))


def _int(name: str, usage: str) -> Flag:
    return Flag(name, "int", 0, usage)


HELP_FLAG = _bool("help", "show help", "h")
VERSION_FLAG = _bool("version", "print the version", "v")
# Listed by the root application only; sub-applications ("member") accept it without listing it.
HELP_COMMAND = Command("help", "Shows a list of commands or help for one command", "[command]",
                       aliases=("h",))


def global_flags() -> list[Flag]:
    return [
        _bool("debug", "output cURL commands which can be used to reproduce the request"),
        _bool("no-sync", "don't synchronize cluster information before sending request"),
        _string("output", "output response in the given format (`simple`, `extended` or `json`)", "simple",
                "o"),
        _string("discovery-srv", "domain name to query for SRV records describing cluster endpoints", "",
                "D"),
        _bool("insecure-discovery", "accept insecure SRV records describing cluster endpoints"),
        _string("peers", 'DEPRECATED - "--endpoints" should be used instead', "", "C"),
        _string("endpoint", 'DEPRECATED - "--endpoints" should be used instead'),
        _string("endpoints", "a comma-delimited list of machine addresses in the cluster (default: "
                             f'"{DEFAULT_ENDPOINTS}")'),
        _string("cert-file", "identify HTTPS client using this SSL certificate file"),
        _string("key-file", "identify HTTPS client using this SSL key file"),
        _string("ca-file", "verify certificates of HTTPS-enabled servers using this CA bundle"),
        _string("username", "provide username[:password] and prompt if password is not supplied.", "", "u"),
        Flag("timeout", "duration", 2.0, "connection timeout per request"),
        Flag("total-timeout", "duration", 5.0, "timeout for the command execution (except watch)"),
        HELP_FLAG,
        VERSION_FLAG,
    ]


def _ttl() -> Flag:
    return _int("ttl", "key time-to-live in seconds")


SET_DESCRIPTION = """Set sets the value of a key.

   When <value> begins with '-', <value> is interpreted as a flag.
   Insert '--' for workaround:

   $ set -- <key> <value>"""


def _member() -> Command:
    return Command("member", "member add, remove and list subcommands", subcommands=[
        Command("list", "enumerate existing cluster members", " ", run="members:member_list"),
        Command("add", "add a new member to the etcd cluster", "<name> <peerURL>", run=UNSUPPORTED),
        Command("remove", "remove an existing member from the etcd cluster", "<memberID>", run=UNSUPPORTED),
        Command("update", "update an existing member in the etcd cluster", "<memberID> <peerURLs>",
                run=UNSUPPORTED),
    ])


def _user() -> Command:
    roles = [Flag("roles", "strings", [], "List of roles to grant or revoke")]
    return Command("user", "user add, grant and revoke subcommands", subcommands=[
        Command("add", "add a new user for the etcd cluster", "<user>", run=UNSUPPORTED),
        Command("get", "get details for a user", "<user>", run=UNSUPPORTED),
        Command("list", "list all current users", "<user>", run=UNSUPPORTED),
        Command("remove", "remove a user for the etcd cluster", "<user>", run=UNSUPPORTED),
        Command("grant", "grant roles to an etcd user", "<user>", roles, run=UNSUPPORTED),
        Command("revoke", "revoke roles for an etcd user", "<user>", roles, run=UNSUPPORTED),
        Command("passwd", "change password for a user", "<user>", run=UNSUPPORTED),
    ])


def _role() -> Command:
    def access(verb: str, done: str, read: str, write: str, both: str) -> list[Flag]:
        return [_string("path", f"Path {done} for the role to access"), _bool("read", f"{verb} {read}"),
                _bool("write", f"{verb} {write}"), _bool("readwrite", f"{verb} {both}", "rw")]

    return Command("role", "role add, grant and revoke subcommands", subcommands=[
        Command("add", "add a new role for the etcd cluster", "<role> ", run=UNSUPPORTED),
        Command("get", "get details for a role", "<role>", run=UNSUPPORTED),
        Command("list", "list all roles", " ", run=UNSUPPORTED),
        Command("remove", "remove a role from the etcd cluster", "<role>", run=UNSUPPORTED),
        Command("grant", "grant path matches to an etcd role", "<role>",
                access("Grant", "granted", "read-only access", "write-only access", "read-write access"),
                run=UNSUPPORTED),
        Command("revoke", "revoke path matches for an etcd role", "<role>",
                access("Revoke", "revoked", "read access", "write access", "read-write access"),
                run=UNSUPPORTED),
    ])


def build(api_unset: bool = False) -> Command:
    """The root application; `api_unset` adds the warning etcdctl 3.3 printed when ETCDCTL_API was unset."""
    get_flags = [_bool("sort", "returns result in sorted order"),
                 _bool("quorum", "require quorum for get request", "q")]
    usage = USAGE + (UNSET_API_WARNING if api_unset else "")
    root = Command(NAME, usage, flags=global_flags(), help_name=NAME, subcommands=[
        Command("backup", "backup an etcd directory", " ", [
            _string("data-dir", "Path to the etcd data dir"), _string("wal-dir", "Path to the etcd wal dir"),
            _string("backup-dir", "Path to the backup dir"),
            _string("backup-wal-dir", "Path to the backup wal dir"),
            _bool("with-v3", "Backup v3 backend data"),
        ], run="unsupported:backup"),
        Command("cluster-health", "check the health of the etcd cluster", " ",
                [_bool("forever", "forever check the health every 10 second until CTRL+C", "f")],
                run="members:cluster_health"),
        Command("mk", "make a new key with a given value", "<key> <value>",
                [_bool("in-order", "create in-order key under directory <key>"), _ttl()], run="keys:mk"),
        Command("mkdir", "make a new directory", "<key>", [_ttl()], run="keys:mkdir"),
        Command("rm", "remove a key or a directory", "<key>", [
            _bool("dir", "removes the key if it is an empty directory or a key-value pair"),
            _bool("recursive", "removes the key and all child keys(if it is a directory)", "r"),
            _string("with-value", "previous value"), _int("with-index", "previous index"),
        ], run="keys:rm"),
        Command("rmdir", "removes the key if it is an empty directory or a key-value pair", "<key>",
                run="keys:rmdir"),
        Command("get", "retrieve the value of a key", "<key>", get_flags, run="keys:get"),
        Command("ls", "retrieve a directory", "[key]", [
            get_flags[0], _bool("recursive", "returns all key names recursively for the given path", "r"),
            _bool("p", "append slash (/) to directories"), get_flags[1],
        ], run="keys:ls"),
        Command("set", "set the value of a key", "<key> <value>", [
            _ttl(), _string("swap-with-value", "previous value"), _int("swap-with-index", "previous index"),
        ], run="keys:set_", description=SET_DESCRIPTION),
        Command("setdir", "create a new directory or update an existing directory TTL", "<key>", [_ttl()],
                run="keys:setdir"),
        Command("update", "update an existing key with a given value", "<key> <value>", [_ttl()],
                run="keys:update"),
        Command("updatedir", "update an existing directory", "<key> <value>", [_ttl()], run="keys:updatedir"),
        Command("watch", "watch a key for changes", "<key>", [
            _bool("forever", "forever watch a key until CTRL+C", "f"),
            _int("after-index", "watch after the given index"),
            _bool("recursive", "returns all values for key and child keys", "r"),
        ], run="watch:watch"),
        Command("exec-watch", "watch a key for changes and exec an executable", "<key> <command> [args...]", [
            _int("after-index", "watch after the given index"),
            _bool("recursive", "watch all values for key and child keys", "r"),
        ], run="watch:exec_watch"),
        _member(),
        _user(),
        _role(),
        Command("auth", "overall auth controls", subcommands=[
            Command("enable", "enable auth access controls", " ", run=UNSUPPORTED),
            Command("disable", "disable auth access controls", " ", run=UNSUPPORTED),
        ]),
        HELP_COMMAND,
    ])
    _name_tree(root)
    return root


def _name_tree(parent: Command) -> None:
    """Give every command its help name ("etcdctl member list"), except the help command."""
    for command in parent.subcommands:
        if command is not HELP_COMMAND:
            command.help_name = f"{parent.help_name} {command.name}"
        _name_tree(command)

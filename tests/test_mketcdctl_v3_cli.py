"""mketcdctl's command line as etcdctl 3.4 has it, checked without a server (every case here fails or
finishes before connecting; the endpoint given is a closed port, so an attempt to connect would show):
help texts, flag and command errors with cobra's messages and suggestions, argument errors and their
exit codes, the txn grammar's errors, and the bash completion script."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from etcd_members import free_port
from test_mketcdctl_v3_support import block, ctl, section

REFERENCE = "etcdctl-v3.md"
COUNT_ONLY = "      --count-only[=false]\t\tGet only the count\n"
NOWHERE = f"--endpoints=http://127.0.0.1:{free_port()}"


def _args(command: str) -> list[str]:
    """The etcdctl arguments of a recorded `ETCDCTL_API=3 etcdctl --endpoints=... ARGS` line."""
    words = command.split()
    return [word for word in words[words.index("etcdctl") + 1:] if not word.startswith("--endpoints=")]


HELP_TEXTS = "Help texts (reference for flag names and defaults)"


@pytest.mark.parametrize("title", [recorded.title for recorded in section(REFERENCE, HELP_TEXTS)])
def test_help_texts_are_etcdctls(title: str) -> None:
    recorded = block(REFERENCE, title)
    ran = ctl(None, *_args(recorded.command))
    wanted = recorded.stdout
    if _args(recorded.command)[0] == "get":  # --count-only is etcdctl 3.5's, which mketcdctl has
        wanted = wanted.replace("      --from-key", COUNT_ONLY + "      --from-key", 1)
    assert (ran.stdout, ran.stderr, ran.status) == (wanted, "", 0)


def test_help_command_and_group_commands() -> None:
    assert ctl(None, "help", "lease", "grant").stdout == ctl(None, "lease", "grant", "--help").stdout
    assert ctl(None).stdout == ctl(None, "--help").stdout
    recorded = block(REFERENCE, "unknown subcommand")
    ran = ctl(None, NOWHERE, "endpoint", "frob")
    assert (ran.stdout, ran.stderr, ran.status) == (recorded.stdout, "", 0)
    unknown = ctl(None, "help", "nosuch")
    assert unknown.stderr == "Unknown help topic [`nosuch`]\n" and unknown.status == 0
    assert "help for etcdctl" not in unknown.stdout and unknown.stdout.startswith("NAME:\n\tetcdctl - ")


@pytest.mark.parametrize("title", ["unknown flag", "unknown command",
                                   "ETCDCTL_API=3 with a v2-only command (set)"])
def test_flag_and_command_errors_are_cobras(title: str) -> None:
    recorded = block(REFERENCE, title)
    ran = ctl(None, NOWHERE, *_args(recorded.command))
    stderr = ran.stderr
    if "v2-only" in title:
        stderr = stderr.rsplit("'set' is an ETCDCTL_API=2 command", 1)[0]
    assert (ran.stdout.replace(COUNT_ONLY, ""), stderr, ran.status) == \
        (recorded.stdout, recorded.stderr, recorded.status)


@pytest.mark.parametrize(("command", "args", "error"), [
    (["get"], ["-x", "foo"], "unknown shorthand flag: 'x' in -x"),
    (["get"], ["--limit"], "flag needs an argument: --limit"),
    (["get"], ["-w"], "flag needs an argument: 'w' in -w"),
    (["get"], ["--limit", "abc", "foo"],
     'invalid argument "abc" for "--limit" flag: strconv.ParseInt: parsing "abc": invalid syntax'),
    (["get"], ["---x", "foo"], "bad flag syntax: ---x"),
    (["get"], ["--prefix=maybe", "foo"],
     'invalid argument "maybe" for "--prefix" flag: strconv.ParseBool: parsing "maybe": invalid syntax'),
    (["get"], ["--dial-timeout=soon", "foo"],
     'invalid argument "soon" for "--dial-timeout" flag: time: invalid duration "soon"'),
    (["lease", "grant"], ["-5"], "unknown shorthand flag: '5' in -5"),
])
def test_flag_errors_print_the_commands_usage(command: list[str], args: list[str], error: str) -> None:
    ran = ctl(None, NOWHERE, *command, *args)
    assert (ran.stderr, ran.status) == (f"Error: {error}\n\nError: {error}\n", 1)
    assert ran.stdout == ctl(None, *command, "--help").stdout


def test_suggestions_and_prefixes() -> None:
    ran = ctl(None, NOWHERE, "de", "foo")
    assert ran.stderr.startswith('Error: unknown command "de" for "etcdctl"\n\nDid you mean this?\n'
                                 "\tget\n\tdel\n\tdefrag\n\nRun 'etcdctl --help' for usage.\n")
    # unique prefixes run the command (cobra's prefix matching, on in etcdctl)
    assert ctl(None, NOWHERE, "ver").stdout == "etcdctl version: 3.4.23\nAPI version: 3.4\n"
    flagged = ctl(None, "--nosuch", "get", "k")  # cobra takes "get" as --nosuch's value
    assert flagged.stderr.startswith('Error: unknown command "k" for "etcdctl"\n') and flagged.status == 1
    # while finding the command, cobra does not know -h yet: "get" is its value, the root's help shows
    assert ctl(None, "-h", "get").stdout == ctl(None, "--help").stdout
    assert ctl(None, "lease", "-h", "grant").stdout == ctl(None, "lease", "--help").stdout


@pytest.mark.parametrize("title", [
    "put with no key at all", "get with no key", "del with no key", "snapshot save with no file argument",
    "lease grant with a bad TTL", "put --lease with a non-hex lease", "get -w yaml: unknown format",
])
def test_recorded_argument_errors(title: str) -> None:
    recorded = block(REFERENCE, title)
    ran = ctl(None, NOWHERE, *_args(recorded.command))
    assert (ran.stdout, ran.stderr, ran.status) == (recorded.stdout, recorded.stderr, recorded.status)


@pytest.mark.parametrize(("args", "error", "status"), [
    (["get", "a", "--prefix", "b"], "too many arguments, only accept one argument when `--prefix` or "
                                    "`--from-key` is set", 128),
    (["get", "--prefix", "--from-key", "a"], "`--prefix` and `--from-key` cannot be set at the same time, "
                                             "choose one", 128),
    (["get", "--consistency=x", "a"], 'unknown consistency flag "x"', 4),
    (["get", "--order=up", "a"], "bad sort order up", 4),
    (["get", "--sort-by=size", "a"], "bad sort target size", 4),
    (["put", "--ignore-value", "a", "b"], "put command needs only 1 argument when 'ignore-value' is set",
     128),
    (["del", "a", "b", "c"], "del command needs one argument as key and an optional argument as range_end",
     128),
    (["compaction", "1", "2"], "compaction command needs 1 argument", 128),
    (["lease", "revoke"], "lease revoke command needs 1 argument", 128),
    (["lease", "revoke", "zz"],
     'bad lease ID arg (strconv.ParseInt: parsing "zz": invalid syntax), expecting ID in Hex', 128),
    (["lease", "timetolive"], "lease timetolive command needs lease ID as argument", 128),
    (["lease", "keep-alive"], "lease keep-alive command needs lease ID as argument", 128),
    (["alarm", "list", "x"], "alarm list command accepts no arguments", 128),
    (["snapshot", "status"], "snapshot status requires exactly one argument", 128),
    (["snapshot", "restore"], "snapshot restore requires exactly one argument", 128),
    (["txn", "x"], "txn command does not accept argument", 128),
    (["watch"], "bad number of arguments", 128),
    (["watch", "a", "--"], "bad number of arguments (found separator --, but no commands)", 128),
    (["watch", "--prefix", "a", "b"], "`range_end` and `--prefix` are mutually exclusive", 128),
    (["-w", "protobuf", "get", "a"], "protobuf not supported as output format (mketcdctl speaks etcd's JSON "
                                     "gateway, not gRPC): use -w json", 4),
    (["--user", "root:secret", "get", "a"],
     "--user/--password: authentication is not implemented by mketcdctl (it sends no credentials to the JSON "
     "gateway); use client certificates (--cert/--key)", 1),
    (["--cert=", "get", "a"], "empty string is passed to --cert option", 128),
])
def test_argument_errors(args: list[str], error: str, status: int) -> None:
    ran = ctl(None, NOWHERE, *args)
    assert (ran.stdout, ran.stderr, ran.status) == ("", f"Error: {error}\n", status)


@pytest.mark.parametrize(("stdin", "error"), [
    ('garbage\n\n\n\n', "malformed comparison: garbage"),
    ('value("foo") = bar\n\n\n', 'malformed comparison: value("foo") = bar; got value("foo") = ""'),
    ('value(foo) = "bar"\n\n\n', 'malformed comparison: value(foo) = "bar"; got value("")  ""'),
    ('value("foo")="bar"\n\n\n', 'malformed comparison: value("foo")="bar"; got value("foo")  ""'),
    ('ver("foo") = "x"\n\n\n', 'invalid txn compare request: ver("foo") = "x"'),
    ('c("foo") = "0x10"\n\n\n', 'invalid txn compare request: c("foo") = "0x10"'),
    ('frob("foo") = "1"\n\n\n', 'malformed comparison: frob("foo") = "1" (unknown target frob)'),
    ('value("foo") != "x\\q"\n\n\n', 'malformed comparison: value("foo") != "x\\q"; got value("foo") != ""'),
    ('value("foo") ~ "bar"\n\n\n', 'malformed comparison: value("foo") ~ "bar" (unknown operator ~)'),
    ('value("foo") = "bar"\n\n\n', "EOF"),
    ('value("foo") = "bar"', "EOF"),
    ('value("foo") = "bar"\n\nput\n\n', "invalid txn compare request: put"),
    ('value("foo") = "bar"\n\nfrob a b\n\n', "invalid txn request: frob a b"),
])
def test_txn_grammar_errors_exit_3(stdin: str, error: str) -> None:
    ran = ctl(None, NOWHERE, "txn", stdin=stdin)
    assert (ran.stdout, ran.stderr, ran.status) == ("", f"Error: {error}\n", 3)


def test_txn_operation_errors() -> None:
    bad_flag = ctl(None, NOWHERE, "txn", stdin='value("foo") = "bar"\n\nput --bogus a b\n\n')
    assert bad_flag.status == 3
    assert bad_flag.stderr.startswith("Usage:\n   put [options] <key> <value> (<value> can also be given "
                                      "from stdin) [flags]\n\nFlags:\n  -h, --help           help for put\n")
    lease = '      --lease string   lease ID (in hexadecimal) to attach to the key (default "0")\n'
    assert lease in bad_flag.stderr
    assert bad_flag.stderr.endswith("\n\nError: invalid txn request: put --bogus a b\n")
    no_value = ctl(None, NOWHERE, "txn", stdin='value("foo") = "bar"\n\nput a\n\n')
    assert (no_value.stderr, no_value.status) == (
        "Error: put command needs 1 argument and input from stdin or 2 arguments\n", 128)


def test_completion_script_is_generated_from_the_command_table(tmp_path: Path) -> None:
    script = ctl(None, "completion", "bash").stdout
    committed = Path(__file__).resolve().parents[1] / "completions" / "mketcdctl.bash"
    assert committed.read_text() == script, "completions/mketcdctl.bash is stale: regenerate it"

    def complete(line: str) -> list[str]:
        words = line.split(" ")
        program = (f"source {committed}; COMP_WORDS=({' '.join(repr(word) for word in words)}); "
                   f"COMP_CWORD={len(words) - 1}; _mketcdctl; printf '%s\\n' \"${{COMPREPLY[@]}}\"")
        done = subprocess.run(["bash", "-c", program], capture_output=True, text=True, cwd=tmp_path,
                              timeout=30)
        assert done.returncode == 0, done.stderr
        return done.stdout.split()

    assert complete("mketcdctl le") == ["lease"]
    assert complete("mketcdctl lease t") == ["timetolive"]
    assert complete("mketcdctl --endpoints http://x:1 snapshot s") == ["save", "status"]
    assert complete("mketcdctl get --pr") == ["--prefix", "--print-value-only"]
    assert complete("mketcdctl get -w j") == ["json"]
    assert complete("mketcdctl get --sort-by V") == ["VALUE", "VERSION"]
    (tmp_path / "snap.db").write_bytes(b"")
    assert complete("mketcdctl snapshot status sn") == ["snap.db"]


def test_tables_wrap_long_cells_as_etcdctl_does() -> None:
    """etcdctl's table writer re-flows a cell longer than 30 columns between words and keeps it 30 wide
    (this one is from etcd's documentation: an endpoint with an alarm)."""
    from minikube_py.cli.mketcdctl.v3.gofmt import table

    errors = "memberID:10276657743932975437 alarm:NOSPACE "
    assert table(["endpoint", "errors"], [["127.0.0.1:2379", errors]]) == (
        "+----------------+--------------------------------+\n"
        "|    ENDPOINT    |             ERRORS             |\n"
        "+----------------+--------------------------------+\n"
        "| 127.0.0.1:2379 |  memberID:10276657743932975437 |\n"
        "|                |                 alarm:NOSPACE  |\n"
        "+----------------+--------------------------------+\n")

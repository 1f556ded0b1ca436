"""mkctl's command line as kubectl 1.32 has it, next to the real kubectl on the test apiserver: every
command's help text (after naming the program: mkctl prints "mkctl" where kubectl prints its own name),
`options`, unknown commands and their suggestions, flag errors, group commands run alone, `help`,
`completion`, cobra's `__complete` protocol, and the committed completion scripts (and that bash completes
with them)."""

from __future__ import annotations

import contextlib
import io
import os
import shlex
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from importlib import import_module
from pathlib import Path

import pytest
from apiservers import KUBECTL

from cli.mkctl import commands, completion
from cli.mkctl import help as mkctl_help
from cli.mkctl.help import brand, command_line
from minikube_py.flags.pflag import Command

ROOT = Path(__file__).resolve().parents[1]


def mkctl(*args: str) -> tuple[int, str, str]:
    """mkctl's command line in this process, for the commands whose handlers exist (help, completion)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        found = command_line(commands.build(), list(args))
        if isinstance(found, int):
            code = found
        else:
            command, parsed = found
            module, _, function = command.run.partition(":")
            code = getattr(import_module(f"cli.mkctl.{module}"), function)(command, parsed)
    return code, out.getvalue(), err.getvalue()


def kubectl(apiserver, *args: str) -> tuple[int, str, str]:
    """The real kubectl's answer, with the program named as mkctl names itself."""
    ran = apiserver.kubectl(*args)
    cache = str(apiserver.home / ".kube" / "cache")
    return ran.returncode, *(brand(text.replace(cache, commands.CACHE_DIR)) for text in (ran.stdout, ran.stderr))


def _paths(command: Command) -> list[list[str]]:
    """Every command's words, but hidden ones and `options` (whose --help kubectl leaves empty: tested
    below)."""
    found = [] if command.hidden or command.name == "options" else [command.path().split(" ")[1:]]
    for sub in command.commands:
        found += _paths(sub)
    return found


def test_every_commands_help_is_kubectls(apiserver) -> None:
    paths = _paths(commands.build())
    assert len(paths) > 100
    with ThreadPoolExecutor(4) as pool:
        theirs = list(pool.map(lambda path: kubectl(apiserver, *path, "--help"), paths))
    for path, their in zip(paths, theirs):
        assert mkctl(*path, "--help") == their, path


@pytest.mark.skipif(shutil.which("script") is None, reason="needs script(1) for a terminal")
def test_help_on_a_terminal_wraps_as_kubectls(apiserver, monkeypatch: pytest.MonkeyPatch) -> None:
    """On a terminal kubectl wraps its help at 80, 100 or 120 columns; mkctl wraps its own texts the same
    way (compared here with the program named kubectl, since the name's length moves the breaks)."""
    monkeypatch.setattr(commands, "PROGRAM", "kubectl")
    monkeypatch.setattr(mkctl_help, "PROGRAM", "kubectl")
    environment = {**os.environ, "HOME": str(apiserver.home), "KUBECONFIG": str(apiserver.kubeconfig)}
    for columns, limit in ((80, 80), (110, 100), (70, 0)):
        for path in ([], ["get"], ["create"], ["config", "set-context"]):
            line = f"stty cols {columns}; {KUBECTL} {shlex.join(path)} --help"
            ran = subprocess.run(["script", "-qec", line, "/dev/null"], capture_output=True, text=True,
                                 env=environment, timeout=60)
            command, _ = commands.build().find(path, prefixes=False)
            assert mkctl_help.help_text(command, limit) == ran.stdout.replace("\r\n", "\n"), (columns, path)


def test_options_help_and_group_commands_are_kubectls(apiserver) -> None:
    cases = [[], ["-n", "x"], ["help"], ["options"], ["help", "get"], ["help", "create", "secret"],
             ["help", "nosuch"], ["help", "a", "b"], ["options", "-h"], ["options", "--x"], ["alpha"],
             ["alpha", "--help"], ["alpha", "--x"],
             ["-h", "get"], ["get", "-h"], ["config"], ["create", "secret"], ["rollout"], ["certificate"],
             ["certificate", "nosuch"], ["create", "secret", "nosuch"], ["top", "nosuch"], ["completion"],
             ["completion", "foo"], ["completion", "bash", "zsh"]]
    for args in cases:
        assert mkctl(*args) == kubectl(apiserver, *args), args
    code, out, err = mkctl()
    assert (code, err) == (0, "") and out.startswith("mkctl controls the Kubernetes cluster manager.")
    assert "\nBasic Commands (Beginner):\n  create          Create a resource from a file or from stdin\n" in out
    assert 'Usage:\n  mkctl [flags] [options]\n\nUse "mkctl <command> --help" for more' in out


def test_unknown_commands_and_flags_are_kubectls(apiserver) -> None:
    cases = [["foo"], ["zzzzzz"], ["ge", "pods"], ["creat"], ["get", "--x"], ["get", "-x"], ["--x"],
             ["get", "--chunk-size"], ["get", "-n"], ["get", "pods", "--chunk-size=x"],
             ["create", "secret", "generic", "--x"], ["version", "--client=maybe"], ["config", "view", "--merge=x"],
             ["autoscale", "--max=99999999999"], ["get", "--chunk-size=99999999999999999999"], ["-v", "x"],
             ["get", "--x", "--help"]]
    for args in cases:
        assert mkctl(*args) == kubectl(apiserver, *args), args
    assert mkctl("ge") == (1, "", 'Error: unknown command "ge" for "mkctl"\n\nDid you mean this?\n\tset\n\tget\n'
                                  "\tcp\n\n")
    assert mkctl("get", "--x")[2] == "Error: unknown flag: --x\nSee 'mkctl get --help' for usage.\n"


def test_flags_parse_as_kubectls() -> None:
    root = commands.build()
    command, rest = root.find(["create", "configmap", "x", "--from-literal=a=1,b=2", "--from-file=f,g",
                               "--dry-run", "client", "-n", "ns"], prefixes=False)
    from minikube_py.flags.pflag import parse

    parsed = parse(command.flags(), rest)
    flags = command.flags()
    assert flags["from-literal"] == ["a=1,b=2"]  # a stringArray keeps its commas
    assert flags["from-file"] == ["f", "g"]  # a stringSlice splits
    assert flags["dry-run"] == "unchanged" and parsed.args == ["x", "client"]  # NoOptDefVal, as kubectl
    assert flags["namespace"] == "ns"
    command, rest = commands.build().find(["delete", "pods", "--cascade", "--timeout=1m30s"], prefixes=False)
    parse(command.flags(), rest)
    assert (command.flags()["cascade"], command.flags()["timeout"]) == ("background", 90.0)


def test_deprecated_record_flag_warns_as_kubectls(apiserver) -> None:
    """--record is hidden and deprecated (cli-runtime's RecordFlags): it parses, with pflag's warning."""
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        command, parsed = command_line(commands.build(), ["label", "--record", "pods", "x"])
    assert (command.flags()["record"], parsed.args) == (True, ["pods", "x"])
    assert err.getvalue() == kubectl(apiserver, "label", "--record", "pods", "x")[2].split("\n")[0] + "\n"
    assert "--record" not in mkctl("label", "--help")[1]


COMPLETIONS = [["get", "-"], ["get", "--o"], ["cordon", "--dry-run=client", "--s"], ["get", "-o=j"],
               ["get", "--output=j"], ["get", "-o", ""], ["create", "deployment", ""], ["create", "deployment", "-"],
               ["scale", ""], ["rollout", "status", ""], ["get", "-f", ""], ["completion", "b"], ["c"],
               ["create", "se"], ["config", "u"], ["nosuch", ""], ["get", "--nosuch", ""], ["help", "cr"],
               ["logs", ""], ["get", "pods", "--", "-"], ["kustomize", "--load-restrictor", ""],
               ["apply", "--subresource", "s"], ["version", ""], ["create", "rolebinding", "--user", ""]]


@pytest.mark.parametrize("request_command", ["__complete", "__completeNoDesc"])
def test_complete_answers_as_kubectls(apiserver, request_command: str) -> None:
    for args in COMPLETIONS:
        code, out, err = mkctl(request_command, *args)
        their = kubectl(apiserver, request_command, *args)
        assert (code, out) == their[:2], args
        assert err.endswith(their[2].rsplit("\n", 2)[-2] + "\n")  # "Completion ended with directive: ..."


def test_completion_scripts_are_generated_and_committed() -> None:
    for shell in completion.SHELLS:
        code, out, err = mkctl("completion", shell)
        assert (code, err) == (0, "")
        assert (ROOT / "completions" / f"mkctl.{shell}").read_text() == out, f"completions/mkctl.{shell} is stale"
    assert "complete -o default -F __start_mkctl mkctl" in completion.script("bash", "mkctl")
    assert completion.script("zsh", "mkctl").startswith("#compdef mkctl\ncompdef _mkctl mkctl\n")
    assert "complete -c mkctl -n" in completion.script("fish", "mkctl")


def test_bash_completes_through_complete(tmp_path: Path) -> None:
    """The committed bash script, sourced in bash, asks `mkctl __complete` and offers its answer."""
    shim = tmp_path / "mkctl"
    shim.write_text(f"#!/bin/sh\ncd {ROOT} && exec {sys.executable} -c 'import sys\n"
                    "sys.path.insert(0, \"tests\")\n"
                    "from test_mkctl_commands import mkctl\n"
                    "code, out, err = mkctl(*sys.argv[1:])\n"
                    "sys.stdout.write(out); sys.stderr.write(err); sys.exit(code)' \"$@\"\n")
    shim.chmod(0o755)

    def complete(line: str) -> list[str]:
        words = line.split(" ")
        script = (f"source {ROOT / 'completions' / 'mkctl.bash'}\n"
                  # bash-completion's helper, when the package is not installed
                  "declare -F _get_comp_words_by_ref >/dev/null || _get_comp_words_by_ref() {\n"
                  '  cur="${COMP_WORDS[COMP_CWORD]}"; prev="${COMP_WORDS[COMP_CWORD-1]}"\n'
                  '  words=("${COMP_WORDS[@]}"); cword=$COMP_CWORD; }\n'
                  "compopt() { :; }\n"
                  f"COMP_WORDS=({' '.join(repr(word) for word in words)}); COMP_CWORD={len(words) - 1}\n"
                  f"COMP_LINE={line!r}; COMP_POINT={len(line)}\n"
                  "__start_mkctl; printf '%s\\n' \"${COMPREPLY[@]}\"\n")
        environment = {**os.environ, "PATH": f"{tmp_path}:{os.environ['PATH']}"}
        ran = subprocess.run(["bash", "-c", script], capture_output=True, text=True, env=environment, timeout=30)
        return ran.stdout.split()

    assert complete("mkctl ge") == ["get"]
    assert complete("mkctl rollout st") == ["status"]
    assert complete("mkctl get -o j") == ["json", "jsonpath", "jsonpath-as-json", "jsonpath-file"]

"""mketcdctl's zsh and fish completion: cobra's scripts for the name mketcdctl, committed in completions/,
and the hidden `__complete` command they ask (commands, flags, the values -w and --order accept)."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_mketcdctl_v3_support import ctl

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("shell", ["zsh", "fish"])
def test_scripts_are_generated_and_committed(shell: str) -> None:
    ran = ctl(None, "completion", shell)
    assert (ran.stderr, ran.status) == ("", 0)
    assert (ROOT / "completions" / f"mketcdctl.{shell}").read_text() == ran.stdout, \
        f"completions/mketcdctl.{shell} is stale: regenerate it"
    assert " __completeNoDesc " in ctl(None, "completion", shell, "--no-descriptions").stdout


def test_complete_lists_commands_flags_and_values() -> None:
    ran = ctl(None, "__complete", "lease", "")
    assert ran.stdout == ("grant\tCreates leases\nkeep-alive\tKeeps leases alive (renew)\nlist\tList all active "
                          "leases\nrevoke\tRevokes leases\ntimetolive\tGet lease information\n:4\n")
    assert ran.stderr == "Completion ended with directive: ShellCompDirectiveNoFileComp\n"
    assert ctl(None, "__complete", "get", "--so").stdout == \
        "--sort-by\tSort target; CREATE, KEY, MODIFY, VALUE, or VERSION\n:4\n"
    assert ctl(None, "__completeNoDesc", "get", "-w", "j").stdout == "json\n:4\n"
    assert ctl(None, "__complete", "get", "--order=").stdout == "ASCEND\nDESCEND\n:4\n"
    assert "__complete" not in ctl(None, "--help").stdout

"""Server warnings reach the user as kubectl prints them: `Warning: <text>` on stderr, the command's own
output unchanged."""

from __future__ import annotations

from pathlib import Path

from apiservers import ApiServer, new_namespace
from test_mkctl_create import mkctl


def test_warn_validation_prints_the_servers_warnings_like_kubectl(apiserver: ApiServer, tmp_path: Path) -> None:
    manifest = tmp_path / "cm.yaml"
    manifest.write_text("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: loose}\ndata: {a: '1'}\nbogus: true\n")
    ours = mkctl(apiserver, tmp_path, "-n", new_namespace(apiserver), "apply", "--validate=warn", "-f", str(manifest))
    theirs = apiserver.kubectl("-n", new_namespace(apiserver), "apply", "--validate=warn", "-f", str(manifest))
    assert (ours.returncode, ours.stdout) == (theirs.returncode, theirs.stdout) == (0, "configmap/loose created\n")
    assert 'Warning: unknown field "bogus"' in ours.stderr and 'Warning: unknown field "bogus"' in theirs.stderr

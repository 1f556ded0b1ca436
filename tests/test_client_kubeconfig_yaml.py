"""The fast kubeconfig YAML reader (minikube_py.client._kubeconfig_yaml): whatever it reads equals PyYAML's
`safe_load` of the same text, and it reads the files kubectl and minikube_py.pki write."""

from __future__ import annotations

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from minikube_py.api.generators.output import to_yaml
from minikube_py.client import _kubeconfig_yaml

_TEXT = st.text(alphabet=st.sampled_from(list("aZ09 -_.:/@#'\"{}[]&*!|>%?,=+~\\é\n")), max_size=12)
_SCALAR = st.one_of(st.none(), st.booleans(), st.integers(-1000, 1000), _TEXT,
                    st.sampled_from(["yes", "off", "0755", "1.5", "2024-01-01", "-", "null", "~", "true", ".inf"]))
_KEYS = st.one_of(st.sampled_from(["name", "cluster", "server", "certificate-authority-data", "user", "a.b/c"]),
                  _TEXT)
_VALUES = st.recursive(_SCALAR, lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                        st.dictionaries(_KEYS, inner, max_size=3)), max_leaves=12)


def _agrees(text: str) -> None:
    try:
        value = _kubeconfig_yaml.load(text)
    except _kubeconfig_yaml.Unsupported:
        return
    assert value == yaml.safe_load(text), text


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(_KEYS, _VALUES, max_size=4))
def test_whatever_it_reads_equals_pyyaml(document: dict) -> None:
    _agrees(to_yaml(document))
    _agrees(yaml.safe_dump(document, default_flow_style=False))
    _agrees(yaml.safe_dump(document, default_flow_style=False, indent=4))


@pytest.mark.parametrize("text", [
    "apiVersion: v1\nclusters:\n- cluster:\n    certificate-authority-data: LS0tCg==\n    server: https://127.0.0.1:6443\n"
    "  name: mini\ncontexts:\n- context:\n    cluster: mini\n    namespace: dev\n    user: admin\n  name: admin@mini\n"
    "current-context: admin@mini\nkind: Config\npreferences: {}\nusers:\n- name: admin\n  user:\n    token: abc\n",
    "# kubeadm\napiVersion: v1\nclusters:\n  - name: x\n    cluster:\n      insecure-skip-tls-verify: true\n"
    "      server: 'https://h:1'\nusers: []\ncurrent-context: \"\"\n",
])
def test_it_reads_kubeconfigs_without_pyyaml(text: str) -> None:
    assert _kubeconfig_yaml.load(text) == yaml.safe_load(text)

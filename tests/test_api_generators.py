"""kubectl's generators (`create <generator>`, `run`, `expose`) and its `-o yaml`/`-o json` printers.

The main test reads every `kubectl ... --dry-run=client -o yaml|json` example recorded from kubectl 1.32 in
../shared/reference/kubectl-1.32/offline-generators.md, runs the same command line through the generators and
compares the printed text byte for byte. The others pin kubectl's error messages and the printers' rules."""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from minikube_py.api import generators as gen
from minikube_py.api.generators import GeneratorError, to_json, to_yaml
from minikube_py.api.generators.config import configmap_hash, secret_hash
from minikube_py.api.registry import builtin_registry

REFERENCE = Path(__file__).resolve().parents[2] / "shared/reference/kubectl-1.32/offline-generators.md"
_EXAMPLE = re.compile(r"^`(kubectl [^`]*)`(?: \(against a server\))? -> exit 0\n```(yaml|json)\n(.*?)^```$",
                      re.MULTILINE | re.DOTALL)

# The objects the recording's `expose` commands found on the server.
_SERVER_OBJECTS = {
    ("deployment", "web"): {"apiVersion": "apps/v1", "kind": "Deployment",
                            "metadata": {"name": "web", "labels": {"app": "web"}},
                            "spec": {"replicas": 1, "selector": {"matchLabels": {"app": "web"}},
                                     "template": {"metadata": {"labels": {"app": "web"}},
                                                  "spec": {"containers": [{"name": "nginx", "image": "nginx"}]}}}},
    ("pod", "x"): {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "x", "labels": {"app": "x"}},
                   "spec": {"containers": [{"name": "x", "image": "nginx"}]}},
}
_DEPLOY_YAML = {"apiVersion": "apps/v1", "kind": "Deployment",
                "metadata": {"name": "applied", "labels": {"app": "applied"}},
                "spec": {"replicas": 2, "selector": {"matchLabels": {"app": "applied"}},
                         "template": {"metadata": {"labels": {"app": "applied"}},
                                      "spec": {"containers": [{"name": "nginx", "image": "nginx:1.25"}]}}}}


def _examples() -> list[tuple[str, str, str]]:
    return [(match[1], match[2], match[3]) for match in _EXAMPLE.finditer(REFERENCE.read_text())]


class _CommandLine:
    """A recorded command line: positional words, `--flag=value` flags (repeatable) and the words after `--`."""

    def __init__(self, command: str) -> None:
        words = shlex.split(command)[1:]
        self.after_dash: list[str] = []
        if "--" in words:
            index = words.index("--")
            words, self.after_dash = words[:index], words[index + 1:]
        self.args: list[str] = []
        self.flags: dict[str, list[str]] = {}
        skip = False
        for word in words:
            if skip:
                skip = False
            elif word == "-o":
                skip = True
            elif word.startswith("--"):
                name, _, value = word[2:].partition("=")
                self.flags.setdefault(name, []).append(value if "=" in word else "true")
            else:
                self.args.append(word)

    def one(self, name: str, default: str = "") -> str:
        return self.flags.get(name, [default])[-1]

    def many(self, name: str) -> list[str]:
        return self.flags.get(name, [])

    def split(self, name: str) -> list[str]:
        """A string-slice flag: repeated and comma-separated values."""
        return [part for value in self.many(name) for part in value.split(",")]


def _generate(line: _CommandLine) -> dict[str, Any]:
    """The generator call kubectl makes for the command line."""
    args, one, split, many = line.args, line.one, line.split, line.many
    if args[0] == "run":
        return gen.run_pod(args[1], one("image"), args=line.after_dash, command="command" in line.flags,
                           labels=one("labels"), env=many("env"), port=one("port"), restart=one("restart"),
                           image_pull_policy=one("image-pull-policy"))
    if args[0] == "expose":
        obj = _DEPLOY_YAML if args[1] == "-f" else _SERVER_OBJECTS[(args[1], args[2])]
        return gen.expose(obj, port=one("port"), target_port=one("target-port"), name=one("name"),
                          service_type=one("type"))
    kind, rest = args[1], args[2:]
    if kind == "deployment":
        return gen.deployment(rest[0], split("image"), replicas=int(one("replicas", "1")), port=int(one("port", "-1")),
                              command=line.after_dash)
    if kind == "service":
        return gen.service(gen.SERVICE_TYPES[rest[0]], rest[1], tcp=split("tcp"), cluster_ip=one("clusterip"),
                           node_port=int(one("node-port", "0")), external_name=one("external-name"))
    if kind == "namespace":
        return gen.namespace(rest[0])
    if kind == "configmap":
        return gen.configmap(rest[0], from_file=split("from-file"), from_literal=many("from-literal"),
                             from_env_file=split("from-env-file"))
    if kind == "secret" and rest[0] == "generic":
        return gen.secret_generic(rest[1], secret_type=one("type"), from_literal=many("from-literal"),
                                  from_file=split("from-file"))
    if kind == "secret":
        return gen.secret_docker_registry(rest[1], username=one("docker-username"), password=one("docker-password"),
                                          email=one("docker-email"), server=one("docker-server", gen.config.DOCKER_HUB))
    if kind == "serviceaccount":
        return gen.serviceaccount(rest[0])
    if kind == "quota":
        return gen.quota(rest[0], hard=one("hard"), scopes=one("scopes"))
    resolver = gen.registry_resolver(builtin_registry())
    if kind == "role":
        return gen.role(rest[0], split("verb"), split("resource"), many("resource-name"), resolve=resolver)
    if kind == "clusterrole":
        return gen.clusterrole(rest[0], split("verb"), split("resource"), many("resource-name"),
                               split("non-resource-url"), resolve=resolver)
    if kind == "rolebinding":
        return gen.rolebinding(rest[0], role=one("role"), clusterrole=one("clusterrole"), users=many("user"),
                               groups=many("group"), serviceaccounts=many("serviceaccount"))
    if kind == "clusterrolebinding":
        return gen.clusterrolebinding(rest[0], one("clusterrole"), users=many("user"), groups=many("group"),
                                      serviceaccounts=many("serviceaccount"))
    if kind == "job":
        return gen.job(rest[0], image=one("image"), command=line.after_dash)
    if kind == "cronjob":
        return gen.cronjob(rest[0], one("image"), one("schedule"), command=line.after_dash, restart=one("restart"))
    if kind == "priorityclass":
        return gen.priorityclass(rest[0], value=int(one("value", "0")), global_default=one("global-default") == "true",
                                 description=one("description"),
                                 preemption_policy=one("preemption-policy", "PreemptLowerPriority"))
    if kind in ("poddisruptionbudget", "pdb"):
        return gen.poddisruptionbudget(rest[0], one("selector"), min_available=one("min-available"),
                                       max_unavailable=one("max-unavailable"))
    if kind == "ingress":
        return gen.ingress(rest[0], rules=many("rule"), default_backend=one("default-backend"),
                           ingress_class=one("class"), annotations=many("annotation"))
    raise AssertionError(f"no generator for {args}")


def test_the_reference_has_every_generator_example() -> None:
    examples = _examples()
    assert len(examples) >= 80
    assert {output for _, output, _ in examples} == {"yaml", "json"}


@pytest.mark.parametrize(("command", "output", "expected"), _examples(), ids=lambda value: value.split("\n")[0][:70])
def test_generated_text_matches_kubectl(command: str, output: str, expected: str, tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "app.properties").write_text("color=blue\nsize=large\n")
    (tmp_path / "app.env").write_text("LOG_LEVEL=debug\nPORT=8080\n")
    monkeypatch.chdir(tmp_path)
    obj = _generate(_CommandLine(command))
    assert (to_yaml(obj) if output == "yaml" else to_json(obj)) == expected


# ---- the YAML and JSON printers ----

@pytest.mark.parametrize(("value", "text"), [
    ("plain", "plain"), ("8080", '"8080"'), ("1.5", '"1.5"'), ("1e3", '"1e3"'), ("0x1F", '"0x1F"'), ("+1", '"+1"'),
    ("1_000", '"1_000"'), ("0b101", '"0b101"'), ("09", '"09"'), (".5", '".5"'), (".inf", '".inf"'),
    ("true", '"true"'), ("yes", '"yes"'), ("n", '"n"'), ("Off", '"Off"'), ("null", '"null"'), ("~", '"~"'),
    ("", '""'), ("<<", '"<<"'), ("2024-01-02", '"2024-01-02"'), ("2024-1-2T03:04:05Z", '"2024-1-2T03:04:05Z"'),
    ("2024-13-02", "2024-13-02"), ("2023-02-29", "2023-02-29"), ("2024-02-29", '"2024-02-29"'),
    ("2024-01-02T03:04:05", "2024-01-02T03:04:05"), ("2024-01-02 03:04:05.5", '"2024-01-02 03:04:05.5"'),
    ("1:20", '"1:20"'), ("5678-8080", "5678-8080"), ("50%", "50%"),
    ("*/5 * * * *", "'*/5 * * * *'"), ("it's: x", "'it''s: x'"), ("a #b", "'a #b'"), ("a#b", "a#b"),
    ("- a", "'- a'"), ("-a", "-a"), ("-", "'-'"), ("?", "'?'"), (" lead", "' lead'"), ("trail ", "'trail '"),
    ("@x", "'@x'"), ("u@example.com", "u@example.com"), ("{x}", "'{x}'"), ("a,b", "a,b"), ("---", "'---'"),
    ("...x", "'...x'"),
    ("tab\there", '"tab\\there"'), ("caf\u00e9", "caf\u00e9"), ("\U0001F600", '"\\U0001F600"'),
    ("bell\a", '"bell\\a"'), ('say "hi"', 'say "hi"'), ("/metrics", "/metrics"), ("a: b", "'a: b'"),
])
def test_yaml_scalar_styles_follow_go_yaml(value: str, text: str) -> None:
    assert to_yaml({"k": value}) == f"k: {text}\n"


@pytest.mark.parametrize(("value", "text"), [
    ("color=blue\nsize=large\n", "|\n  color=blue\n  size=large\n"),
    ("a\nb", "|-\n  a\n  b\n"),
    ("a\n\n", "|+\n  a\n\n"),
    (" indented\nx\n", "|2\n   indented\n  x\n"),
    ("a\n\nb\n", "|\n  a\n\n  b\n"),
    ("trailing \nx", '"trailing \\nx"\n'),
])
def test_yaml_multiline_strings_are_literal_blocks(value: str, text: str) -> None:
    assert to_yaml({"k": value}) == f"k: {text}"


def test_yaml_keys_sorted_as_go_yaml_sorts_them() -> None:
    keys = ["b", "a10", "a9", ".dockerconfigjson", "A", "a", "z1", "z01", "n"]
    listed = [line.split(":")[0].strip('"') for line in to_yaml(dict.fromkeys(keys, 1)).splitlines()]
    assert listed == [".dockerconfigjson", "A", "a", "a9", "a10", "b", "n", "z1", "z01"]


def test_yaml_layout_of_nested_collections() -> None:
    value = {"list": [{"a": 1, "b": [1, [2, 3], {}]}, [], None, True, 1.5, 1e6], "empty": {}, "none": None}
    assert to_yaml(value) == ("empty: {}\nlist:\n- a: 1\n  b:\n  - 1\n  - - 2\n    - 3\n  - {}\n- []\n- null\n"
                              "- true\n- 1.5\n- 1e+06\nnone: null\n")
    assert to_yaml([]) == "[]\n"
    assert to_yaml({}) == "{}\n"


def test_yaml_folds_long_lines_at_spaces_past_column_80() -> None:
    words = " ".join(["word"] * 30)
    assert to_yaml({"metadata": {"annotations": {"description": words}}}) == (
        "metadata:\n  annotations:\n    description: word word word word word word word word word word word word"
        " word\n      word word word word word word word word word word word word word word word word\n      word\n")
    quoted = "'" + " ".join(["w"] * 60)
    assert to_yaml({"k": quoted}).splitlines()[1].startswith("  w ")
    assert to_yaml({"k": "x" * 100}) == f"k: {'x' * 100}\n"


def test_json_is_go_marshal_indent() -> None:
    value = {"b": "<a&b>", "a": "caf\u00e9\u2028", "n": [1, 1.0, 1.5, 1e21, 1e-7, True, None], "e": {}, "l": []}
    assert to_json(value) == (
        '{\n    "b": "\\u003ca\\u0026b\\u003e",\n    "a": "caf\u00e9\\u2028",\n    "n": [\n        1,\n        1,\n'
        '        1.5,\n        1e+21,\n        1e-7,\n        true,\n        null\n    ],\n    "e": {},\n'
        '    "l": []\n}\n')


# ---- --append-hash (the vectors of kubectl's util/hash tests) ----

def test_hashes_match_kubectl() -> None:
    assert configmap_hash("", {}) == "42745tchd9"
    assert configmap_hash("", {"two": "2", "one": "", "three": "3"}) == "f5h7t85m9b"
    assert configmap_hash("", None, {"two": b"2", "one": b"", "three": b"3"}) == "t458mc6db2"
    assert configmap_hash("", {"one": ""}, {"two": b""}) == "698h7c7t9m"
    assert secret_hash("", "my-type", {}) == "t75bgf6ctb"
    assert secret_hash("", "my-type", {"two": b"2", "one": b"", "three": b"3"}) == "dgcb6h9tmk"


def test_append_hash_suffixes_the_name() -> None:
    configmap = gen.configmap("cm", from_literal=["a=b"], append_hash=True)
    assert configmap["metadata"]["name"] == "cm-" + configmap_hash("cm", {"a": "b"})
    secret = gen.secret_generic("s", from_literal=["a=b"], append_hash=True)
    assert secret["metadata"]["name"] == "s-" + secret_hash("s", "", {"a": b"b"})


# ---- kubectl's error messages ----

def _fails(message: str, call: Any, *args: Any, **kwargs: Any) -> None:
    with pytest.raises(GeneratorError) as caught:
        call(*args, **kwargs)
    assert str(caught.value) == message


@pytest.mark.parametrize(("message", "call", "args", "kwargs"), [
    ("cannot specify multiple --image options and command", gen.deployment, ("d", ["a", "b"]), {"command": ["x"]}),
    ("either --image or --from must be specified", gen.job, ("j",), {}),
    ("at least one tcp port specifier must be provided", gen.service, ("ClusterIP", "s"), {}),
    ("ClusterIP=None can only be used with ClusterIP service type", gen.service, ("NodePort", "s"),
     {"cluster_ip": "None"}),
    ('strconv.ParseUint: parsing "http": invalid syntax', gen.service, ("ClusterIP", "s"), {"tcp": ["http:80"]}),
    ('strconv.ParseUint: parsing "70000": value out of range', gen.service, ("ClusterIP", "s"), {"tcp": ["70000"]}),
    ("must be between 1 and 65535, inclusive", gen.service, ("ClusterIP", "s"), {"tcp": ["80:0"]}),
    ("must contain only alphanumeric characters (a-z, 0-9), and hyphens (-)", gen.service, ("ClusterIP", "s"),
     {"tcp": ["80:Web"]}),
    ("invalid service external name Bad_Name", gen.service, ("ExternalName", "s"), {"external_name": "Bad_Name"}),
    ("invalid literal source novalue, expected key=value", gen.configmap, ("c",), {"from_literal": ["novalue"]}),
    ("invalid literal source =v, expected key=value", gen.secret_generic, ("s",), {"from_literal": ["=v"]}),
    ('"a b" is not a valid key name for a ConfigMap: a valid config key must consist of alphanumeric characters, '
     "'-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is "
     "'[-._a-zA-Z0-9]+')", gen.configmap, ("c",), {"from_literal": ["a b=1"]}),
    ('cannot add key "a", another key by that name already exists in Data for ConfigMap "c"', gen.configmap, ("c",),
     {"from_literal": ["a=1", "a=2"]}),
    ("cannot add key a, another key by that name already exists", gen.secret_generic, ("s",),
     {"from_literal": ["a=1", "a=2"]}),
    ('".." is not valid key name for a Secret must not be \'..\'', gen.secret_generic, ("s",),
     {"from_literal": ["..=1"]}),
    ("from-env-file cannot be combined with from-file or from-literal", gen.configmap, ("c",),
     {"from_env_file": ["x"], "from_literal": ["a=b"]}),
    ("key names or file paths cannot contain '='", gen.configmap, ("c",), {"from_file": ["a=b=c"]}),
    ("key name for file path x missing", gen.configmap, ("c",), {"from_file": ["=x"]}),
    ("file path for key name x missing", gen.configmap, ("c",), {"from_file": ["x="]}),
    ("error reading /nonexistent/f: no such file or directory", gen.configmap, ("c",),
     {"from_file": ["/nonexistent/f"]}),
    ("either --from-file or the combination of --docker-username, --docker-password and --docker-server is required",
     gen.secret_docker_registry, ("r",), {"username": "u"}),
    ("key and cert must be specified", gen.secret_tls, ("t", "", "k.pem"), {}),
    ("Cannot read file /nonexistent/c.pem, open /nonexistent/c.pem: no such file or directory", gen.secret_tls,
     ("t", "/nonexistent/c.pem", "/nonexistent/k.pem"), {}),
    ("Invalid argument syntax cpu, expected <resource>=<value>", gen.quota, ("q",), {"hard": "cpu"}),
    ("quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'", gen.quota,
     ("q",), {"hard": "cpu=lots"}),
    ('invalid resource quota scope ""', gen.quota, ("q",), {"scopes": "BestEffort,"}),
    ("a selector must be specified", gen.poddisruptionbudget, ("p", ""), {"min_available": "1"}),
    ("one of min-available or max-unavailable must be specified", gen.poddisruptionbudget, ("p", "a=b"), {}),
    ("min-available and max-unavailable cannot be both specified", gen.poddisruptionbudget, ("p", "a=b"),
     {"min_available": "1", "max_unavailable": "1"}),
    ("invalid format specified for max-unavailable", gen.poddisruptionbudget, ("p", "a=b"),
     {"max_unavailable": "10Gb"}),
    ('"!=" is not a valid label selector operator', gen.poddisruptionbudget, ("p", "a!=b"), {"min_available": "1"}),
    ("not enough information provided: every ingress has to either specify a default-backend (which catches all "
     "traffic) or a list of rules (which catch specific paths)", gen.ingress, ("i",), {}),
    ("rule foo.com=svc:80 is invalid and should be in format host/path=svcname:svcport[,tls[=secret]]", gen.ingress,
     ("i",), {"rules": ["foo.com=svc:80"]}),
    ("annotation novalue is invalid and should be in format key=[value]", gen.ingress, ("i",),
     {"rules": ["/=s:80"], "annotations": ["novalue"]}),
    ("default-backend should be in format servicename:serviceport", gen.ingress, ("i",), {"default_backend": "svc"}),
    ("exactly one of clusterrole or role must be specified", gen.rolebinding, ("b",), {}),
    ("serviceaccount must be <namespace>:<name>", gen.rolebinding, ("b",),
     {"role": "r", "serviceaccounts": ["nonamespace"]}),
    ("at least one verb must be specified", gen.role, ("r", [], ["pods"]), {}),
    ("at least one resource must be specified", gen.role, ("r", ["get"], []), {}),
    ("resource must be specified if apiGroup/subresource specified", gen.role, ("r", ["get"], [".apps"]), {}),
    ("can not perform 'bind' on 'pods' in group ''", gen.role, ("r", ["bind"], ["pods"]), {}),
    ("one of resource or nonResourceURL must be specified", gen.clusterrole, ("c", ["get"]), {}),
    ("invalid verb: 'list' for nonResourceURL", gen.clusterrole, ("c", ["list"]), {"non_resource_urls": ["/x"]}),
    ("nonResourceURL should start with /", gen.clusterrole, ("c", ["get"]), {"non_resource_urls": ["x"]}),
    ("nonResourceURL only supports wildcard matches when '*' is at the end", gen.clusterrole, ("c", ["get"]),
     {"non_resource_urls": ["/a*/b"]}),
    ("aggregation rule must be specified without nonResourceURLs, verbs, resources or resourceNames", gen.clusterrole,
     ("c", ["get"]), {"aggregation_rule": {"a": "b"}}),
    ("--image is required", gen.run_pod, ("p", ""), {}),
    ('Invalid image name "Nginx": invalid reference format', gen.run_pod, ("p", "Nginx"), {}),
    ("-i/--stdin is required for containers with -t/--tty=true", gen.run_pod, ("p", "nginx"), {"tty": True}),
    ("--port must be set when exposing a service", gen.run_pod, ("p", "nginx"), {"expose": True}),
    ("invalid restart policy: Sometimes", gen.run_pod, ("p", "nginx"), {"restart": "Sometimes"}),
    ("invalid image pull policy: Maybe", gen.run_pod, ("p", "nginx"), {"image_pull_policy": "Maybe"}),
    ("invalid env: 1X=a", gen.run_pod, ("p", "nginx"), {"env": ["1X=a"]}),
    ("invalid env: NOVALUE", gen.run_pod, ("p", "nginx"), {"env": ["NOVALUE"]}),
    ("unexpected label spec: a", gen.run_pod, ("p", "nginx"), {"labels": "a"}),
    ("invalid annotations format: x, y", gen.run_pod, ("p", "nginx"), {"annotations": ["x", "a=b", "y"]}),
    ('strconv.ParseUint: parsing "-1": invalid syntax', gen.run_pod, ("p", "nginx"), {"port": "-1"}),
])
def test_kubectl_error_messages(message: str, call: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    _fails(message, call, *args, **kwargs)


def test_name_from_args_is_a_usage_error() -> None:
    with pytest.raises(GeneratorError) as caught:
        gen.name_from_args([])
    assert (str(caught.value), caught.value.usage) == ("exactly one NAME is required, got 0", True)
    assert gen.name_from_args(["web", "sleep", "1"], args_len_at_dash=1) == "web"
    _fails("exactly one NAME is required, got 2", gen.name_from_args, ["a", "b"])


# ---- --from-file / --from-env-file ----

def test_configmap_from_a_directory_takes_its_regular_files_in_name_order(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text("two")
    (tmp_path / "a.txt").write_text("one")
    (tmp_path / "blob").write_bytes(b"\xff\x00")
    (tmp_path / "sub").mkdir()
    (tmp_path / "link").symlink_to(tmp_path / "a.txt")
    configmap = gen.configmap("c", from_file=[str(tmp_path)])
    assert configmap["data"] == {"a.txt": "one", "b.txt": "two"}
    assert configmap["binaryData"] == {"blob": "/wA="}
    assert list(configmap) == ["kind", "apiVersion", "metadata", "data", "binaryData"]
    _fails("cannot give a key name for a directory path", gen.configmap, "c", from_file=[f"k={tmp_path}"])


def test_file_sources_take_a_key_and_secrets_keep_bytes(tmp_path: Path) -> None:
    (tmp_path / "id_rsa").write_bytes(b"\xffkey")
    secret = gen.secret_generic("s", from_file=[f"ssh-privatekey={tmp_path / 'id_rsa'}"], from_literal=["z=1"])
    assert secret["data"] == {"ssh-privatekey": "/2tleQ==", "z": "MQ=="}
    assert "type" not in secret


def test_env_files_skip_blanks_and_comments_and_read_unset_values_from_the_environment(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FROM_ENV", "inherited")
    env_file = tmp_path / "app.env"
    env_file.write_bytes(b"\xef\xbb\xbfA=1\r\n\n   # comment\n  B= spaced \nFROM_ENV\nEMPTY=\n")
    assert gen.configmap("c", from_env_file=[str(env_file)])["data"] == {
        "A": "1", "B": " spaced ", "EMPTY": "", "FROM_ENV": "inherited"}
    env_file.write_text("1BAD=x\n")
    _fails('"1BAD" is not a valid key name: a valid environment variable name must consist of alphabetic '
           "characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or "
           "'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')",
           gen.configmap, "c", from_env_file=[str(env_file)])
    _fails("env config file cannot be a directory", gen.configmap, "c", from_env_file=[str(tmp_path)])
    _fails("env secret file cannot be a directory", gen.secret_generic, "s", from_env_file=[str(tmp_path)])


def test_docker_registry_secret_from_a_config_file(tmp_path: Path) -> None:
    config = tmp_path / "config.json"
    config.write_text('{"auths":{}}')
    secret = gen.secret_docker_registry("r", from_file=[f".dockerconfigjson={config}"], namespace="team")
    assert secret["metadata"] == {"name": "r", "namespace": "team", "creationTimestamp": None}
    assert secret["data"] == {".dockerconfigjson": "eyJhdXRocyI6e319"}
    assert secret["type"] == "kubernetes.io/dockerconfigjson"


def _key_pair(tmp_path: Path, name: str) -> tuple[str, str]:
    import datetime

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(subject).issuer_name(subject).public_key(key.public_key())
            .serial_number(1).not_valid_before(now).not_valid_after(now + datetime.timedelta(days=1))
            .sign(key, hashes.SHA256()))
    cert_path, key_path = tmp_path / f"{name}.crt", tmp_path / f"{name}.key"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return str(cert_path), str(key_path)


def test_tls_secret_needs_a_matching_pair(tmp_path: Path) -> None:
    cert, key = _key_pair(tmp_path, "a")
    other_cert, other_key = _key_pair(tmp_path, "b")
    secret = gen.secret_tls("t", cert, key)
    assert secret["type"] == "kubernetes.io/tls"
    assert list(secret["data"]) == ["tls.crt", "tls.key"]
    _fails("tls: private key does not match public key", gen.secret_tls, "t", cert, other_key)
    (tmp_path / "empty").write_text("nothing here")
    _fails("tls: failed to find any PEM data in certificate input", gen.secret_tls, "t", str(tmp_path / "empty"), key)
    _fails("tls: failed to find certificate PEM data in certificate input, but did find a private key; PEM inputs "
           "may have been switched", gen.secret_tls, "t", key, key)
    (tmp_path / "two.pem").write_bytes(Path(key).read_bytes() + Path(other_key).read_bytes())
    _fails('tls: failed to find "CERTIFICATE" PEM block in certificate input after skipping PEM blocks of the '
           "following types: [PRIVATE KEY PRIVATE KEY]", gen.secret_tls, "t", str(tmp_path / "two.pem"), key)
    _fails("tls: found a certificate rather than a key in the PEM for the private key", gen.secret_tls, "t", cert,
           other_cert)


# ---- workloads ----

def test_deployment_container_names_come_from_the_images() -> None:
    suffixes = iter(["aaaaa", "bbbbb"])
    deployment = gen.deployment("d", ["registry:5000/team/my_app:1.0", "busybox@sha256:abc", "web.server"],
                                port=8080, suffix=lambda: next(suffixes))
    containers = deployment["spec"]["template"]["spec"]["containers"]
    assert [item["name"] for item in containers] == ["my-app-aaaaa", "busybox", "web-server-bbbbb"]
    assert containers[0]["ports"] == [{"containerPort": 8080}] and "ports" not in containers[1]


def test_namespace_flag_sets_metadata_namespace_after_the_name() -> None:
    deployment = gen.deployment("d", ["nginx"], namespace="team")
    assert list(deployment["metadata"]) == ["name", "namespace", "creationTimestamp", "labels"]
    assert "namespace" not in deployment["spec"]["template"]["metadata"]


def test_job_from_a_cronjob_copies_its_template() -> None:
    cronjob = gen.cronjob("nightly", "busybox", "0 0 * * *", command=["date"], restart="Never")
    cronjob["metadata"]["uid"] = "1234"
    cronjob["spec"]["jobTemplate"]["metadata"]["labels"] = {"team": "a"}
    job = gen.job("manual", from_cronjob=cronjob)
    assert job["metadata"] == {
        "name": "manual", "creationTimestamp": None, "labels": {"team": "a"},
        "annotations": {"cronjob.kubernetes.io/instantiate": "manual"},
        "ownerReferences": [{"apiVersion": "batch/v1", "kind": "CronJob", "name": "nightly", "uid": "1234",
                             "controller": True}]}
    assert job["spec"]["template"]["spec"]["restartPolicy"] == "Never"
    _fails("cannot specify --from and command", gen.job, "m", command=["x"], from_cronjob=cronjob)
    _fails("unknown object type *v1.Deployment", gen.job, "m", from_cronjob=gen.deployment("d", ["nginx"]))


# ---- run ----

def test_run_pod_interactive_privileged_annotated() -> None:
    pod = gen.run_pod("shell", "busybox", args=["sh"], stdin=True, tty=True, privileged=True,
                      annotations=["a=1", "b=x=y"], labels={"app": "shell"}, namespace="dev")
    assert pod["metadata"] == {"name": "shell", "namespace": "dev", "creationTimestamp": None,
                               "labels": {"app": "shell"}, "annotations": {"a": "1", "b": "x=y"}}
    assert pod["spec"]["containers"] == [{"name": "shell", "image": "busybox", "args": ["sh"], "resources": {},
                                          "securityContext": {"privileged": True}, "stdin": True,
                                          "stdinOnce": True, "tty": True}]
    assert pod["spec"]["restartPolicy"] == "OnFailure"
    assert "stdinOnce" not in gen.run_pod("s", "busybox", stdin=True, leave_stdin_open=True)["spec"]["containers"][0]


def test_run_expose_service() -> None:
    assert to_yaml(gen.run_service("web", "80")) == (
        "apiVersion: v1\nkind: Service\nmetadata:\n  creationTimestamp: null\n  name: web\nspec:\n  ports:\n"
        "  - port: 80\n    protocol: TCP\n    targetPort: 80\n  selector:\n    run: web\nstatus:\n  loadBalancer: {}\n")
    service = gen.run_service("web", "80", labels="app=web")
    assert service["metadata"]["labels"] == service["spec"]["selector"] == {"app": "web"}


# ---- expose ----

def _pod(ports: list[dict[str, Any]], labels: dict[str, str] | None = None) -> dict[str, Any]:
    return {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p", "labels": labels or {"app": "p"}},
            "spec": {"containers": [{"name": "c", "image": "i", "ports": ports}]}}


def test_expose_reads_ports_and_protocols_from_the_object() -> None:
    multi = gen.expose(_pod([{"containerPort": 80}, {"containerPort": 53, "protocol": "UDP"}]))
    assert multi["spec"]["ports"] == [{"name": "port-1", "protocol": "TCP", "port": 80, "targetPort": 80},
                                      {"name": "port-2", "protocol": "UDP", "port": 53, "targetPort": 53}]
    both = gen.expose(_pod([{"containerPort": 53, "protocol": "UDP"}, {"containerPort": 53}]))
    assert both["spec"]["ports"] == [{"name": "port-1-udp", "protocol": "UDP", "port": 53, "targetPort": 53},
                                     {"name": "port-1-tcp", "protocol": "TCP", "port": 53, "targetPort": 53}]
    named = gen.expose(_pod([{"containerPort": 80}]), target_port="http", service_type="LoadBalancer",
                       load_balancer_ip="10.0.0.9", session_affinity="ClientIP", external_ip="1.2.3.4")
    assert list(named["spec"]) == ["ports", "selector", "type", "externalIPs", "sessionAffinity", "loadBalancerIP"]
    assert named["spec"]["ports"][0]["targetPort"] == "http"


def test_expose_refusals() -> None:
    configmap = {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "c"}}
    _fails("cannot expose a ConfigMap", gen.expose, configmap)
    _fails("cannot expose a StatefulSet.apps", gen.expose, {"apiVersion": "apps/v1", "kind": "StatefulSet"})
    _fails("couldn't find port via --port flag or introspection", gen.expose, _pod([]))
    assert "ports" not in gen.expose(_pod([]), cluster_ip="None")["spec"]
    unlabeled = _pod([{"containerPort": 80}])
    unlabeled["metadata"]["labels"] = {}
    _fails("couldn't retrieve selectors via --selector flag or introspection: the pod has no labels and cannot be "
           "exposed", gen.expose, unlabeled)
    deployment = gen.deployment("d", ["nginx"])
    deployment["spec"]["selector"] = {"matchLabels": {"app": "d"},
                                      "matchExpressions": [{"key": "tier", "operator": "In", "values": ["a", "b"]}]}
    _fails('couldn\'t retrieve selectors via --selector flag or introspection: couldn\'t convert expressions - '
           '"[{Key:tier Operator:In Values:[a b]}]" to map-based selector format', gen.expose, deployment, port="80")
    _fails("unknown session affinity: Sticky", gen.expose, _pod([{"containerPort": 80}]), session_affinity="Sticky")
    _fails('strconv.Atoi: parsing "http": invalid syntax', gen.expose, _pod([]), port="http")


# ---- RBAC ----

def test_role_resources_resolve_through_discovery() -> None:
    resolver = gen.registry_resolver(builtin_registry())
    role = gen.role("r", ["get", "get", "list"], ["po", "deploy", "rs.apps/scale", "pods"], ["a", "a"],
                    resolve=resolver)
    assert role["rules"] == [
        {"verbs": ["get", "list"], "apiGroups": [""], "resources": ["pods"], "resourceNames": ["a"]},
        {"verbs": ["get", "list"], "apiGroups": ["apps"], "resources": ["deployments", "replicasets/scale"],
         "resourceNames": ["a"]}]
    assert gen.role("r", ["list", "*"], ["*", "pods"], resolve=resolver)["rules"] == [
        {"verbs": ["*"], "apiGroups": [""], "resources": ["*"]}]
    _fails("no matches for /, Resource=Foos", gen.role, "r", ["get"], ["Foos"], resolve=resolver)
    _fails("no matches for apps/, Resource=pods", gen.role, "r", ["get"], ["pods.apps"], resolve=resolver)
    assert gen.role("r", ["get"], ["Pods"], resolve=resolver)["rules"][0]["resources"] == ["pods"]
    assert gen.role("r", ["impersonate"], ["users"], resolve=resolver)["rules"][0]["resources"] == ["users"]
    assert gen.nonstandard_verb_warnings(["get", "frob"]) == ["Warning: 'frob' is not a standard resource verb"]


def test_clusterrole_with_an_aggregation_rule_has_null_rules() -> None:
    role = gen.clusterrole("agg", aggregation_rule={"rbac.example.com/aggregate": "true"})
    assert to_json(role) == (
        '{\n    "kind": "ClusterRole",\n    "apiVersion": "rbac.authorization.k8s.io/v1",\n    "metadata": {\n'
        '        "name": "agg",\n        "creationTimestamp": null\n    },\n    "rules": null,\n'
        '    "aggregationRule": {\n        "clusterRoleSelectors": [\n            {\n'
        '                "matchLabels": {\n                    "rbac.example.com/aggregate": "true"\n'
        '                }\n            }\n        ]\n    }\n}\n')


def test_bindings_list_users_then_groups_then_service_accounts() -> None:
    binding = gen.clusterrolebinding("b", "view", users=["u"], groups=["g"], serviceaccounts=["ns:sa"])
    assert [subject["kind"] for subject in binding["subjects"]] == ["User", "Group", "ServiceAccount"]
    assert "subjects" not in gen.rolebinding("b", role="r")


# ---- ingress, pdb ----

def test_ingress_groups_paths_by_host_and_secrets() -> None:
    ingress = gen.ingress("i", rules=["foo.com/=svc:https,tls", "foo.com/admin*=admin:8080",
                                      "bar.com/*=svc2:http,tls=secret1", "baz.com/x=s:80,tls=secret1"],
                          default_backend="default:http", ingress_class="nginx", annotations=["a=b"])
    spec = ingress["spec"]
    assert list(spec) == ["ingressClassName", "defaultBackend", "tls", "rules"]
    assert spec["defaultBackend"] == {"service": {"name": "default", "port": {"name": "http"}}}
    assert spec["tls"] == [{"hosts": ["foo.com"]}, {"hosts": ["bar.com", "baz.com"], "secretName": "secret1"}]
    assert spec["rules"][0]["http"]["paths"] == [
        {"path": "/", "pathType": "Exact", "backend": {"service": {"name": "svc", "port": {"name": "https"}}}},
        {"path": "/admin", "pathType": "Prefix",
         "backend": {"service": {"name": "admin", "port": {"number": 8080}}}}]
    assert ingress["metadata"]["annotations"] == {"a": "b"}


def test_pdb_selector_expressions() -> None:
    pdb = gen.poddisruptionbudget("p", "tier in (b,a),app=web,!legacy", max_unavailable="1")
    assert pdb["spec"] == {"selector": {"matchLabels": {"app": "web"},
                                        "matchExpressions": [{"key": "legacy", "operator": "DoesNotExist"},
                                                             {"key": "tier", "operator": "In",
                                                              "values": ["a", "b"]}]},
                           "maxUnavailable": 1}
    _fails('"gt" isn\'t supported in label selectors', gen.poddisruptionbudget, "p", "a>1", min_available="1")


def test_save_config_annotation_holds_the_object_without_it() -> None:
    deployment = gen.with_last_applied_configuration(gen.deployment("web", ["nginx"], namespace="team"))
    meta = deployment["metadata"]
    assert list(meta) == ["name", "namespace", "creationTimestamp", "labels", "annotations"]
    applied = meta["annotations"]["kubectl.kubernetes.io/last-applied-configuration"]
    assert applied.startswith('{"kind":"Deployment","apiVersion":"apps/v1","metadata":{"name":"web","namespace":'
                              '"team","creationTimestamp":null,"labels":{"app":"web"}},"spec":{"replicas":1,')
    assert applied.endswith('"strategy":{}},"status":{}}\n')
    assert gen.with_last_applied_configuration(deployment) == deployment
    assert "kubectl.kubernetes.io/last-applied-configuration: |\n      {" in to_yaml(deployment)


def test_yaml_long_and_multiline_keys_are_complex_keys() -> None:
    assert to_yaml({"k" * 129: "v", "short": 1}) == f"? {'k' * 129}\n: v\nshort: 1\n"
    assert to_yaml({"a\nb": {"x": 1}}) == "? |-\n  a\n  b\n:\n  x: 1\n"


@pytest.mark.parametrize(("command", "output", "expected"), [case for case in _examples() if case[1] == "json"],
                         ids=lambda value: value.split("\n")[0][:70])
def test_generated_objects_survive_a_round_trip_through_their_go_types(
        command: str, output: str, expected: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from minikube_py.api.generators._typed import as_typed

    (tmp_path / "app.properties").write_text("color=blue\nsize=large\n")
    (tmp_path / "app.env").write_text("LOG_LEVEL=debug\nPORT=8080\n")
    monkeypatch.chdir(tmp_path)
    obj = _generate(_CommandLine(command))
    assert to_json(as_typed(obj)) == to_json(obj)


def test_overrides_patch_the_generated_object_and_keep_go_field_order() -> None:
    pod = gen.run_pod("nginx", "nginx")
    merged = gen.apply_overrides(pod, '{"spec": {"nodeName": "n1", "bogus": 1}, "metadata": {"labels": {"x": "y"}}}')
    assert list(merged["spec"]) == ["containers", "restartPolicy", "dnsPolicy", "nodeName"]
    assert merged["metadata"]["labels"] == {"run": "nginx", "x": "y"}
    strategic = gen.apply_overrides(pod, '{"spec": {"containers": [{"name": "nginx", "tty": true}]}}', "strategic")
    assert strategic["spec"]["containers"] == [{"name": "nginx", "image": "nginx", "resources": {}, "tty": True}]
    patched = gen.apply_overrides(pod, '[{"op": "add", "path": "/spec/hostNetwork", "value": true}]', "json")
    assert patched["spec"]["hostNetwork"] is True
    service = gen.apply_overrides(gen.run_service("web", "80"), '{"spec": {"ports": [{"port": 81}]}}')
    assert service["spec"]["ports"] == [{"port": 81, "targetPort": 0}]
    assert gen.apply_overrides(pod, "") is pod
    _fails("invalid override type: yaml", gen.apply_overrides, pod, "{}", "yaml")
    _fails("Invalid JSON Patch", gen.apply_overrides, pod, "{not json")


def test_job_from_a_cronjob_is_written_in_go_field_order() -> None:
    cronjob = gen.cronjob("nightly", "busybox", "0 0 * * *")
    cronjob["spec"]["jobTemplate"]["spec"] = {"template": cronjob["spec"]["jobTemplate"]["spec"]["template"],
                                              "backoffLimit": 6, "unknownField": True, "completions": 1}
    job = gen.job("manual", from_cronjob=cronjob)
    assert list(job["spec"]) == ["completions", "backoffLimit", "template"]


_TEXT = st.text(alphabet=st.sampled_from(list("ab01:#-?. '\"\n\t,[]{}!|>%@`*&~eE+_xyz\u00e9")), max_size=12).filter(
    lambda text: text != "=")   # PyYAML alone reads a bare `=` as its "value" tag
_JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-10**6, 10**6) | _TEXT,
    lambda children: st.lists(children, max_size=3) | st.dictionaries(_TEXT, children, max_size=3), max_leaves=10)


@settings(max_examples=300, deadline=None)
@given(_JSON_VALUES)
def test_printed_text_reads_back_as_the_same_value(value: Any) -> None:
    import yaml

    assert yaml.safe_load(to_yaml(value)) == value
    assert json.loads(to_json(value)) == value


def test_name_printer() -> None:
    deployment = gen.deployment("web", ["nginx"])
    assert gen.to_name(deployment, "created (dry run)") == "deployment.apps/web created (dry run)\n"
    assert gen.to_name(gen.configmap("c")) == "configmap/c\n"
    assert gen.to_name(gen.role("r", ["get"], ["pods"])) == "role.rbac.authorization.k8s.io/r\n"

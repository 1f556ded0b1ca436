"""Label selectors and name checks: kubectl's `-l` syntax as the apiserver reads it, its 400 messages, the
canonical form, LabelSelector objects, and apimachinery's name/label format messages."""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from minikube_py.api import names
from minikube_py.api.errors import StatusError
from minikube_py.api.labels import Requirement, from_label_selector, parse_selector, selector_from_set

QUALIFIED_NAME_RULE = ("must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an "
                       "alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for "
                       "validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')")
LABEL_VALUE_RULE = ("a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', "
                    "and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or "
                    "'12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')")
SUBDOMAIN_RULE = ("a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', "
                  "and must start and end with an alphanumeric character (e.g. 'example.com', regex used for "
                  "validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')")


def error_of(text: str) -> StatusError:
    with pytest.raises(StatusError) as caught:
        parse_selector(text)
    return caught.value


@pytest.mark.parametrize(("text", "canonical"), [
    ("app=web", "app=web"),
    ("app==web", "app==web"),
    ("app!=web", "app!=web"),
    ("tier in (web, db)", "tier in (db,web)"),
    ("tier notin (x,x)", "tier notin (x)"),
    ("  zone , !legacy ,app=web ", "app=web,!legacy,zone"),
    ("a in (x,,y)", "a in (,x,y)"),
    ("a in ()", "a in ()"),
    ("a=", "a="),
    ("size>3,size<10", "size>3,size<10"),
    ("in in (in, notin)", "in in (in,notin)"),
    ("example.com/app=web", "example.com/app=web"),
    ("", ""),
    (" \t\n", ""),
])
def test_parse_and_canonical_form(text: str, canonical: str) -> None:
    selector = parse_selector(text)
    assert str(selector) == canonical
    assert str(parse_selector(canonical)) == canonical
    assert selector.empty == (canonical == "")


@pytest.mark.parametrize(("text", "message"), [
    ("a b", "unable to parse requirement: found 'b', expected: in, notin, =, ==, !=, gt, lt"),
    ("a!b", "unable to parse requirement: found '!', expected: in, notin, =, ==, !=, gt, lt"),
    ("=b", "found '=', expected: !, identifier, or 'end of string'"),
    ("a,", "found '', expected: identifier after ','"),
    ("a=b c", "found 'c', expected: ',' or 'end of string'"),
    ("a=b=c", "found '=', expected: ',' or 'end of string'"),
    ("!a=b", "found '=', expected: ',' or 'end of string'"),
    ("!", "unable to parse requirement: found '', expected: identifier"),
    ("a=(", "unable to parse requirement: found '(', expected: identifier"),
    ("a in x", "unable to parse requirement: found 'x' expected: '('"),
    ("a in (x y)", "unable to parse requirement: found 'y', expected: ',' or ')'"),
    ("a in (,", "unable to parse requirement: found '', expected: ',', or identifier"),
    ("a in (x,=)", "unable to parse requirement: found '=', expected: ',', or identifier"),
    ("a in =", "unable to parse requirement: found '=' expected: '('"),
    ("a>x", "unable to parse requirement: values[0]: Invalid value: \"x\": for 'Gt', 'Lt' operators, the value "
            "must be an integer"),
    ("a_=b", f'unable to parse requirement: <nil>: Invalid value: "a_": name part {QUALIFIED_NAME_RULE}'),
    ("a=-b", f'unable to parse requirement: values[0][a]: Invalid value: "-b": {LABEL_VALUE_RULE}'),
    ("a=" + "b" * 64, f'unable to parse requirement: values[0][a]: Invalid value: "{"b" * 64}": must be no more '
                      "than 63 characters"),
    ("Example.com/a=b", "unable to parse requirement: <nil>: Invalid value: \"Example.com/a\": prefix part "
                        + SUBDOMAIN_RULE),
])
def test_parse_errors_are_bad_requests_with_apimachinery_messages(text: str, message: str) -> None:
    err = error_of(text)
    assert (err.code, err.reason, err.message) == (400, "BadRequest", message)


def test_several_bad_values_are_listed_once_each() -> None:
    err = error_of("a in (-x, y-, -x)")
    assert err.message == ("unable to parse requirement: [values[0][a]: Invalid value: \"-x\": "
                           f"{LABEL_VALUE_RULE}, values[1][a]: Invalid value: \"y-\": {LABEL_VALUE_RULE}]")


@pytest.mark.parametrize(("text", "matching", "not_matching"), [
    ("app=web", [{"app": "web"}, {"app": "web", "x": "y"}], [{}, {"app": "db"}, {"app": ""}]),
    ("app!=web", [{}, {"app": "db"}, {"app": ""}], [{"app": "web"}]),
    ("app=", [{"app": ""}], [{}, {"app": "web"}]),
    ("tier in (web,db)", [{"tier": "web"}, {"tier": "db"}], [{}, {"tier": "cache"}]),
    ("tier notin (web,db)", [{}, {"tier": "cache"}], [{"tier": "web"}]),
    ("tier", [{"tier": ""}, {"tier": "x"}], [{}]),
    ("!tier", [{}, {"app": "x"}], [{"tier": ""}]),
    ("n>3", [{"n": "4"}, {"n": "+10"}], [{}, {"n": "3"}, {"n": "x"}, {"n": "4.5"}]),
    ("n<3", [{"n": "-7"}], [{"n": "3"}, {}]),
    ("app=web,!legacy,tier in (fe)", [{"app": "web", "tier": "fe"}], [{"app": "web", "tier": "fe", "legacy": ""}]),
])
def test_matching(text: str, matching: list[dict[str, str]], not_matching: list[dict[str, str]]) -> None:
    selector = parse_selector(text)
    assert all(selector.matches(labels) for labels in matching)
    assert not any(selector.matches(labels) for labels in not_matching)


def test_objects_without_labels_match_only_negative_selectors() -> None:
    assert parse_selector("").matches(None)
    assert parse_selector("!a,b notin (c),d!=e").matches(None)
    assert not parse_selector("a").matches(None)


def test_label_selector_objects() -> None:
    selector = from_label_selector({"matchLabels": {"app": "web"}, "matchExpressions": [
        {"key": "tier", "operator": "In", "values": ["fe", "be"]},
        {"key": "legacy", "operator": "DoesNotExist"},
        {"key": "zone", "operator": "Exists"},
        {"key": "env", "operator": "NotIn", "values": ["dev"]}]})
    assert str(selector) == "app=web,env notin (dev),!legacy,tier in (be,fe),zone"
    assert selector.matches({"app": "web", "tier": "be", "zone": "a"})
    assert not selector.matches({"app": "web", "tier": "be", "zone": "a", "env": "dev"})
    assert from_label_selector({}).empty and from_label_selector({}).matches({"x": "y"})
    nothing = from_label_selector(None)
    assert not nothing.empty and not nothing.matches({}) and str(nothing) == ""


@pytest.mark.parametrize(("selector", "message"), [
    ({"matchExpressions": [{"key": "a", "operator": "In"}]},
     "values: Invalid value: []string(nil): for 'in', 'notin' operators, values set can't be empty"),
    ({"matchExpressions": [{"key": "a", "operator": "Exists", "values": ["x", "y"]}]},
     "values: Invalid value: []string{\"x\", \"y\"}: values set must be empty for exists and does not exist"),
    ({"matchExpressions": [{"key": "a", "operator": "Equals", "values": ["x"]}]},
     '"Equals" is not a valid label selector operator'),
    ({"matchLabels": {"a b": "-"}},
     f'[key: Invalid value: "a b": name part {QUALIFIED_NAME_RULE}, values[0][a b]: Invalid value: "-": '
     f"{LABEL_VALUE_RULE}]"),
])
def test_label_selector_object_errors(selector: dict, message: str) -> None:
    with pytest.raises(StatusError) as caught:
        from_label_selector(selector)
    assert caught.value.message == message


def test_selector_from_a_set_and_requirements() -> None:
    selector = selector_from_set({"b": "2", "a": "1"})
    assert str(selector) == "a=1,b=2"
    assert selector.matches({"a": "1", "b": "2", "c": "3"}) and not selector.matches({"a": "1"})
    assert selector_from_set({}).empty
    assert str(Requirement.new("size", "gt", ["5"])) == "size>5"


def test_matching_ten_thousand_objects_is_cheap() -> None:
    selector = parse_selector("app=web,tier in (fe,be),!legacy,zone notin (z9)")
    objects = [{"app": "web" if i % 2 else "db", "tier": ("fe", "be", "cache")[i % 3], "zone": f"z{i % 10}"}
               for i in range(10_000)]
    start = time.perf_counter()
    matched = sum(1 for labels in objects if selector.matches(labels))
    assert time.perf_counter() - start < 0.5
    assert matched == sum(1 for i in range(10_000) if i % 2 and i % 3 != 2 and i % 10 != 9)


# ---- names ----

def test_name_checks_messages() -> None:
    assert names.is_qualified_name("app_") == [f"name part {QUALIFIED_NAME_RULE}"]
    assert names.is_qualified_name("example.com/app") == []
    assert names.is_qualified_name("/app") == ["prefix part must be non-empty"]
    assert names.is_qualified_name("a/b/c") == [
        f"a qualified name {QUALIFIED_NAME_RULE} with an optional DNS subdomain prefix and '/' (e.g. "
        "'example.com/MyName')"]
    assert names.is_qualified_name("x" * 64) == ["name part must be no more than 63 characters"]
    assert names.is_valid_label_value("") == []
    assert names.is_valid_label_value("-x") == [LABEL_VALUE_RULE]
    assert names.is_dns1123_subdomain("Web") == [SUBDOMAIN_RULE]
    assert names.is_dns1123_subdomain("web.example.com") == []
    assert names.is_dns1123_label("a.b") == ["must not contain dots"]
    assert names.is_dns1123_label("A") == [
        "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and "
        "end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is "
        "'[a-z0-9]([-a-z0-9]*[a-z0-9])?')"]
    assert names.is_dns1035_label("1abc") == [
        "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic "
        "character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for "
        "validation is '[a-z]([-a-z0-9]*[a-z0-9])?')"]
    assert names.is_dns1123_subdomain("a" * 254)[0] == "must be no more than 253 characters"


def test_generate_name_prefixes_may_end_with_a_dash() -> None:
    assert names.name_is_dns_subdomain("web-", True) == []
    assert names.name_is_dns_subdomain("web-", False) == [SUBDOMAIN_RULE]
    assert names.name_is_dns_label("web-", True) == []


def test_annotations() -> None:
    assert names.annotation_key_errors("Example.com/Note") == []
    assert names.annotation_key_errors("a b") == [f"name part {QUALIFIED_NAME_RULE}"]
    assert names.annotations_size_errors({"k": "v" * (256 * 1024 - 1)}) == []
    assert names.annotations_size_errors({"k": "v" * (256 * 1024)}) == ["may not be more than 262144 bytes"]


# ---- properties: the canonical form round-trips and selects the same label sets ----

KEYS = st.sampled_from(["a", "b", "app", "in", "notin", "example.com/tier", "x.y_z-1"])
VALUES = st.sampled_from(["", "v", "w", "in", "1", "10"])   # "-3" is no label value: `a<-3` is refused
SPACE = st.sampled_from(["", " ", "\t", "  "])
WORD_SPACE = st.sampled_from([" ", "\t", " \n "])


@st.composite
def requirement_texts(draw: st.DrawFn) -> tuple[str, tuple]:
    key, kind = draw(KEYS), draw(st.sampled_from(["=", "==", "!=", "in", "notin", "exists", "!", "gt", "lt"]))
    sp = draw(SPACE)
    if kind == "exists":
        return key, (kind, key, ())
    if kind == "!":
        return f"!{sp}{key}", (kind, key, ())
    if kind in ("gt", "lt"):
        number = draw(st.integers(0, 20))
        return f"{key}{sp}{'>' if kind == 'gt' else '<'}{draw(SPACE)}{number}", (kind, key, (str(number),))
    if kind in ("in", "notin"):
        values = draw(st.lists(VALUES.filter(bool), min_size=1, max_size=3))
        inner = ",".join(f"{draw(SPACE)}{value}{draw(SPACE)}" for value in values)
        return f"{key}{draw(WORD_SPACE)}{kind}{draw(WORD_SPACE)}({inner})", (kind, key, tuple(values))
    value = draw(VALUES)
    return f"{key}{sp}{kind}{draw(SPACE)}{value}", (kind, key, (value,))


def reference_match(requirements: list[tuple], labels: dict[str, str]) -> bool:
    def one(kind: str, key: str, values: tuple) -> bool:
        present, value = key in labels, labels.get(key)
        if kind in ("=", "==", "in"):
            return present and value in values
        if kind in ("!=", "notin"):
            return not present or value not in values
        if kind == "exists":
            return present
        if kind == "!":
            return not present
        if not present or not value.lstrip("+-").isdigit():
            return False
        return int(value) > int(values[0]) if kind == "gt" else int(value) < int(values[0])
    return all(one(*requirement) for requirement in requirements)


LABEL_SETS = st.dictionaries(KEYS, st.sampled_from(["", "v", "w", "in", "1", "-3", "+4", "10"]), max_size=4)


@settings(max_examples=300, deadline=None)
@given(st.lists(requirement_texts(), max_size=4), st.lists(LABEL_SETS, min_size=1, max_size=8))
def test_selectors_round_trip_and_match_as_written(parts: list[tuple[str, tuple]],
                                                   label_sets: list[dict[str, str]]) -> None:
    text = ",".join(part for part, _ in parts)
    selector = parse_selector(text)
    canonical = str(selector)
    again = parse_selector(canonical)
    assert str(again) == canonical
    for labels in label_sets:
        expected = reference_match([requirement for _, requirement in parts], labels)
        assert selector.matches(labels) == expected
        assert again.matches(labels) == expected

"""The transport's pure parts: request targets (query, `--request-timeout`), Go duration texts, Warning headers,
and kubectl's texts for failures to connect."""

from __future__ import annotations

import socket
import ssl

import pytest

from minikube_py.client.kubeconfig import Connection
from minikube_py.client.transport import Transport, _warning_text, connection_error_text, go_duration


@pytest.mark.parametrize("seconds, text", [(5, "5s"), (60, "1m0s"), (3600, "1h0m0s"), (0.5, "500ms"),
                                           (32, "32s"), (90.5, "1m30.5s")])
def test_go_duration(seconds: float, text: str) -> None:
    assert go_duration(seconds) == text


def test_targets_carry_the_server_path_the_query_and_the_request_timeout() -> None:
    transport = Transport(Connection(server="https://h:6443/prefix/"), timeout=32)
    assert transport.url("/api/v1/pods", {"labelSelector": "a=b,c", "watch": True, "limit": None}) == \
        "/prefix/api/v1/pods?labelSelector=a%3Db%2Cc&watch=true&timeout=32s"
    assert Transport(Connection(server="http://h")).url("/version") == "/version"


def test_warning_headers_read_as_kubectl_prints_them() -> None:
    assert _warning_text('299 - "spec.x: deprecated \\"y\\""') == 'spec.x: deprecated "y"'
    assert _warning_text("199 agent text") == "199 agent text"


@pytest.mark.parametrize("error, text", [
    (ConnectionRefusedError(111, "Connection refused"),
     "The connection to the server h:1 was refused - did you specify the right host or port?"),
    (socket.gaierror(-2, "Name or service not known"),
     "Unable to connect to the server: dial tcp: lookup h: no such host"),
    (TimeoutError(), "Unable to connect to the server: net/http: request canceled (Client.Timeout exceeded while "
                     "awaiting headers)"),
    (OSError(113, "No route to host"), "Unable to connect to the server: dial tcp h:1: connect: no route to host"),
])
def test_connection_failures_are_kubectls_texts(error: BaseException, text: str) -> None:
    assert connection_error_text(error, "h:1") == text


def test_a_server_refusing_our_certificate_is_a_remote_tls_error() -> None:
    error = ssl.SSLError(1, "[SSL: TLSV1_ALERT_UNKNOWN_CA] tlsv1 alert unknown ca")
    error.reason = "TLSV1_ALERT_UNKNOWN_CA"
    assert connection_error_text(error, "h:1") == \
        "Unable to connect to the server: remote error: tls: unknown certificate authority"

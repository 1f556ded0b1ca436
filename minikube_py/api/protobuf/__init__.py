"""Kubernetes protobuf request bodies (`application/vnd.kubernetes.protobuf`), read into JSON-shaped objects.

kubectl 1.32 sends protobuf for `create <generator>`, `create token`, `auth can-i`, `autoscale`, `certificate
approve`, and DELETE bodies (DeleteOptions) of `drain --disable-eviction`; `decode_object(body)` returns what the
same request in JSON would have carried."""

from minikube_py.api.protobuf.decode import decode_object
from minikube_py.api.protobuf.envelope import PROTOBUF, is_protobuf

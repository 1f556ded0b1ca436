"""The etcd member `mk-etcd`: etcd 3.4's HTTP APIs (the v3 JSON gateway, the v2 keys API, health,
version, metrics) over HTTP or HTTPS, on the store in minikube_py.store."""

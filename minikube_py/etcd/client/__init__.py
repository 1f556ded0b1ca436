"""Clients of etcd's HTTP APIs (the v3 JSON gateway and the v2 keys API), used by `mketcdctl` and the
apiserver. They speak only HTTP, so they work against `mk-etcd` and a real etcd 3.4+ alike."""

"""The kube-apiserver: the Kubernetes REST API on the etcd layer (`mk-apiserver`)."""

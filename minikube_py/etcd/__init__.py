"""The etcd side of minikube-py: the member (`server/`), its clients (`client/`) and what both share."""

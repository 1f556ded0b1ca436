"""`python -m minikube_py.etcd.server`: the same as the `mk-etcd` console script."""

from .main import main

main()

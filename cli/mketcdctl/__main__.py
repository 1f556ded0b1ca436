"""`python -m minikube_py.cli.mketcdctl`: the same as the `mketcdctl` console script."""

from . import console

console()

"""minikube-py: a Kubernetes control plane you can pip install.

Kept import-free so that `mketcdctl` and `mkctl` start fast: every subpackage imports what it needs.
"""

__version__ = "0.1.0"

"""The cluster PKI as kubeadm lays out /etc/kubernetes/pki: CAs, the apiserver's and etcd's certificates
and their clients, service-account keys, kubeconfigs with embedded credentials, and the expiration
report. Depends on `cryptography` (and pyyaml for kubeconfigs) only."""

from .cluster import ClusterPKI, create_pki
from .expiration import check_expiration
from .kubeconfig import issue_client_certificate, write_admin_kubeconfig, write_kubeconfig

__all__ = ["ClusterPKI", "create_pki", "check_expiration", "issue_client_certificate",
           "write_admin_kubeconfig", "write_kubeconfig"]

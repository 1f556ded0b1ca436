"""Admission control: kube-apiserver's plugins (NamespaceLifecycle, LimitRanger, ServiceAccount, NodeRestriction,
DefaultTolerationSeconds, ResourceQuota and the smaller ones), chained by `AdmissionChain` in Kubernetes' order."""

from .attributes import CONNECT, CREATE, DELETE, UPDATE, AdmissionAttributes, Reader, User
from .chain import DEFAULT_ON, ORDERED_PLUGINS, AdmissionChain, enabled_plugins, flag_errors
from .resource_quota import quota_usage

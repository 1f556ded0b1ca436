"""Admission control: the plugins kube-apiserver runs on every write (NamespaceLifecycle, LimitRanger,
ServiceAccount, NodeRestriction, DefaultTolerationSeconds, ResourceQuota), chained by `AdmissionChain`."""

from .attributes import CONNECT, CREATE, DELETE, UPDATE, AdmissionAttributes, Reader, User
from .chain import DEFAULT_ON, ORDERED_PLUGINS, AdmissionChain, enabled_plugins, flag_errors
from .resource_quota import quota_usage

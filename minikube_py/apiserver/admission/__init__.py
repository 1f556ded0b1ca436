"""Admission control: the plugins kube-apiserver runs on every write (NamespaceLifecycle, LimitRanger,
ServiceAccount, NodeRestriction, DefaultTolerationSeconds, ResourceQuota), chained by `AdmissionChain`."""

from .attributes import CONNECT, CREATE, DELETE, UPDATE, AdmissionAttributes, Reader, User

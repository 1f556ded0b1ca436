"""RBAC bindings (`NAME ROLE AGE` + USERS/GROUPS/SERVICEACCOUNTS). Roles and cluster roles have no printer:
their stores use the default table (Name, Created At)."""

from __future__ import annotations

from typing import Any

from .columns import AGE, NAME, Column, Printer, age, name


def _binding_row(obj: dict[str, Any], now: float) -> list[Any]:
    role = obj.get("roleRef") or {}
    users: list[str] = []
    groups: list[str] = []
    service_accounts: list[str] = []
    for subject in obj.get("subjects") or []:
        kind, subject_name = subject.get("kind"), subject.get("name", "")
        if kind == "ServiceAccount":
            service_accounts.append(f"{subject.get('namespace', '')}/{subject_name}")
        elif kind == "User":
            users.append(subject_name)
        elif kind == "Group":
            groups.append(subject_name)
    return [name(obj), f"{role.get('kind', '')}/{role.get('name', '')}", age(obj, now), ", ".join(users),
            ", ".join(groups), ", ".join(service_accounts)]


def _binding_columns(kind: str, role_doc: str) -> tuple[Column, ...]:
    return (
        NAME,
        Column("Role", "string", role_doc),  # rbac/v1beta1's doc, which Kubernetes still cites here
        AGE,
        Column("Users", "string", f"Users in the {kind}", priority=1),
        Column("Groups", "string", f"Groups in the {kind}", priority=1),
        Column("ServiceAccounts", "string", f"ServiceAccounts in the {kind}", priority=1),
    )


_FAILS = "If the RoleRef cannot be resolved, the Authorizer must return an error."

PRINTERS = {
    ("rbac.authorization.k8s.io", "RoleBinding"): Printer(_binding_columns(
        "roleBinding",
        f"RoleRef can reference a Role in the current namespace or a ClusterRole in the global namespace. {_FAILS}",
    ), _binding_row),
    ("rbac.authorization.k8s.io", "ClusterRoleBinding"): Printer(_binding_columns(
        "clusterRoleBinding", f"RoleRef can only reference a ClusterRole in the global namespace. {_FAILS}",
    ), _binding_row),
}

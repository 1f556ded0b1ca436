"""Every way the apiserver changes an object from a request body: JSON patch, merge patch, strategic merge patch
and server-side apply, with the `metadata.managedFields` bookkeeping of every write.

Modules: `json_patch` (RFC 6902), `merge_patch` (RFC 7386), `strategic` (apimachinery's strategic merge patch and
the three-way patch kubectl's client-side apply sends), `fieldsets` (structured-merge-diff's field sets, fieldsV1,
comparing two objects), `managed_fields` (managedFields entries, `record_update` for every write), `apply`
(`server_side_apply`)."""

from minikube_py.api.patch.apply import server_side_apply
from minikube_py.api.patch.managed_fields import record_update

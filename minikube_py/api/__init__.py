"""The Kubernetes object model shared by the apiserver, `mkctl` and the components: the registry of served
resources, schemas, defaulting, validation, labels/fields selectors, quantities, patches, table printers.

Objects stay JSON-shaped dicts everywhere; the modules here are small functions over them. Heavy imports
(jsonschema, the schema file) happen inside the functions that need them."""

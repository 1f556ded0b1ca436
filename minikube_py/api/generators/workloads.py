"""`kubectl create deployment|job|cronjob`: the objects they build (apps/v1 Deployment, batch/v1 Job and CronJob)."""

from __future__ import annotations

import random
from typing import Callable

from ._common import Obj, container, metadata, new_object
from ._typed import as_typed
from .errors import GeneratorError

_RAND_ALPHABET = "bcdfghjklmnpqrstvwxz2456789"   # apimachinery's util/rand alphabet


def random_suffix(length: int = 5) -> str:
    """utilrand.String: what kubectl appends to a sanitized container name."""
    return "".join(random.choice(_RAND_ALPHABET) for _ in range(length))


def _container_name(image: str, suffix: Callable[[], str]) -> str:
    """The image's last path element without tag or digest; `_`/`.` turned to `-` plus a random suffix."""
    name = image.split("/")[-1].split(":")[0].split("@")[0]
    if "_" in name or "." in name:
        name = f"{name.replace('_', '-').replace('.', '-')}-{suffix()}"
    return name


def deployment(name: str, images: list[str], replicas: int = 1, port: int = -1, command: list[str] | None = None,
               namespace: str = "", suffix: Callable[[], str] = random_suffix) -> Obj:
    """`kubectl create deployment NAME --image=... [--replicas] [--port] [-- COMMAND...]`."""
    if len(images) > 1 and command:
        raise GeneratorError("cannot specify multiple --image options and command")
    labels = {"app": name}
    containers = [container(_container_name(image, suffix), image, command=command,
                            ports=[{"containerPort": port}] if index == 0 and port >= 0 else None)
                  for index, image in enumerate(images)]
    spec = {"replicas": replicas, "selector": {"matchLabels": labels},
            "template": {"metadata": metadata(labels=labels), "spec": {"containers": containers}},
            "strategy": {}}
    return new_object("apps/v1", "Deployment", metadata(name, namespace, labels), spec=spec, status={})


def _pod_template(name: str, image: str, command: list[str] | None, restart_policy: str) -> Obj:
    return {"metadata": metadata(),
            "spec": {"containers": [container(name, image, command=command)], "restartPolicy": restart_policy}}


def job(name: str, image: str = "", command: list[str] | None = None, from_cronjob: Obj | None = None,
        namespace: str = "") -> Obj:
    """`kubectl create job NAME --image=... [-- COMMAND...]`, or `--from=cronjob/NAME` given the fetched CronJob."""
    if bool(image) == (from_cronjob is not None):
        raise GeneratorError("either --image or --from must be specified")
    if command and from_cronjob is not None:
        raise GeneratorError("cannot specify --from and command")
    if from_cronjob is None:
        return new_object("batch/v1", "Job", metadata(name, namespace),
                          spec={"template": _pod_template(name, image, command, "Never")}, status={})
    if from_cronjob.get("kind") != "CronJob":
        version = from_cronjob.get("apiVersion", "").rpartition("/")[2]
        raise GeneratorError(f"unknown object type *{version}.{from_cronjob.get('kind')}")
    template = from_cronjob.get("spec", {}).get("jobTemplate", {})
    template_meta = template.get("metadata") or {}
    annotations = {"cronjob.kubernetes.io/instantiate": "manual", **(template_meta.get("annotations") or {})}
    meta = metadata(name, namespace, template_meta.get("labels"), annotations)
    owner = from_cronjob.get("metadata", {})
    meta["ownerReferences"] = [{"apiVersion": "batch/v1", "kind": "CronJob", "name": owner.get("name", ""),
                                "uid": owner.get("uid", ""), "controller": True}]
    return as_typed(new_object("batch/v1", "Job", meta, spec=template.get("spec") or {}, status={}))


def cronjob(name: str, image: str, schedule: str, command: list[str] | None = None, restart: str = "",
            namespace: str = "") -> Obj:
    """`kubectl create cronjob NAME --image=... --schedule=... [--restart] [-- COMMAND...]`."""
    job_template = {"metadata": metadata(name),
                    "spec": {"template": _pod_template(name, image, command, restart or "OnFailure")}}
    return new_object("batch/v1", "CronJob", metadata(name, namespace),
                      spec={"schedule": schedule, "jobTemplate": job_template}, status={})

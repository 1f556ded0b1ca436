"""Package discovery for the ARCHITECTURE §2 layout: `cli/` ships as `minikube_py.cli` and `pki/` as
`minikube_py.pki`, beside `minikube_py/` itself. pyproject.toml cannot express a find over mapped
directories, so the package list is computed here; works for normal and editable installs."""
from setuptools import find_packages, setup

ROOTS = {"minikube_py": "minikube_py", "minikube_py.cli": "cli", "minikube_py.pki": "pki"}


def packages() -> list[str]:
    found = []
    for name, path in ROOTS.items():
        found.append(name)
        found.extend(f"{name}.{sub}" for sub in find_packages(path))
    return found


setup(packages=packages(), package_dir=ROOTS)

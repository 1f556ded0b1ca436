"""`mkctl`: kubectl's command line over minikube_py.client (issue 4: being built; the command tree comes next)."""

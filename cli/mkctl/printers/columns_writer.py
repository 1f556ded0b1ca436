"""The tabwriter kubectl writes its tables through, as `printers.GetNewTabWriter` configures it
(github.com/liggitt/tabwriter: minimal cell width 6, tab width 4, padding 3, spaces, RememberWidths)."""

from __future__ import annotations

from minikube_py.tabwriter import TabWriter


def kubectl_tabwriter() -> TabWriter:
    return TabWriter(min_width=6, tab_width=4, padding=3, pad_char=" ", remember_widths=True)

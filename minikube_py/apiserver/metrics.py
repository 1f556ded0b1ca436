"""`/metrics`: the apiserver's request counters, latencies and open watches in Prometheus' text format, under
kube-apiserver's metric names (`apiserver_request_total`, `apiserver_request_duration_seconds`,
`apiserver_longrunning_requests`)."""

from __future__ import annotations

import collections

from .requestinfo import RequestInfo

_BUCKETS = (0.005, 0.025, 0.05, 0.1, 0.2, 0.4, 0.6, 0.8, 1.0, 2.0, 5.0, 10.0, 30.0, 60.0)


class Metrics:
    def __init__(self) -> None:
        self._total: collections.Counter[tuple[str, ...]] = collections.Counter()
        self._latency: dict[tuple[str, ...], list[float]] = {}  # bucket counts, then sum, then count
        self._watching: collections.Counter[tuple[str, ...]] = collections.Counter()

    def watch_started(self, info: RequestInfo) -> None:
        self._watching[(info.group, info.version, info.resource)] += 1

    def watch_ended(self, info: RequestInfo) -> None:
        self._watching[(info.group, info.version, info.resource)] -= 1

    def observe(self, info: RequestInfo, method: str, code: int, seconds: float) -> None:
        verb = info.verb.upper() if info.resource_request else method
        labels = (verb, info.group, info.version, info.resource, info.subresource, str(code))
        self._total[labels] += 1
        if info.verb == "watch":
            return
        series = self._latency.setdefault(labels[:5], [0.0] * (len(_BUCKETS) + 2))
        for index, bound in enumerate(_BUCKETS):
            if seconds <= bound:
                series[index] += 1
        series[-2] += seconds
        series[-1] += 1

    def render(self) -> str:
        lines = ["# HELP apiserver_request_total Counter of apiserver requests broken out for each verb, dry run "
                 "value, group, version, resource, scope, component, and HTTP response code.",
                 "# TYPE apiserver_request_total counter"]
        for (verb, group, version, resource, subresource, code), count in sorted(self._total.items()):
            lines.append(f'apiserver_request_total{{code="{code}",group="{group}",resource="{resource}",'
                         f'subresource="{subresource}",verb="{verb}",version="{version}"}} {count}')
        lines += ["# HELP apiserver_request_duration_seconds Response latency distribution in seconds for each verb, "
                  "dry run value, group, version, resource, subresource, scope and component.",
                  "# TYPE apiserver_request_duration_seconds histogram"]
        for (verb, group, version, resource, subresource), series in sorted(self._latency.items()):
            labels = (f'group="{group}",resource="{resource}",subresource="{subresource}",verb="{verb}",'
                      f'version="{version}"')
            for bound, count in zip(_BUCKETS, series):
                lines.append(f'apiserver_request_duration_seconds_bucket{{{labels},le="{bound}"}} {int(count)}')
            lines.append(f'apiserver_request_duration_seconds_bucket{{{labels},le="+Inf"}} {int(series[-1])}')
            lines.append(f"apiserver_request_duration_seconds_sum{{{labels}}} {series[-2]}")
            lines.append(f"apiserver_request_duration_seconds_count{{{labels}}} {int(series[-1])}")
        lines += ["# HELP apiserver_longrunning_requests Gauge of all active long-running apiserver requests broken "
                  "out by verb, group, version, resource, scope and component.",
                  "# TYPE apiserver_longrunning_requests gauge"]
        for (group, version, resource), count in sorted(self._watching.items()):
            lines.append(f'apiserver_longrunning_requests{{group="{group}",resource="{resource}",verb="WATCH",'
                         f'version="{version}"}} {count}')
        return "\n".join(lines) + "\n"

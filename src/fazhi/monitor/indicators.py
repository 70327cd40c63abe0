"""The monitor's figures for the annual report and the indicators page (政务公开: the
monthly portal-monitoring bulletin, seed 一(六)3): bulletins issued and the rectification
tasks raised from them, each able to list its records."""

from __future__ import annotations

from fazhi.core.indicators import Indicator, between, in_subtree, register

from .models import Bulletin, Rectification

MODULE = "monitor"

register(
    Indicator(
        "MON-BULLETINS",
        "网站监测通报数",
        "期",
        "当年印发的政府网站监测月度通报（每个网站每月一期；重新生成不另计）。",
        "成文日期",
        MODULE,
        lambda org, p: in_subtree(Bulletin.objects.all(), org, "site__org").filter(
            between("issued_on", p)
        ),
    )
)
register(
    Indicator(
        "MON-RECTIFICATIONS",
        "依通报下达整改任务数",
        "件",
        "当年依据网站监测通报整改清单下达的督办整改任务。",
        "下达日期",
        MODULE,
        lambda org, p: in_subtree(Rectification.objects.all(), org, "bulletin__site__org").filter(
            between("task__received_on", p)
        ),
    )
)

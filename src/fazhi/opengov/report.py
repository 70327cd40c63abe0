"""Open government's paragraph of the annual report (一(六)3 加强政务公开), in the seed's
phrasing (shared/seed, 一(六)3), every figure an indicator of ``indicators.py`` ({CODE}; the
report writes it in the indicator's format and links it to its records). Registered from
``apps.py``; the office may edit the words (the indicators stay).

The monthly portal-monitoring bulletin (“每月出具监测结果通报”) is the monitor's work
(MON-BULLETINS), but the seed states no figure for it and a part without figures is printed
only where its module prints figures: the sentence stays in this paragraph, literal. “全部按期
答复” is the seed's claim that GK-REQ-ON-TIME equals GK-REQ-RECEIVED; the demo's test checks
the two figures agree.
"""

from __future__ import annotations

from fazhi.core.reportparts import Part, register

MODULE = "opengov"

PORTAL = (
    "以政府门户网站为载体，大力推进政府信息主动公开，出台了《关于进一步加强区政府门户网站内容保障"
    "及常态化检测评估工作的通知》，明确各部门责任分工，每月出具监测结果通报；督促各部门及时准确"
    "保障政务公开工作。"
)
REQUESTS = "加强依申请公开政府信息工作，共受理政府信息公开申请{GK-REQ-RECEIVED}，全部按期答复。"

PARTS = (
    Part("一(六)3", MODULE, PORTAL, order=10),
    Part("一(六)3", MODULE, REQUESTS, order=20),
)


def register_parts() -> None:
    for part in PARTS:
        register(part)

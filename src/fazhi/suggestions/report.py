"""Suggestions' part of the annual report (一(六)1 自觉接受监督, the first of three parts:
suggestions, the hotline, audit), in the seed's phrasing (shared/seed, 一(六)1), every figure
an indicator of ``indicators.py`` ({CODE}; the report writes it in the indicator's format and
links it to its records). Registered from ``apps.py``; the office may edit the words.

“所有建议、意见均在规定时间内办理完毕” is the seed's claim that SG-ON-TIME equals
SG-RECEIVED; the words stay literal and the demo's test checks the two figures agree.
"""

from __future__ import annotations

from fazhi.core.reportparts import Part, register

MODULE = "suggestions"

SUPERVISION = (
    "主动接受人大和政协监督，受理建议、提案{SG-RECEIVED}，所有建议、意见均在规定时间内办理完毕。"
)

PARTS = (Part("一(六)1", MODULE, SUPERVISION, order=10),)


def register_parts() -> None:
    for part in PARTS:
        register(part)

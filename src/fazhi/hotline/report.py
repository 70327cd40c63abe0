"""The hotline's part of the annual report (一(六)1 自觉接受监督, the second of three parts:
suggestions, the hotline, audit), in the seed's phrasing (shared/seed, 一(六)1), every figure
an indicator of ``indicators.py`` ({CODE}: HL-CLOSED in 万件 with one place, 2.4万件;
HL-SATISFACTION with two places, 97.50%). Registered from ``apps.py``; the office may edit
the words (the indicators stay).
"""

from __future__ import annotations

from fazhi.core.reportparts import Part, register

MODULE = "hotline"

SOCIAL = (
    "自觉接受社会监督，创新“12345”市民热线工作，建立“12345”市民热线会商研究机制及时进行办结，"
    "定期在区政府常务会通报有关情况，共办结市民热线工单{HL-CLOSED}，"
    "平均回访满意度达{HL-SATISFACTION}。"
)

PARTS = (Part("一(六)1", MODULE, SOCIAL, order=20),)


def register_parts() -> None:
    for part in PARTS:
        register(part)

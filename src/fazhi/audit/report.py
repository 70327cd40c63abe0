"""Audit's paragraphs of the annual report, in the seed's phrasing (shared/seed): 一(六)1
自觉接受监督, the third of three parts (suggestions, the hotline, audit: 268个, 2.6亿元), and
一(六)2 推进诚信政府建设 — the ledger of legacy commitments (“新官不理旧账”,
``services/commitments.py``). Every figure is an indicator of ``indicators.py`` ({CODE}; the
report writes it in the indicator's format and links it to its records). Registered from
``apps.py``; the office may edit the words (the indicators stay).

一(六)2 states no figure (“所有问题全部建立台账”): it is printed where audit prints figures;
the ledger's own figures (COM-LEDGER, COM-RESOLVED, COM-SETTLED) open to the problems.
"""

from __future__ import annotations

from fazhi.core.reportparts import Part, register

MODULE = "audit"

INTERNAL = (
    "加强内部监督，配合省审计厅对区委、区政府主要领导开展了经济责任审计和自然资源责任审计，"
    "全年完成审计项目{AUD-PROJECTS}，审减金额{AUD-CUT}。"
)
LEGACY = (
    "深入开展“新官不理旧账”专项排查，所有问题全部建立台账。通过定期开展企业“走访、宣传、帮扶”"
    "活动，召开政企商协会和非公经济人士代表座谈会，建立企业诉求定期梳理、研究、回应与反馈机制，"
    "将“新官不理旧账”的问题隐患实现常态化管理。"
)

PARTS = (
    Part("一(六)1", MODULE, INTERNAL, order=30),
    Part("一(六)2", MODULE, LEGACY),
)


def register_parts() -> None:
    for part in PARTS:
        register(part)

"""依法治区's paragraph of the annual report (一(一)), in the seed's phrasing: the committee,
its office and groups as the seed states them, and the year's work points by their title
(``GOV-PLANS``, written as the document's name; a year without a plan leaves the paragraph
out and tells the editor). Registered from ``apps.py``; the office may edit the words.
"""

from __future__ import annotations

from fazhi.core.reportparts import Part, register

MODULE = "governance"

LEADERSHIP = (
    "根据中央和省市要求，结合党政机构改革，我区成立了全面依法治区委员会，由区委书记担任主任，"
    "区委副书记、区长担任常务副主任，将党的领导贯穿于依法治区工作的各领域、各层面；"
    "成立全面依法治区办公室，设在区司法局；成立全面依法治区执法协调小组、司法协调小组、"
    "守法普法协调小组，并制定相应工作规则、工作细则。切实强化党政主要负责人的法治职责担当，"
    "制定下发{GOV-PLANS}，切实推进《芙蓉区法治政府建设“十三五”规划》落地落细，"
    "推动依法治区和法治政府建设作整体迈上新台阶。"
)

PARTS = (Part("一(一)", MODULE, LEADERSHIP),)


def register_parts() -> None:
    for part in PARTS:
        register(part)

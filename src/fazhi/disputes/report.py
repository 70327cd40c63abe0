"""Disputes' paragraphs of the annual report (一(七)1 行政复议和应诉, 一(七)2 调解, 一(七)3
信访), in the seed's phrasing (shared/seed, section 一(七)), every figure an indicator of
``indicators.py`` ({CODE}; the report writes it in the indicator's format and links it to its
records). Registered from ``apps.py``; the office may edit the words (the indicators stay).

Figures written side by side are two indicators: 10件11人 (DIS-XF-BACKLOG, then the persons),
35批143件 (the batches, then the items), 第8至11批 (the first and the last batch closed on
time). “全部履行到位” is the seed's claim that DIS-TJ-MAJOR-PERFORMED equals DIS-TJ-MAJOR;
the demo's test checks the two figures agree.
"""

from __future__ import annotations

from fazhi.core.reportparts import Part, register

MODULE = "disputes"

RECONSIDERATION = (
    "全年受理行政复议案件{DIS-FY-ACCEPTED}，通过严格办理行政复议案件，加强对各部门、街道依法行政的"
    "指导与监督。应对区政府作为当事人的行政诉讼案件{DIS-YS-LAWSUITS}、行政复议案件"
    "{DIS-YS-RECONSIDERATIONS}，依法化解行政矛盾纠纷，取得良好诉讼效果。"
)
MEDIATION = (
    "继续深入推进矛盾纠纷“1+X”大调解工作机制，成功调处各类民间矛盾纠纷{DIS-TJ-SETTLED}，"
    "协议涉及金额{DIS-TJ-AMOUNT}，其中重大疑难复杂纠纷{DIS-TJ-MAJOR}，全部履行到位。"
)
PETITIONS = (
    "加快打造共建共治共享的社会治理新格局，落实阳光信访、责任信访、法治信访，成功化解信访积案"
    "{DIS-XF-BACKLOG}{DIS-XF-BACKLOG-PERSONS}，调处信访类矛盾纠纷{DIS-XF-DISPUTES}，按期办结"
    "省委巡视组交办信访件第{DIS-XF-PROV-BATCH-FIRST}至{DIS-XF-PROV-BATCH-LAST}{DIS-XF-PROV-ITEMS}"
    "和中央扫黑除恶督导组交办信访件{DIS-XF-CENTRAL-BATCHES}{DIS-XF-CENTRAL-ITEMS}。"
)

PARTS = (
    Part("一(七)1", MODULE, RECONSIDERATION),
    Part("一(七)2", MODULE, MEDIATION),
    Part("一(七)3", MODULE, PETITIONS),
)


def register_parts() -> None:
    for part in PARTS:
        register(part)

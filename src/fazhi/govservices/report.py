"""Government services' paragraphs of the annual report (一(二)1 相对集中行政许可权改革,
一(二)3 放管服), in the seed's phrasing (shared/seed, section 一(二), points 1 and 3), every
figure an indicator of ``indicators.py`` ({CODE}; the report writes it in the indicator's
format and links it to its records). Registered from ``apps.py``; the office may edit the
words (the indicators stay).

Literal, not figures of the year: the names of the four comprehensive windows, the “四级九统”
standard, the 《准予许可通知书》, and the business-environment policies (“区二十条”“园区九条”
and their 5大行动20条措施 — the content of a policy document, which the platform does not
record as items). The comparison year of the proof cleanup is ``{last_year}``.
"""

from __future__ import annotations

from fazhi.core.reportparts import Part, register

MODULE = "govservices"

ONE_WINDOW = (
    "在全省率先开展相对集中行政许可权改革以来，持续优化各项行政许可制度，取得了突出的改革成效。"
    "{year}年，一是推行“一窗通办”。区行政审批服务局新增加{GS-MOVED-LICENCES}商事登记许可和"
    "{GS-MOVED-FILINGS}备案业务，至此依申请类政务服务事项已达{GS-BUREAU-ITEMS}；将原有的"
    "{GS-WINDOWS-MERGED}办事窗口分类整合为企业开办服务专区、商事登记综合窗、行政审批综合窗、"
    "社保医保综合窗等{GS-WINDOWS-COMPREHENSIVE}综合窗口，企业开办和注销压减至"
    "{GS-STARTUP-PROMISE}内完成，为企业和群众带来了“一窗通办、证照齐发”新体验。"
)
ONE_THING = (
    "二是推进“一件事一次办”。按“四级九统”标准化梳理区级事项{GS-CAT-ITEMS}（部门上报"
    "{GS-CAT-REPORTED}，有异议事项{GS-CAT-DISPUTED}），沿用国家、省级目录{GS-CAT-ADOPTED}，"
    "已填报实施清单{GS-ENTRIES}；精减审批材料{GS-MATERIALS-CUT}，取消证明材料"
    "{GS-PROOF-MATERIALS-CUT}，精减率达{GS-MATERIAL-RATE}。"
)
PACKAGES = (
    "三是探索套餐式审批服务。将涉及民生的{GS-PACKAGE-ITEMS}高频率审批项目整合设置为套餐式办理，"
    "采取申请人承诺制，最快可现场或当日拿到《准予许可通知书》，实现开户即开业；"
    "工程建设项目备案事项一律即到即办。"
)
DELEGATION = (
    "进一步推进简政放权，将点多面广、基层管理迫切需要且能有效承接的行政权限下放至街道、园区，"
    "{GS-DELEGATED}服务事项在街道“多点可办、少跑快办、就近能办”，办理时限压减"
    "{GS-DELEGATED-CUT}，企业和群众的满意度不断提升。"
)
PROOFS = (
    "深入开展证明事项清理，在{last_year}年减少证明材料{GS-PROOFS-REDUCED-LAST-YEAR}基础上，"
    "进一步取消证明事项，{year}年再减少{GS-PROOFS-REDUCED}，进一步方便企业和群众办事。"
)
BUSINESS = (
    "持续优化营商环境，出台优化营商环境“区二十条”“园区九条”，部署行政效能优化、实体经济降成本、"
    "涉企政策落地、企业家权益保护、干部作风改进等5大行动20条措施。"
)

PARTS = (
    Part("一(二)1", MODULE, ONE_WINDOW, order=10),
    Part("一(二)1", MODULE, ONE_THING, order=20),
    Part("一(二)1", MODULE, PACKAGES, order=30),
    Part("一(二)3", MODULE, DELEGATION, order=10),
    Part("一(二)3", MODULE, PROOFS, order=20),
    Part("一(二)3", MODULE, BUSINESS, order=30),
)


def register_parts() -> None:
    for part in PARTS:
        register(part)

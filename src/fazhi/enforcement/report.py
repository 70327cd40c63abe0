"""Enforcement's paragraphs of the annual report (一(二)2, 一(五)1, 一(五)2), in the seed's
phrasing, every figure an indicator of ``indicators.py`` ({CODE}; the report writes it in the
indicator's format and links it to its records). Registered from ``apps.py``; the office
may edit the words (the indicators stay). "24个领域" is the bureau's legal basis (its
approval, ``data/power_list.toml``), not a figure of the year.
"""

from __future__ import annotations

from fazhi.core.reportparts import Part, register

MODULE = "enforcement"

BUREAU = (
    "为进一步优化行政执法体制，提升执法效能，在党政机构改革中，经省政府批准、省司法厅复函，"
    "成立全省第一家区级行政执法局，由区行政执法局集中行使城市管理、民族宗教等24个领域的行政处罚"
    "以及相关的行政强制权、执法检查权。改革正式启动后，区行政执法局着力理顺与涉改行政管理部门之间"
    "关系，推进管理制度化、队伍正规化、执法规范化、培训常态化，抓好行政执法时间节点、监管重点、"
    "营商要点和民生热点，改革已初见成效。"
    "{year}年，共办结案件{ENF-BUREAU-CASES}、罚款{ENF-BUREAU-FINES}。"
)

ENVIRONMENT = (
    "环境保护方面，大力开展“蓝天保卫战”，累计出动{ENF-ENV-PERSON-TIMES}，"
    "连续开展综合执法{ENF-ENV-JOINT-OPS}，共查处禁燃区内销售散煤、建筑工地扬尘污染等各类案件"
    "{ENF-ENV-CASES}、罚款{ENF-ENV-FINES}，城乡环境持续好转。"
)
MARKET = (
    "市场监管方面，大力开展专项执法行动，对马王堆海鲜市场进行专项整治，组织开展电取暖器、"
    "非洲猪瘟、网络餐饮等{ENF-MARKET-RECTIFICATIONS}的专项整治共{ENF-MARKET-RECT-OPS}，"
    "牵头查处各类食品药品违法案件{ENF-FOOD-DRUG-CASES}，累计抽检食品、农产品"
    "{ENF-MARKET-SAMPLES}，确保了群众舌尖上安全。"
)
CITY = (
    "城市管理方面，建立和完善区、街道、社区（村）三级网格化管理体系，完成数字化智慧城管平台升级，"
    "数字城管平台受理案卷{ENF-GRID-RECEIVED}，严抓全区各主次干道、省委、火车站、五一商圈、"
    "农贸市场周边等重点区域专项督查工作，督办整改市容市貌问题{ENF-GRID-SUPERVISED}。"
)
SAFETY = (
    "安全生产方面，开展了“打非治违”“百日行动”等专项整治行动，"
    "检查生产经营单位{ENF-SAFETY-INSPECTIONS}、罚款{ENF-SAFETY-FINES}。"
)
HEALTH = (
    "卫生健康方面，完成医疗机构校验{ENF-HEALTH-VERIFIED}，"
    "开展卫生计生综合监督执法立案查处{ENF-HEALTH-CASES}、罚款{ENF-HEALTH-FINES}。"
    "此外，其它领域行政执法均取得较好成效。"
)
SUPERVISION = (
    "一是落实行政执法公示、执法全过程记录和重大执法决定法制审核等行政执法“三项制度”，"
    "不断规范行政执法程序和流程，如区行政执法局、区卫生健康局制定了实施“三项制度”的办法。"
    "二是加强执法案卷评查工作，按照市政府案卷评查标准，从行政执法的执法主体、执法程序、证据认定、"
    "法律适用等方面严格进行审核把关，力争每一份执法案卷经得起检验，市对区执法案卷检查获较高评分。"
    "三是加强对行政执法人员管理，各执法部门加强了对行政执法人员的培训，组织执法人员参加行政执法"
    "资格证考试，未取得行政执法证不得上岗。"
)

PARTS = (
    Part("一(二)2", MODULE, BUREAU),
    Part("一(五)1", MODULE, ENVIRONMENT, order=10),
    Part("一(五)1", MODULE, MARKET, order=20),
    Part("一(五)1", MODULE, CITY, order=30),
    Part("一(五)1", MODULE, SAFETY, order=40),
    Part("一(五)1", MODULE, HEALTH, order=50),
    Part("一(五)2", MODULE, SUPERVISION),
)


def register_parts() -> None:
    for part in PARTS:
        register(part)

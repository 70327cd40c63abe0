"""The annual report with the domains' paragraphs (each domain's ``report.py``; outside the
packages, since the report module and the domains never import each other): the demo's
2019 report carries the seed's paragraphs word for word with every figure as the seed writes
it; on small data a figure follows its records.

The expected paragraphs below are copied from the seed (``shared/seed``, as scraped:
half-width commas, semicolons and brackets; where the scraped page's spam “凯发一触即发”
stands for 人民政府, the literals say 人民政府) and checked to be in it; the report writes
full-width punctuation (GB/T 15834), so its text is compared after mapping ，；（）： back.
Every point of the outline now has its domain (一(一) is governance's), so nothing is pending;
a point whose domain had no part would be listed to the editor (``content["pending"]``).
"""

from __future__ import annotations

import datetime as dt
import glob
from decimal import Decimal

import pytest

from fazhi.core.ledger import SystemActor
from fazhi.enforcement.tests.test_indicators_demo import Mini
from fazhi.reports import compose, services

D = dt.date

SEED_OPENING = (
    "2019年,在市委、市政府的坚强领导下,芙蓉区坚持以习近平新时代中国特色社会主义思想为引领,"
    "认真贯彻中央和省市关于法治建设的新精神、新要求,以建设“法治芙蓉”为目标,深入推进依法治区和"
    "法治政府建设,为全区治理现代化和高质量发展提供了坚强的法治保障。现报告如下:"
)
SEED_BUREAU = (
    "探索推进相对集中行政处罚权改革。为进一步优化行政执法体制,提升执法效能,在党政机构改革中,"
    "经省政府批准、省司法厅复函,成立全省第一家区级行政执法局,由区行政执法局集中行使城市管理、"
    "民族宗教等24个领域的行政处罚以及相关的行政强制权、执法检查权。改革正式启动后,区行政执法局"
    "着力理顺与涉改行政管理部门之间关系,推进管理制度化、队伍正规化、执法规范化、培训常态化,"
    "抓好行政执法时间节点、监管重点、营商要点和民生热点,改革已初见成效。"
    "2019年,共办结案件8130起、罚款259万余元。"
)
SEED_SANCTIONS = (
    "1.加强对各类违法行为的查处和制裁。环境保护方面,大力开展“蓝天保卫战”,累计出动121947人次,"
    "连续开展综合执法1202次,共查处禁燃区内销售散煤、建筑工地扬尘污染等各类案件5810起、"
    "罚款767.8821万元,城乡环境持续好转。市场监管方面,大力开展专项执法行动,对马王堆海鲜市场进行"
    "专项整治,组织开展电取暖器、非洲猪瘟、网络餐饮等22个方面的专项整治共310次,牵头查处各类食品"
    "药品违法案件295起,累计抽检食品、农产品13051批次,确保了群众舌尖上安全。城市管理方面,建立和"
    "完善区、街道、社区(村)三级网格化管理体系,完成数字化智慧城管平台升级,数字城管平台受理案卷"
    "74669条,严抓全区各主次干道、省委、火车站、五一商圈、农贸市场周边等重点区域专项督查工作,"
    "督办整改市容市貌问题5000余条。安全生产方面,开展了“打非治违”“百日行动”等专项整治行动,"
    "检查生产经营单位8132家、罚款533.03万元。卫生健康方面,完成医疗机构校验260家,开展卫生计生"
    "综合监督执法立案查处80起、罚款25.35万元。此外,其它领域行政执法均取得较好成效。"
)
SEED_SUPERVISION = (
    "2.加强对行政执法活动的监督。一是落实行政执法公示、执法全过程记录和重大执法决定法制审核等"
    "行政执法“三项制度”,不断规范行政执法程序和流程,如区行政执法局、区卫生健康局制定了实施"
    "“三项制度”的办法。二是加强执法案卷评查工作,按照市政府案卷评查标准,从行政执法的执法主体、"
    "执法程序、证据认定、法律适用等方面严格进行审核把关,力争每一份执法案卷经得起检验,市对区执法"
    "案卷检查获较高评分。三是加强对行政执法人员管理,各执法部门加强了对行政执法人员的培训,组织"
    "执法人员参加行政执法资格证考试,未取得行政执法证不得上岗。"
)
#: every figure of the three paragraphs, in the order the seed states them
SEED_FIGURES = [
    ("ENF-BUREAU-CASES", "8130起"),
    ("ENF-BUREAU-FINES", "259万余元"),
    ("ENF-ENV-PERSON-TIMES", "121947人次"),
    ("ENF-ENV-JOINT-OPS", "1202次"),
    ("ENF-ENV-CASES", "5810起"),
    ("ENF-ENV-FINES", "767.8821万元"),
    ("ENF-MARKET-RECTIFICATIONS", "22个方面"),
    ("ENF-MARKET-RECT-OPS", "310次"),
    ("ENF-FOOD-DRUG-CASES", "295起"),
    ("ENF-MARKET-SAMPLES", "13051批次"),
    ("ENF-GRID-RECEIVED", "74669条"),
    ("ENF-GRID-SUPERVISED", "5000余条"),
    ("ENF-SAFETY-INSPECTIONS", "8132家"),
    ("ENF-SAFETY-FINES", "533.03万元"),
    ("ENF-HEALTH-VERIFIED", "260家"),
    ("ENF-HEALTH-CASES", "80起"),
    ("ENF-HEALTH-FINES", "25.35万元"),
]
#: the other domains' paragraphs, keyed by the outline's point (reports/outline.py), each
#: as the report prints it: its number and lead sentence, then the domain's words
SEED_POINTS = {
    "一(二)1": (
        "1.持续深化相对集中行政许可权改革。在全省率先开展相对集中行政许可权改革以来,持续优化各"
        "项行政许可制度,取得了突出的改革成效。2019年,一是推行“一窗通办”。区行政审批服务局"
        "新增加34项商事登记许可和7项备案业务,至此依申请类政务服务事项已达330项;将原有的3"
        "9个办事窗口分类整合为企业开办服务专区、商事登记综合窗、行政审批综合窗、社保医保综合窗等"
        "4个综合窗口,企业开办和注销压减至1.5个工作日内完成,为企业和群众带来了“一窗通办、证"
        "照齐发”新体验。二是推进“一件事一次办”。按“四级九统”标准化梳理区级事项1004项(部"
        "门上报713项,有异议事项291项),沿用国家、省级目录341项,已填报实施清单962项"
        ";精减审批材料447项,取消证明材料32项,精减率达77%。三是探索套餐式审批服务。将涉"
        "及民生的96个高频率审批项目整合设置为套餐式办理,采取申请人承诺制,最快可现场或当日拿到"
        "《准予许可通知书》,实现开户即开业;工程建设项目备案事项一律即到即办。"
    ),
    "一(二)3": (
        "3.深入推进“放管服”改革。进一步推进简政放权,将点多面广、基层管理迫切需要且能有效承接"
        "的行政权限下放至街道、园区,227项服务事项在街道“多点可办、少跑快办、就近能办”,办理"
        "时限压减90%以上,企业和群众的满意度不断提升。深入开展证明事项清理,在2018年减少证"
        "明材料135项基础上,进一步取消证明事项,2019年再减少84项,进一步方便企业和群众办"
        "事。持续优化营商环境,出台优化营商环境“区二十条”“园区九条”,部署行政效能优化、实体经"
        "济降成本、涉企政策落地、企业家权益保护、干部作风改进等5大行动20条措施。"
    ),
    "一(三)1": (
        "1.加强重大行政决策合法性审查。认真贯彻落实国务院《重大行政决策程序暂行条例》《湖南省行"
        "政程序规定》《芙蓉区人民政府重大行政决策程序规定》等文件要求,所有重大行政决策均遵循公众"
        "参与、专家论证、合法性审查和风险评估原则。提交区政府常务会议和区长办公会议审议议题,司法"
        "行政机关负责人全程参与。"
    ),
    "一(三)2": (
        "2.加强对政府行政行为法律审查。一是政府文件法律审查全覆盖。以区政府名义出具的文件,涉及"
        "法律问题的,均需经司法行政机关审查通过,才可提交区领导签署;对各部门、街道上报区政府的请"
        "示、报告,凡涉及法律问题的,均提前提出合法性审查意见,供区政府领导决策参考,切实提高行政"
        "行为合法性。2019年,共审查各类文件1049件,重大合同文本175份。二是重大事项法律"
        "干预不遗漏。在重大矛盾纠纷调处、历史遗留问题解决、企业改制、重要合同签订、国有和集体土地"
        "房屋征收等领域都加强了司法行政部门参与度,加强政府通过法律手段促进改革与发展,维护社会和"
        "谐稳定。"
    ),
    "一(三)3": (
        "3.加强法律顾问队伍建设。高度重视法律顾问队伍建设,鼓励各单位符合条件的人员申报成为公职"
        "律师,进一步提高区直部门、街道外聘法律顾问配备率;通过政府购买服务方式为79个社区(村)"
        "配备法律顾问,进一步提高基层法治水平。进一步增强政府法律顾问在行政决策过程中的参与度,充"
        "分听取法律顾问的意见和建议,发挥法律顾问在风险评估、合法性审查等行政决策程序中的作用,使"
        "法律顾问由事后补救转为事前介入,从而加强法律顾问在法治政府建设中的参谋、助手作用。"
    ),
    "一(四)": (
        "严格进行规范性文件合法性审查,做到有件必备、有备必审、有错必纠。严格执行“三统一”制度,"
        "规范性文件统一登记、统一编号、统一发布,并向市委、市政府和区人大常委会备案。开展了涉及民"
        "营经济发展、知识产权保护、政务服务事项办理证明材料、外商投资等方面的规范性文件专项清理工"
        "作,对全区规范性文件逐一进行清理,对存在违背平等保护原则、不利于民营经济发展等问题的文件"
        "进行修改和废止,从源头促进依法行政。目前,区级生效规范性文件共47件。"
    ),
    "一(六)1": (
        "1.自觉接受监督。主动接受人大和政协监督,受理建议、提案155件,所有建议、意见均在规定"
        "时间内办理完毕。自觉接受社会监督,创新“12345”市民热线工作,建立“12345”市民"
        "热线会商研究机制及时进行办结,定期在区政府常务会通报有关情况,共办结市民热线工单2.4万"
        "件,平均回访满意度达97.50%。加强内部监督,配合省审计厅对区委、区政府主要领导开展了"
        "经济责任审计和自然资源责任审计,全年完成审计项目268个,审减金额2.6亿元。"
    ),
    "一(六)2": (
        "2.推进诚信政府建设。深入开展“新官不理旧账”专项排查,所有问题全部建立台账。通过定期开"
        "展企业“走访、宣传、帮扶”活动,召开政企商协会和非公经济人士代表座谈会,建立企业诉求定期"
        "梳理、研究、回应与反馈机制,将“新官不理旧账”的问题隐患实现常态化管理。"
    ),
    "一(六)3": (
        "3.加强政务公开。以政府门户网站为载体,大力推进政府信息主动公开,出台了《关于进一步加强"
        "区政府门户网站内容保障及常态化检测评估工作的通知》,明确各部门责任分工,每月出具监测结果"
        "通报;督促各部门及时准确保障政务公开工作。加强依申请公开政府信息工作,共受理政府信息公开"
        "申请130件,全部按期答复。"
    ),
    "一(七)1": (
        "1.加强行政复议和应诉工作。全年受理行政复议案件115件,通过严格办理行政复议案件,加强"
        "对各部门、街道依法行政的指导与监督。应对区政府作为当事人的行政诉讼案件173件、行政复议"
        "案件44件,依法化解行政矛盾纠纷,取得良好诉讼效果。"
    ),
    "一(七)2": (
        "2.不断提升调解工作化解矛盾纠纷水平。继续深入推进矛盾纠纷“1+X”大调解工作机制,成功"
        "调处各类民间矛盾纠纷3611件,协议涉及金额6309.11万元,其中重大疑难复杂纠纷88"
        "件,全部履行到位。"
    ),
    "一(七)3": (
        "3.提高信访工作规范化水平。加快打造共建共治共享的社会治理新格局,落实阳光信访、责任信访"
        "、法治信访,成功化解信访积案10件11人,调处信访类矛盾纠纷75起,按期办结省委巡视组交"
        "办信访件第8至11批54件和中央扫黑除恶督导组交办信访件35批143件。"
    ),
}
#: every figure of those paragraphs, point by point, in the order the seed states them
SEED_POINT_FIGURES = {
    "一(二)1": [
        ("GS-MOVED-LICENCES", "34项"),
        ("GS-MOVED-FILINGS", "7项"),
        ("GS-BUREAU-ITEMS", "330项"),
        ("GS-WINDOWS-MERGED", "39个"),
        ("GS-WINDOWS-COMPREHENSIVE", "4个"),
        ("GS-STARTUP-PROMISE", "1.5个工作日"),
        ("GS-CAT-ITEMS", "1004项"),
        ("GS-CAT-REPORTED", "713项"),
        ("GS-CAT-DISPUTED", "291项"),
        ("GS-CAT-ADOPTED", "341项"),
        ("GS-ENTRIES", "962项"),
        ("GS-MATERIALS-CUT", "447项"),
        ("GS-PROOF-MATERIALS-CUT", "32项"),
        ("GS-MATERIAL-RATE", "77%"),
        ("GS-PACKAGE-ITEMS", "96个"),
    ],
    "一(二)3": [
        ("GS-DELEGATED", "227项"),
        ("GS-DELEGATED-CUT", "90%以上"),
        ("GS-PROOFS-REDUCED-LAST-YEAR", "135项"),
        ("GS-PROOFS-REDUCED", "84项"),
    ],
    "一(三)1": [],
    "一(三)2": [("LEG-DOCS-REVIEWED", "1049件"), ("LEG-CONTRACTS-REVIEWED", "175份")],
    "一(三)3": [("LEG-ADVISER-COMMUNITIES", "79个")],
    "一(四)": [("LEG-NORMATIVE-IN-FORCE", "47件")],
    "一(六)1": [
        ("SG-RECEIVED", "155件"),
        ("HL-CLOSED", "2.4万件"),
        ("HL-SATISFACTION", "97.50%"),
        ("AUD-PROJECTS", "268个"),
        ("AUD-CUT", "2.6亿元"),
    ],
    "一(六)2": [],
    "一(六)3": [("GK-REQ-RECEIVED", "130件")],
    "一(七)1": [
        ("DIS-FY-ACCEPTED", "115件"),
        ("DIS-YS-LAWSUITS", "173件"),
        ("DIS-YS-RECONSIDERATIONS", "44件"),
    ],
    "一(七)2": [
        ("DIS-TJ-SETTLED", "3611件"),
        ("DIS-TJ-AMOUNT", "6309.11万元"),
        ("DIS-TJ-MAJOR", "88件"),
    ],
    "一(七)3": [
        ("DIS-XF-BACKLOG", "10件"),
        ("DIS-XF-BACKLOG-PERSONS", "11人"),
        ("DIS-XF-DISPUTES", "75起"),
        ("DIS-XF-PROV-BATCH-FIRST", "8"),
        ("DIS-XF-PROV-BATCH-LAST", "11批"),
        ("DIS-XF-PROV-ITEMS", "54件"),
        ("DIS-XF-CENTRAL-BATCHES", "35批"),
        ("DIS-XF-CENTRAL-ITEMS", "143件"),
    ],
}
#: the seed's claims in words (“所有…均在规定时间内办理完毕”, “全部按期答复”, “全部履行到位”):
#: the figure on the right equals the one on the left on the demo
SEED_ALL = [
    ("SG-RECEIVED", "SG-ON-TIME"),
    ("GK-REQ-RECEIVED", "GK-REQ-ON-TIME"),
    ("DIS-TJ-MAJOR", "DIS-TJ-MAJOR-PERFORMED"),
]
PENDING: list[str] = []  # every point of the outline has its domain
#: 一(一), governance (seed line 6, as scraped: half-width commas and semicolons)
SEED_LEADERSHIP = (
    "根据中央和省市要求,结合党政机构改革,我区成立了全面依法治区委员会,由区委书记担任主任,"
    "区委副书记、区长担任常务副主任,将党的领导贯穿于依法治区工作的各领域、各层面;"
    "成立全面依法治区办公室,设在区司法局;成立全面依法治区执法协调小组、司法协调小组、"
    "守法普法协调小组,并制定相应工作规则、工作细则。切实强化党政主要负责人的法治职责担当,"
    "制定下发《芙蓉区依法治区委员会2019年工作要点》,切实推进《芙蓉区法治政府建设“十三五”规划》"
    "落地落细,推动依法治区和法治政府建设作整体迈上新台阶。"
)
GOVERNANCE_FIGURES = [("GOV-PLANS", "《芙蓉区依法治区委员会2019年工作要点》")]
SYSTEM = SystemActor("测试")


def as_scraped(text: str) -> str:
    for full, half in ("，,", "；;", "（(", "）)", "：:"):
        text = text.replace(full, half)
    return text


def test_the_expected_paragraphs_are_the_seeds():
    (path,) = glob.glob("/work/shared/seed/*.txt") or [None]
    if path is None:
        pytest.skip("the seed is not on this machine")  # the literals above are its copy
    seed = open(path, encoding="utf-8").read()
    assert SEED_OPENING in seed and "2." + SEED_BUREAU in seed
    assert SEED_SANCTIONS in seed and SEED_SUPERVISION in seed
    seed = seed.replace("凯发一触即发", "人民政府")  # the scraped page's spam (seed-figures.md)
    for key, paragraph in SEED_POINTS.items():
        assert paragraph in seed.splitlines(), key


def test_the_governance_paragraph_is_the_seeds():
    (path,) = glob.glob("/work/shared/seed/*.txt") or [None]
    if path is None:
        pytest.skip("the seed is not on this machine")  # the literal above is its copy
    assert SEED_LEADERSHIP in open(path, encoding="utf-8").read().splitlines()


@pytest.mark.django_db
def test_a_report_figure_follows_its_records():
    mini = Mini()
    c = mini.case("bureau", "urban-management", closed_on=D(2019, 5, 6), fine=20000)
    mini.case("bureau", "urban-management", closed_on=D(2019, 6, 6), fine=5000)
    r = services.report_generate(actor=SYSTEM, org=mini.root, year=2019, on=D(2020, 2, 3))
    assert "2019年，共办结案件2起、罚款2万余元。" in compose.plain_text(r)
    # the sectors have no records, nor has any other domain: told to the editor, not printed
    assert {e["module"] for e in r.content["empty"]} == {
        "enforcement",
        "govservices",
        "legality",
        "suggestions",
        "hotline",
        "audit",
        "opengov",
        "disputes",
        "governance",
    }
    assert [p["key"] for p in r.content["pending"]] == PENDING
    c.decision.fine = Decimal(120000)
    c.decision.save()
    services.report_refresh(actor=SYSTEM, report=r)
    assert "2019年，共办结案件2起、罚款12万余元。" in compose.plain_text(r)

"""Vocabularies for the demo year: people, companies, service items, proofs — plausible and
generated with a fixed seed, with real number formats (公民身份号码 with a valid check
character for the demo's people, 统一社会信用代码 valid per GB 32100). No real person or
company is meant; a name that matches one does so by chance.

(A kernel home for these — shared by every domain's demo — would be ``core.demo``; the
integrator may move them there.)
"""

from __future__ import annotations

import datetime as dt
import random

from fazhi.core import identity

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏"
    "魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵"
)
GIVEN = (
    "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国志红玉兰文斌辉鹏飞慧宇欣怡浩然晨阳"
    "子涵梓萱思远雨桐俊杰嘉怡博文诗琪佳豪雅婷宏亮振华海燕春梅小龙德胜永红晓东丹丹"
)
# Changsha's division codes (GB/T 2260): 芙蓉, 天心, 岳麓, 开福, 雨花, 望城, 长沙县, 浏阳
DIVISIONS = ("430102", "430103", "430104", "430105", "430111", "430112", "430121", "430181")
TRADE_NAMES = (
    "湘味轩",
    "蓉城",
    "芙美",
    "五一",
    "韶山",
    "朝阳",
    "荷花",
    "东湖",
    "浏阳河",
    "马王堆",
    "橘洲",
    "岳麓",
    "星城",
    "湘江",
    "潇湘",
    "楚天",
    "长岛",
    "定王",
    "火星",
    "文艺",
    "德润",
    "瑞丰",
    "嘉禾",
    "鑫源",
    "恒达",
    "宏远",
    "锦程",
    "金穗",
    "华顺",
    "万家",
    "和美",
    "新锐",
    "景盛",
    "福满",
    "佳和",
)
INDUSTRIES = (
    ("餐饮", "餐饮管理有限公司"), ("商贸", "商贸有限公司"), ("科技", "科技有限公司"),
    ("文化", "文化传媒有限公司"), ("健康", "健康管理有限公司"), ("建筑", "建筑工程有限公司"),
    ("物业", "物业管理有限公司"), ("教育", "教育咨询有限公司"), ("医药", "大药房有限公司"),
    ("装饰", "装饰设计有限公司"), ("旅游", "旅行社有限公司"), ("食品", "食品有限公司"),
)  # fmt: skip
BODY_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
MOBILE_PREFIXES = ("130", "131", "132", "135", "136", "137", "138", "139", "150", "151", "152",
                   "155", "157", "158", "159", "173", "176", "177", "180", "181", "186", "187",
                   "188", "189", "199")  # fmt: skip
STREET_ADDRESSES = ("五一大道", "韶山北路", "八一路", "人民中路", "解放西路", "蔡锷中路", "远大一路",
                    "车站北路", "芙蓉中路", "东二环", "隆平路", "马王堆路", "浏城桥", "古汉路")  # fmt: skip


class People:
    """A deterministic supply of applicants: persons and companies, each once."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)  # nosec B311 - seeded demo data, not a secret
        self._ids: set[str] = set()
        self._codes: set[str] = set()
        self._names: set[str] = set()

    def person_name(self) -> str:
        r = self.rng
        given = r.choice(GIVEN) + (r.choice(GIVEN) if r.random() < 0.7 else "")
        return r.choice(SURNAMES) + given

    def id_number(self) -> str:
        r = self.rng
        while True:
            birth = dt.date(1952, 1, 1) + dt.timedelta(days=r.randrange(365 * 48))
            n = identity.generate_id_number(r.choice(DIVISIONS), birth, r.randrange(1, 999))
            if n not in self._ids:
                self._ids.add(n)
                return n

    def mobile(self) -> str:
        return self.rng.choice(MOBILE_PREFIXES) + f"{self.rng.randrange(10**8):08d}"

    def address(self) -> str:
        r = self.rng
        return f"长沙市芙蓉区{r.choice(STREET_ADDRESSES)}{r.randrange(1, 400)}号{r.randrange(1, 20)}栋{r.randrange(1, 30)}0{r.randrange(1, 5)}室"

    def company(self) -> tuple[str, str]:
        r = self.rng
        while True:
            trade = r.choice(TRADE_NAMES) + r.choice(TRADE_NAMES)[:1]
            _short, suffix = r.choice(INDUSTRIES)
            name = f"长沙市芙蓉区{trade}{suffix}"
            if name not in self._names:
                self._names.add(name)
                break
        while True:
            body = "MA4" + "".join(r.choice(BODY_CHARS) for _i in range(5))
            first17 = "91430102" + body + identity.org_check_char(body)
            code = first17 + identity.credit_check_char(first17)
            if code not in self._codes:
                self._codes.add(code)
                return name, code


# -- the catalogue: per department, items by kind; "名称[情形1/情形2]" splits an item into the
# handling situations the national and Hunan catalogues list. Licences are further split into
# the handling variants (新办, 变更, 延续, 注销, 补证) unless they are registrations.

DEPARTMENTS = {
    # department short name: (full name, created by the demo if missing)
    "区民政局": "长沙市芙蓉区民政局",
    "区文旅体局": "长沙市芙蓉区文化旅游体育局",
    "区教育局": "长沙市芙蓉区教育局",
    "区医保局": "长沙市芙蓉区医疗保障局",
    "区退役军人事务局": "长沙市芙蓉区退役军人事务局",
    "区农业农村局": "长沙市芙蓉区农业农村局",
}
CATALOGUE = {
    "区市场监管局": {
        "licence": "食品经营许可[餐饮服务/单位食堂/食品销售/网络食品经营/保健食品销售/中央厨房/集体用餐配送]、食品生产许可[粮食加工品/糕点/饮料/调味品/肉制品/豆制品]、药品零售企业许可[连锁门店/单体药店]、特种设备使用登记[电梯/锅炉/压力容器/起重机械/场（厂）内专用机动车辆]、第二类精神药品零售许可、计量标准器具核准",
        "registration": "企业设立登记[有限责任公司/股份有限公司/分公司/合伙企业/个人独资企业/非公司企业法人/外商投资企业]、企业变更登记[有限责任公司/股份有限公司/分公司/合伙企业/个人独资企业/非公司企业法人/外商投资企业]、企业注销登记[有限责任公司/股份有限公司/分公司/合伙企业/个人独资企业/非公司企业法人/外商投资企业]、个体工商户登记[设立/变更/注销]、农民专业合作社登记[设立/变更/注销]",
        "filing": "第二类医疗器械经营备案、食品小作坊登记备案、企业章程备案、企业董事监事经理备案、企业清算组备案、动产抵押登记、广告发布登记、外商投资企业信息报告",
    },
    "区卫生健康局": {
        "licence": "医疗机构执业登记[诊所/门诊部/卫生室/医务室/社区卫生服务站/中医诊所/口腔诊所/医学检验实验室]、公共场所卫生许可[住宿场所/美容美发场所/沐浴场所/游泳场所/歌舞厅/商场]、放射诊疗许可[介入放射学/X射线影像诊断/口腔X射线]、母婴保健技术服务执业许可、医疗机构设置审批",
        "registration": "医师执业注册[首次注册/变更注册/重新注册/注销注册]、护士执业注册[首次注册/变更注册/延续注册/重新注册]",
        "confirmation": "再生育审批、独生子女父母光荣证办理、出生医学证明首次签发",
        "payment": "计划生育家庭特别扶助金给付、农村部分计划生育家庭奖励扶助金给付",
        "filing": "中医诊所备案、医疗美容项目备案、消毒产品生产企业卫生许可备案",
    },
    "区住建局": {
        "licence": "建筑工程施工许可[房屋建筑工程/市政基础设施工程/装饰装修工程]、商品房预售许可、城市建筑垃圾处置核准、燃气经营许可、建设工程消防设计审查、建设工程消防验收",
        "filing": "房屋建筑工程竣工验收备案、工程建设项目备案、建设工程施工合同备案、房屋租赁登记备案、物业服务合同备案、住宅专项维修资金使用备案",
        "public_service": "公共租赁住房申请[家庭/新就业职工/外来务工人员]、住房租赁补贴申请",
    },
    "区人社局": {
        "licence": "人力资源服务许可、劳务派遣经营许可、民办职业培训学校设立",
        "confirmation": "就业失业登记[就业登记/失业登记]、社会保险登记[单位/个人]、工伤认定、劳动能力鉴定申请受理、特殊工种提前退休审核",
        "payment": "职业培训补贴、灵活就业人员社会保险补贴、失业保险金申领、一次性创业补贴、创业担保贷款贴息、稳岗补贴、求职创业补贴、就业见习补贴",
        "public_service": "养老保险关系转移接续[城镇职工/城乡居民]、城乡居民养老保险参保登记、企业职工退休申请、劳动人事争议调解申请、职业技能鉴定报名",
    },
    "区医保局": {
        "public_service": "城乡居民基本医疗保险参保登记[新生儿/在校学生/城乡居民/灵活就业人员]、医疗保险关系转移接续、异地就医备案[异地安置/异地长期居住/临时外出就医]、门诊特殊病种待遇认定、医疗费用手工报销",
        "payment": "生育保险待遇给付、医疗救助金给付",
    },
    "区民政局": {
        "licence": "民办非企业单位登记[成立/变更/注销]、社会团体登记[成立/变更/注销]、养老机构设立许可",
        "confirmation": "最低生活保障资格确认[城市/农村]、特困人员救助供养资格确认、低收入家庭认定、困境儿童认定",
        "payment": "临时救助金给付、高龄老人生活补贴给付、残疾人两项补贴给付、孤儿基本生活费给付、殡葬惠民补贴",
        "public_service": "老年人优待证办理、居家养老服务补贴申请、婚姻登记预约",
        "reward": "慈善表彰奖励",
        "adjudication": "行政区域界线争议裁决",
    },
    "区文旅体局": {
        "licence": "娱乐场所经营许可[歌舞娱乐场所/游艺娱乐场所]、互联网上网服务营业场所经营许可、营业性演出许可、旅行社设立许可、经营高危险性体育项目许可[游泳/攀岩/滑雪]、出版物零售单位设立、电影放映单位设立",
        "filing": "文艺表演团体备案、演出场所经营单位备案、艺术品经营单位备案",
        "public_service": "公共文化场馆免费开放预约、全民健身活动场地预约",
    },
    "区教育局": {
        "licence": "民办学校设立[幼儿园/培训学校]、校外培训机构办学许可[学科类/非学科类]、教师资格认定[幼儿园/小学/初级中学]",
        "public_service": "义务教育阶段入学登记[小学/初中]、学生资助申请、学籍转出办理",
    },
    "区退役军人事务局": {
        "payment": "优抚对象抚恤补助给付[伤残军人/烈士遗属/在乡复员军人]、退役士兵一次性经济补助",
        "confirmation": "退役军人信息采集与优待证办理、烈士褒扬金发放对象确认",
        "public_service": "退役士兵自主就业登记、军人军属优待证办理",
    },
    "区农业农村局": {
        "licence": "农药经营许可、兽药经营许可、动物诊疗许可、乡村兽医登记、生猪定点屠宰许可、农作物种子生产经营许可",
        "filing": "农民专业合作社示范社申报、农作物种子经营备案",
    },
    "区应急管理局": {
        "licence": "危险化学品经营许可[带储存设施/不带储存设施]、烟花爆竹零售经营许可、非药品类易制毒化学品经营备案",
        "filing": "生产安全事故应急预案备案、第三类非药品类易制毒化学品备案",
    },
    "芙蓉生态环境分局": {
        "licence": "建设项目环境影响评价审批[环境影响报告书/环境影响报告表]",
        "filing": "建设项目环境影响登记表备案、排污登记",
    },
    "区行政执法局": {
        "licence": "城市道路占用挖掘许可[占用/挖掘]、户外广告设施设置许可、临时占用城市绿地审批、砍伐迁移城市树木审批、夜间施工许可、城市生活垃圾经营性收集运输许可",
    },
    "区财政局": {
        "confirmation": "代理记账机构审批、政府采购供应商投诉受理",
        "payment": "惠民惠农财政补贴资金发放",
    },
    "区政府办": {"other": "政府信息公开申请办理、行政复议申请受理、12345热线诉求受理"},
}
SITUATIONS = {
    "licence": ("新办", "变更名称", "变更地址", "变更负责人", "延续", "注销", "补证"),
    "filing": ("首次备案", "变更备案", "注销备案"),
    "confirmation": ("首次申请", "变更", "注销", "补办"),
    "payment": ("首次申请", "变更", "停发", "恢复"),
    "public_service": ("办理", "变更", "补办"),
}
MATERIALS = {
    "licence": (
        "申请书",
        "营业执照复印件",
        "法定代表人身份证明",
        "经营场所证明",
        "场所平面图",
        "管理制度",
        "专业人员资格证明",
    ),
    "registration": ("登记申请书", "身份证明", "住所（经营场所）证明", "章程或协议", "决议或决定"),
    "filing": ("备案表", "营业执照复印件", "相关证明材料"),
    "confirmation": ("申请表", "身份证明", "户口簿", "情况证明"),
    "payment": ("申请表", "身份证明", "银行账户信息", "相关证明材料"),
    "public_service": ("申请表", "身份证明"),
    "reward": ("申报表", "事迹材料"),
    "adjudication": ("裁决申请书", "权属证明", "争议情况说明"),
    "other": ("申请表", "身份证明"),
}


def catalogue_names() -> list[tuple[str, str, str]]:
    """Every item of the demo catalogue as (department, kind, name), in a stable order."""
    out = []
    for dept, kinds in CATALOGUE.items():
        for kind, text in kinds.items():
            for entry in text.split("、"):
                base, _sep, rest = entry.partition("[")
                subs = rest.rstrip("]").split("/") if rest else [""]
                for sub in subs:
                    for v in SITUATIONS.get(kind, ("",)):
                        label = "，".join(x for x in (sub, v) if x)
                        out.append((dept, kind, f"{base}（{label}）" if label else base))
    return out


# proofs the departments used to demand (证明事项)
PROOFS = (
    "无犯罪记录证明", "居住证明", "亲属关系证明", "婚姻状况证明", "无房证明", "收入证明",
    "健在证明", "经营场所证明", "就业状况证明", "户籍证明", "无违法违规证明", "家庭困难证明",
    "学历证明", "出生证明", "死亡证明", "未婚证明", "无业证明", "赡养关系证明", "房屋权属证明",
    "计划生育情况证明", "社区居住证明", "无拖欠工资证明", "无重大安全事故证明", "纳税证明",
)  # fmt: skip
PROOF_ISSUERS = ("派出所", "社区居委会", "街道办事处", "村委会", "所在单位", "税务机关", "人社部门")

"""Plausible people, shops, companies, addresses and identifiers for the demo district.

Everything is generated from small vocabularies with a seeded ``random.Random``, so every load
is the same: persons' names from surnames weighted by how common they are (with the surnames
frequent in Hunan — 彭, 谭, 唐, 邓, 曾, 易, 龙, 贺 — weighted up) and given-name characters;
个体工商户 named the way they register (行政区划 + 字号 + 行业, 长沙市芙蓉区鑫旺便利店);
companies 湖南/长沙 + 字号 + 行业 + 有限公司; addresses on the district's roads. Identity
numbers and credit codes carry valid check characters (``fazhi.core.identity``); a person's
sequence digit agrees with the gender of the given name. Public pages redact all of it as
they would real data (``core.redaction``).

The names are generic on purpose (two-character 字号 drawn from auspicious characters,
common given names): any resemblance to a real business or person is the resemblance of a
common name. The enforcement certificate numbers follow the structure described in
``certificate_number``.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from fazhi.core import identity

# -- persons ---------------------------------------------------------------------------------

# (surname, weight): the national top of the list, Hunan's frequent surnames weighted up.
SURNAMES = [
    ("刘", 90), ("李", 85), ("王", 80), ("张", 70), ("陈", 70), ("周", 50), ("彭", 45),
    ("杨", 45), ("黄", 45), ("谭", 40), ("唐", 40), ("邓", 35), ("曾", 35), ("罗", 35),
    ("胡", 30), ("吴", 30), ("赵", 25), ("易", 25), ("龙", 22), ("贺", 22), ("肖", 22),
    ("蒋", 20), ("谢", 20), ("欧阳", 8), ("朱", 18), ("徐", 18), ("孙", 15), ("马", 12),
    ("何", 20), ("郭", 12), ("高", 12), ("林", 12), ("梁", 10), ("宋", 10), ("郑", 10),
    ("廖", 18), ("戴", 12), ("夏", 10), ("钟", 10), ("汤", 10), ("姚", 8), ("邹", 15),
    ("熊", 12), ("文", 10), ("袁", 12), ("颜", 8), ("雷", 8), ("阳", 8), ("卢", 8),
    ("田", 8), ("石", 8), ("聂", 6), ("伍", 6), ("黎", 6), ("旷", 4), ("粟", 4), ("匡", 4),
    ("向", 8), ("尹", 6), ("段", 6), ("蔡", 8), ("姜", 6), ("许", 8), ("余", 8), ("邱", 6),
    ("方", 6), ("范", 6), ("傅", 5), ("沈", 5), ("江", 5), ("毛", 6), ("万", 5), ("喻", 5),
    ("司马", 1), ("诸葛", 1),
]  # fmt: skip
_MALE = (
    "伟 强 军 建 国 华 明 平 志 勇 杰 涛 斌 波 辉 刚 海 鹏 飞 文 俊 亮 峰 磊 超 宇 浩 凯 健 林 "
    "鑫 坤 彬 锋 毅 洋 军 松 柏 伦 进 昆 湘 立 新 卫 东 阳 晖 振 翔 博 睿 哲 航 铭 轩 宏 兵"
).split()
_FEMALE = (
    "芳 娟 敏 静 丽 艳 燕 霞 玲 红 梅 琳 婷 雪 慧 颖 洁 倩 丹 萍 琴 兰 晶 蓉 莉 娜 霏 璐 "
    "佳 欣 怡 悦 璇 瑶 薇 茜 妍 岚 露 雯 媛 菲 芸 秀 英 凤 春 湘 桂 珍 思 雨 晓 玉 彤 婉"
).split()
# Counties a person may have been registered in at birth (GB/T 2260; standards.md §3.4):
# Changsha's districts and counties, including the codes of 望城县 and 宁乡县 before they
# changed, which numbers keep for life.
ID_DIVISIONS = [
    ("430102", 30), ("430103", 10), ("430104", 10), ("430105", 10), ("430111", 10),
    ("430112", 3), ("430121", 8), ("430181", 8), ("430182", 4), ("430122", 3), ("430124", 4),
]  # fmt: skip

# -- places ----------------------------------------------------------------------------------

# Roads of 芙蓉区 (and the 隆平 park), for addresses and grid locations.
ROADS = [
    "五一大道", "解放西路", "解放中路", "解放东路", "人民中路", "人民东路", "韶山北路",
    "芙蓉中路一段", "芙蓉中路二段", "八一路", "蔡锷中路", "蔡锷北路", "远大一路", "远大二路",
    "马王堆中路", "马王堆北路", "车站北路", "车站中路", "晚报大道", "朝阳路", "建湘路",
    "东二环一段", "东二环二段", "古汉路", "识字岭路", "营盘东路", "燕山街", "定王台街",
    "黄泥街", "藩后街", "浏城桥路", "合平路", "隆平路", "东湖路", "马坡岭路", "东屯渡路",
]  # fmt: skip
ESTATES = [
    "锦绣家园", "芙蓉华府", "湘江世纪城", "东方新城", "朝阳新村", "火星小区", "五一新村",
    "八一新村", "远大花园", "马王堆小区", "浏阳河畔", "隆平佳苑", "东屯渡小区", "荷花园小区",
    "韭菜园小区", "文艺新村", "晚报小区", "定王台小区", "东湖小区", "湘湖小区",
]  # fmt: skip

# -- businesses ------------------------------------------------------------------------------

_ZIHAO_1 = (
    "鑫 华 盛 佳 嘉 恒 瑞 鼎 宏 裕 润 弘 兴 福 金 广 汇 天 博 锦 星 湘 楚 芙 麓 和 顺 永 众 "
    "俊 新 东 益 启 远 明 德 诚 信 达 源 聚 悦 百 万 云 君 禾"
).split()
_ZIHAO_2 = (
    "盛 达 源 丰 泰 荣 旺 隆 兴 通 利 诚 鑫 昌 辉 宇 晟 越 禾 泽 恒 森 茂 发 顺 康 安 宸 "
    "宏 业 邦 晨 逸 尚 坤 岳 航 腾 合 成 美 庭 轩"
).split()

# Trades: (个体工商户 行业 words, company 行业 words). A case's party is drawn from the
# trade its violation belongs to (``ITEM_TRADES``), so 渣土 cases name transport companies
# and 店外经营 cases name shops.
TRADES: dict[str, tuple[list[str], list[str]]] = {
    "food": (
        ["米粉店", "面馆", "小吃店", "快餐店", "餐馆", "饭店", "烧烤店", "火锅店", "私房菜馆",
         "卤味店", "奶茶店", "早餐店"],
        ["餐饮管理有限公司", "餐饮有限公司", "食品有限公司", "餐饮连锁有限公司"],
    ),
    "retail": (
        ["便利店", "超市", "副食店", "水果店", "烟酒商行", "五金店", "服装店", "百货店",
         "日用品店", "粮油店", "冷鲜肉店", "茶叶店"],
        ["商贸有限公司", "贸易有限公司", "超市有限公司", "百货有限公司"],
    ),
    "construction": (
        ["建材经营部", "装饰材料经营部"],
        ["建筑工程有限公司", "建设工程有限公司", "装饰工程有限公司", "市政工程有限公司",
         "劳务有限公司", "园林绿化工程有限公司"],
    ),
    "transport": (
        ["货运部", "搬运服务部"],
        ["渣土运输有限公司", "物流有限公司", "运输有限公司", "土石方工程有限公司"],
    ),
    "property": (
        ["保洁服务部", "家政服务部"],
        ["物业管理有限公司", "物业服务有限公司", "置业有限公司", "房地产开发有限公司"],
    ),
    "entertainment": (
        ["网吧", "网咖", "KTV", "台球室"],
        ["网络科技有限公司", "文化娱乐有限公司", "娱乐有限公司"],
    ),
    "tourism": (["旅游咨询服务部"], ["文化旅游有限公司", "旅游咨询有限公司"]),
    "sports": (["健身房", "游泳馆"], ["体育发展有限公司", "健身管理有限公司"]),
    "education": (["教育咨询服务部", "培训中心"], ["教育咨询有限公司", "教育科技有限公司"]),
    "office": (
        ["广告部", "打印店", "信息咨询服务部"],
        ["科技有限公司", "信息技术有限公司", "文化传媒有限公司", "广告有限公司",
         "商务咨询有限公司", "人力资源有限公司", "电子商务有限公司"],
    ),
    "fuel": (["煤炭经营部", "燃料经营部"], ["燃料有限公司", "能源有限公司"]),
    "drugs": (["药店", "化妆品店"], ["大药房有限公司", "医药连锁有限公司", "化妆品有限公司"]),
    "clinic": (
        ["诊所", "中医诊所", "口腔诊所", "中西医结合诊所"],
        ["口腔门诊部有限公司", "医疗美容门诊部有限公司", "门诊部有限公司"],
    ),
    "public-place": (
        ["美容美发店", "足浴店", "宾馆", "理发店"],
        ["酒店管理有限公司", "宾馆有限公司", "美容美发有限公司"],
    ),
    "industry": (
        ["加工厂"],
        ["仓储有限公司", "机械设备有限公司", "电器有限公司", "印务有限公司", "实业有限公司"],
    ),
    "chemicals": (["化工经营部"], ["化工贸易有限公司", "化工有限公司"]),
}  # fmt: skip

# Which trade a violation's party belongs to, by power-list item code (prefix match).
ITEM_TRADES = {
    "ZF-CG-001": "office", "ZF-CG-002": "retail", "ZF-CG-003": "food", "ZF-CG-004": "retail",
    "ZF-CG-005": "transport", "ZF-CG-006": "construction", "ZF-CG-007": "property",
    "ZF-CG-008": "construction", "ZF-CG-009": "food", "ZF-CG-010": "construction",
    "ZF-MZ": "office", "ZF-ZJ-001": "construction", "ZF-ZJ-002": "property",
    "ZF-ZY": "construction", "ZF-RF": "property", "ZF-WH": "entertainment",
    "ZF-LY": "tourism", "ZF-TY-001": "sports", "ZF-JY": "education", "ZF-RS": "food",
    "ZF-SL": "construction", "ZF-NY": "retail", "ZF-SW": "public-place", "ZF-TJ": "office",
    "ZF-FG": "construction", "ZF-GX": "industry", "ZF-JT": "transport", "ZF-TY-101": "office",
    "ZF-DA": "office", "ZF-LS": "retail", "ZF-SF": "office", "ZF-CZ": "office",
    "ZF-KJ": "office", "HJ-DQ-001": "construction", "HJ-DQ-002": "fuel", "HJ-DQ-003": "property",
    "HJ-DQ-004": "food", "HJ-ZS": "construction", "SJ-SP-002": "retail", "SJ-SP": "food",
    "SJ-YP": "drugs", "SJ-SC": "retail", "YJ-WH": "chemicals", "YJ-AQ-001": "industry",
    "YJ-AQ-002": "construction", "YJ-AQ-003": "industry", "WJ-YL": "clinic",
    "WJ-GW": "public-place",
}  # fmt: skip
# Trades whose violations are a business's, never a private person's.
BUSINESS_TRADES = frozenset(
    {"construction", "transport", "industry", "chemicals", "entertainment", "tourism",
     "sports", "education", "clinic", "public-place", "drugs", "fuel"}
)  # fmt: skip
COMPANY_REGIONS = [("长沙市芙蓉区", 5), ("长沙", 4), ("湖南", 3), ("湖南省", 1)]


def trade_of(item_code: str) -> str:
    """The trade of the party of a case under ``item_code`` (the longest prefix listed)."""
    best = ""
    for prefix in ITEM_TRADES:
        if item_code.startswith(prefix) and len(prefix) > len(best):
            best = prefix
    return ITEM_TRADES[best] if best else "office"


@dataclass(frozen=True)
class Person:
    name: str
    id_number: str
    male: bool
    birth: dt.date


class Names:
    """The generator: one per demo load, seeded, so every load draws the same names."""

    def __init__(self, seed: int):
        self.rnd = random.Random(seed)  # nosec B311 — seeded demo names, not a secret
        self._surnames = [s for s, _w in SURNAMES]
        self._surname_w = [w for _s, w in SURNAMES]
        self._divisions = [d for d, _w in ID_DIVISIONS]
        self._division_w = [w for _d, w in ID_DIVISIONS]
        self._used: set[str] = set()
        self._serial = 0

    # -- persons ---------------------------------------------------------------------------

    def given(self, male: bool) -> str:
        chars = _MALE if male else _FEMALE
        if self.rnd.random() < 0.28:
            return self.rnd.choice(chars)
        a, b = self.rnd.sample(chars, 2)
        return a + b

    def person_name(self, male: bool | None = None) -> str:
        male = self.rnd.random() < 0.55 if male is None else male
        return self.rnd.choices(self._surnames, self._surname_w)[0] + self.given(male)

    def unique_name(self, male: bool | None = None) -> str:
        """A person's name not handed out before by this generator (officers of a body)."""
        for _try in range(50):
            name = self.person_name(male)
            if name not in self._used:
                self._used.add(name)
                return name
        raise RuntimeError("name vocabulary exhausted")

    def person(self, *, born_from: int = 1958, born_to: int = 2001) -> Person:
        """A natural person with a 公民身份号码 whose sequence digit matches the gender."""
        male = self.rnd.random() < 0.62
        start = dt.date(born_from, 1, 1)
        birth = start + dt.timedelta(days=self.rnd.randrange((born_to - born_from) * 365))
        division = self.rnd.choices(self._divisions, self._division_w)[0]
        seq = self.rnd.randrange(500) * 2 + (1 if male else 0)
        return Person(
            self.person_name(male), identity.generate_id_number(division, birth, seq), male, birth
        )

    # -- places ----------------------------------------------------------------------------

    def road(self) -> str:
        return self.rnd.choice(ROADS)

    def street_address(self) -> str:
        """A business's address: road and number."""
        return f"长沙市芙蓉区{self.road()}{self.rnd.randint(1, 480)}号"

    def home_address(self) -> str:
        """A person's address: an estate, building, unit and flat."""
        if self.rnd.random() < 0.5:
            return (
                f"长沙市芙蓉区{self.road()}{self.rnd.randint(1, 480)}号"
                f"{self.rnd.randint(1, 12)}栋{self.rnd.randint(1, 30)}0{self.rnd.randint(1, 6)}室"
            )
        return (
            f"长沙市芙蓉区{self.rnd.choice(ESTATES)}{self.rnd.randint(1, 28)}栋"
            f"{self.rnd.randint(1, 4)}单元{self.rnd.randint(1, 30)}0{self.rnd.randint(1, 6)}室"
        )

    def spot(self, place: str) -> str:
        """Where on the street a grid problem was seen, in a patroller's words."""
        r = self.rnd.random()
        road = self.road()
        if r < 0.45:
            return f"{place}{road}{self.rnd.randint(1, 480)}号附近"
        if r < 0.75:
            other = self.road()
            while other == road:
                other = self.road()
            return f"{place}{road}与{other}交叉口"
        return f"{place}{self.rnd.choice(ESTATES)}大门外"

    # -- businesses ------------------------------------------------------------------------

    def zihao(self) -> str:
        """A 字号: two auspicious characters, or a surname with 记/氏 for small shops."""
        if self.rnd.random() < 0.15:
            return self.rnd.choices(self._surnames, self._surname_w)[0][-1] + self.rnd.choice(
                "记氏"
            )
        a = self.rnd.choice(_ZIHAO_1)
        b = self.rnd.choice(_ZIHAO_2)
        while b == a:
            b = self.rnd.choice(_ZIHAO_2)
        return a + b

    def _code(self, dept_kind: str) -> str:
        """A 统一社会信用代码 registered in 芙蓉区 (430102): an 8-character body as issued
        since 2016 (MA…), or a converted older organisation code (digits)."""
        self._serial += 1
        chars = identity.CREDIT_CHARSET
        if self.rnd.random() < 0.7:
            body = "MA4" + "".join(self.rnd.choice(chars[1:]) for _ in range(5))
        else:
            body = f"{self.rnd.randrange(30000000, 79999999):08d}"
        return identity.generate_credit_code(f"{dept_kind}430102{body}")

    def shop(self, trade: str) -> dict[str, str]:
        """A 个体工商户: name, credit code (92…), address, and its operator."""
        kind = self.rnd.choice(TRADES[trade][0])
        return {
            "party_name": f"长沙市芙蓉区{self.zihao()}{kind}",
            "party_credit_code": self._code("92"),
            "party_legal_rep": self.person_name(),
            "party_address": self.street_address(),
        }

    def company(self, trade: str) -> dict[str, str]:
        """A company: name, credit code (91…), legal representative, address."""
        kind = self.rnd.choice(TRADES[trade][1])
        region = self.rnd.choices(
            [r for r, _w in COMPANY_REGIONS], [w for _r, w in COMPANY_REGIONS]
        )
        return {
            "party_name": f"{region[0]}{self.zihao()}{kind}",
            "party_credit_code": self._code("91"),
            "party_legal_rep": self.person_name(),
            "party_address": self.street_address(),
        }

    def supermarket(self) -> str:
        if self.rnd.random() < 0.5:
            return f"长沙市芙蓉区{self.zihao()}超市"
        return f"湖南{self.zihao()}超市有限公司{self.road()}店"

    def individual(self) -> dict[str, str]:
        p = self.person()
        return {
            "party_name": p.name,
            "party_id_number": p.id_number,
            "party_address": self.home_address(),
        }

    def mobile(self) -> str:
        return f"1{self.rnd.choice('3578')}{self.rnd.randrange(10**9):09d}"


# -- enforcement certificates ------------------------------------------------------------------

# Body codes in the certificate numbers of the district (the order of the power list).
BODY_CODES = {
    "区行政执法局": 1,
    "区市场监管局": 2,
    "区卫生健康局": 3,
    "区应急管理局": 4,
    "芙蓉生态环境分局": 5,
}
PROVINCIAL = "湖南省行政执法证"
NATIONAL = "中华人民共和国行政执法证"
# 湖南 used its own 行政执法证 until 31 October 2022 and the national 行政执法证 from
# 1 November 2022, valid to 31 October 2027 (☑ secondary source; see docs/architecture.md).
PROVINCIAL_END = dt.date(2022, 10, 31)
NATIONAL_START, NATIONAL_END = dt.date(2022, 11, 1), dt.date(2027, 10, 31)


def certificate_number(kind: str, body: str, serial: int, division: str = "430102") -> str:
    """A certificate number: the issuing county's division code, then for the provincial
    certificate the body's two-digit code and a five-digit serial (4301020100054); for the
    national one the issue year's last two digits, the body code and a four-digit serial
    (43010222010054). The structure is the demo's model of the province's numbering (the
    exact rule was not available; see docs/architecture.md)."""
    code = BODY_CODES[body]
    if kind == PROVINCIAL:
        return f"{division}{code:02d}{serial:05d}"
    return f"{division}22{code:02d}{serial:04d}"

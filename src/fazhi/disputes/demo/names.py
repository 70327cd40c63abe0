"""Plausible people, shops, companies and addresses for the demo district, drawn with a fixed
seed from vocabularies: common surnames (weighted toward Hunan), ordinary given names, real
road names of 芙蓉区 with invented house numbers, residential compounds, mobile numbers of
real prefixes, and identity numbers and credit codes with valid check characters
(GB 11643, GB 32100). Nothing here names a real person; every identity number is generated.

(A kernel candidate: other domains' demo years need the same generator.)
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from fazhi.core import identity

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程"
    "苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾毛"
    "郝龚邵万严覃戴莫向汤易欧阳文"
)
# weights: the most frequent surnames of the province come first and often
_HEAVY = "刘李陈王张杨周彭黄谭曾罗唐胡邓吴贺易肖赵"
MALE = (
    "建国 志强 伟 军 勇 杰 涛 明 超 辉 鹏 华 斌 浩 宇 俊 磊 强 平 刚 文 海波 德明 立新 国华 "
    "建华 志军 红兵 小平 建军 卫东 振华 光明 永红 正国 世杰 宏伟 家豪 子涵 浩然 宇轩 "
    "俊杰 文斌 志刚 晓东 新民 跃进 长春 铁军 利民 爱国 德胜 湘平 湘君 楚雄 岳峰"
).split()
FEMALE = (
    "秀英 桂兰 淑华 丽 敏 静 燕 芳 娟 霞 玲 婷 红 丹 琳 艳 萍 慧 洁 晓红 秀兰 玉梅 "
    "春花 凤英 美华 丽华 雪梅 海燕 小燕 金花 湘莲 湘芸 佳怡 思琪 雨欣 梓涵 诗涵 "
    "桂芳 菊香 冬梅 彩霞 玉兰 月娥 爱华 素珍"
).split()
ROADS = (
    "五一大道 解放西路 解放东路 人民中路 人民东路 芙蓉中路 韶山北路 八一路 车站北路 "
    "东二环一段 远大一路 远大二路 马王堆路 浏阳河大道 晚报大道 蔡锷中路 营盘路 建湘路 "
    "朝阳路 古汉路 嘉雨路 隆平路 合平路 东屯渡路 浏城桥路 识字岭路 燕山街 文艺路"
).split()
COMPOUNDS = (
    "锦绣华庭 东方新城 嘉盛华庭 湘湖家园 隆平佳园 火星小区 五里牌小区 荷花园小区 "
    "浏阳河花园 马王堆新村 文艺新村 朝阳新村 东岸新村 凌霄花园 鸿德家园 万家丽苑 "
    "紫东阁 君悦华庭 远大路小区 晚报大院"
).split()
BRANDS = (
    "鑫盛 华泰 恒润 德嘉 兴博 天瑞 安隆 丰源 达信 和锦 汇佳 祥瑞 宏泰 新宇 百川 "
    "金穗 佳和 盛世 瑞丰 湘楚 芙源 星城 楚天 麓湘"
).split()
SHOPS = "餐馆 超市 便利店 水果店 粉店 烧烤店 五金店 服装店 美容美发店 药房 茶楼 酒楼".split()
TRADES = (
    "物业管理 房地产开发 建筑工程 装饰工程 餐饮管理 商贸 科技 劳务 家政服务 "
    "汽车服务 教育咨询 医疗器械"
).split()
MOBILE = (
    "130 131 132 133 135 136 137 138 139 150 151 152 153 155 156 157 158 159 "
    "173 176 177 180 181 182 183 185 186 187 188 189 198 199"
).split()
DIVISIONS = (
    "430102 430102 430102 430103 430104 430105 430111 430112 430121 430181 "
    "430124 431002 430302 430503 430602 431103 430902"
).split()


@dataclass(frozen=True)
class Person:
    name: str
    id_number: str
    phone: str
    address: str
    male: bool


@dataclass(frozen=True)
class Company:
    name: str
    credit_code: str
    phone: str
    address: str
    legal_rep: str


class Names:
    """The demo's name source: deterministic for a seed."""

    def __init__(self, seed: int) -> None:
        self.r = random.Random(seed)  # nosec B311 - seeded demo data, not a secret
        self._seq: dict[tuple[str, dt.date], int] = {}
        self._used: set[str] = set()
        self._org_n = 0

    def surname(self) -> str:
        if self.r.random() < 0.45:
            return self.r.choice(_HEAVY)
        s = self.r.choice(SURNAMES)
        if s == "欧" and self.r.random() < 0.5:
            return "欧阳"
        return s

    def name(self, male: bool | None = None) -> str:
        male = self.r.random() < 0.5 if male is None else male
        return self.surname() + self.r.choice(MALE if male else FEMALE)

    def phone(self) -> str:
        return self.r.choice(MOBILE) + f"{self.r.randrange(10**8):08d}"

    def address(self) -> str:
        r = self.r
        if r.random() < 0.6:
            return f"长沙市芙蓉区{r.choice(COMPOUNDS)}{r.randint(1, 28)}栋{r.randint(1, 4)}单元{r.randint(1, 26)}{r.randint(1, 4):02d}室"
        return f"长沙市芙蓉区{r.choice(ROADS)}{r.randint(1, 480)}号"

    def id_number(self, male: bool, born_from: int = 1945, born_to: int = 2000) -> str:
        r = self.r
        while True:
            birth = dt.date(born_from, 1, 1) + dt.timedelta(
                days=r.randrange((born_to - born_from) * 365)
            )
            division = r.choice(DIVISIONS)
            key = (division, birth)
            n = self._seq.get(key, r.randrange(60))
            self._seq[key] = n + 1
            # the 17th digit is odd for men, even for women (GB 11643)
            seq = n * 10 + r.choice((1, 3, 5, 7, 9) if male else (0, 2, 4, 6, 8))
            number = identity.generate_id_number(division, birth, seq % 1000)
            if number not in self._used:
                self._used.add(number)
                return number

    def person(self, male: bool | None = None) -> Person:
        male = self.r.random() < 0.5 if male is None else male
        return Person(self.name(male), self.id_number(male), self.phone(), self.address(), male)

    def company(self, kind: str = "org") -> Company:
        """A shop (个体工商户, credit code 92…) or a company (企业法人, 91…)."""
        r = self.r
        self._org_n += 1
        brand = r.choice(BRANDS)
        if kind == "business":
            name = f"长沙市芙蓉区{brand}{r.choice(SHOPS)}"
            prefix = f"92430102MA{self._org_n:06d}"
        else:
            name = f"湖南{brand}{r.choice(TRADES)}有限公司"
            prefix = f"91430102MA{self._org_n:06d}"
        code = identity.generate_credit_code(prefix)
        return Company(
            name,
            code,
            self.phone(),
            f"长沙市芙蓉区{r.choice(ROADS)}{r.randint(1, 480)}号",
            self.name(),
        )

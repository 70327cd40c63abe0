"""The shipped set of 数字城管 problem categories (管理部件 / 管理事件), as data.

The split into components (部件: public facilities that can be broken or missing) and events
(事件: acts and conditions that disturb the city's order) and the major classes follow
GB/T 30428.2 (数字化城市管理信息系统 第2部分：管理部件和事件) and its predecessor CJ/T 214.
The standard's own code list and sub-class names could NOT be confirmed here, so the codes
below are this project's (``BJ`` + major + minor for components, ``SJ`` + major + minor for
events) and every entry is ``confirmed=False``. Administrators edit the table in the
workspace (数字城管 → 问题类别); ``services.grid.categories_load`` adds entries that are
missing and never overwrites an edited one.

Every category names its handling limit, a rule of the kernel's registry
(``core/data/time_rules.toml``): CG-1 urgent hazards (1 calendar day, not rolled), CG-2
ordinary events (1 working day), CG-3 component repair (5 working days), CG-4 problems that
need a case or several bodies (15 working days). All four are ⚠ local configuration: the
national standard gives no day counts, CJ/T 315-2009's working-hour limits were not available,
and the district's own limits were not retrieved. ``proposed_limit`` is the shipped tier's
wording, shown next to the category; an administrator may give a category another rule.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext, gettext_noop

DEFAULT_RULE = "CG-2"  # a new category's rule unless the administrator chooses another
SOURCE = gettext_noop(
    "GB/T 30428.2 部件/事件分类（大类依标准，小类及编码为本项目示例，未与标准原文核对）"
)  # translated where shown


@dataclass(frozen=True)
class Tier:
    rule_code: str
    text: str


@dataclass(frozen=True)
class CategorySpec:
    code: str
    kind: str  # "component" | "event"
    major: str
    name: str
    tier: Tier
    confirmed: bool = False

    @property
    def rule_code(self) -> str:
        return self.tier.rule_code

    @property
    def proposed_limit(self) -> str:
        return self.tier.text


URGENT = Tier("CG-1", gettext_noop("紧急：立即到场处置，1个自然日内消除隐患（节假日不顺延）"))
ORDINARY = Tier("CG-2", gettext_noop("一般事件：1个工作日"))
REPAIR = Tier("CG-3", gettext_noop("部件维修（及其他一般问题）：5个工作日"))
COMPLEX = Tier("CG-4", gettext_noop("需立案查处或多部门协调：15个工作日（立案查处的，依法定程序）"))
TIERS = (URGENT, ORDINARY, REPAIR, COMPLEX)
HANDLING_RULES = tuple(t.rule_code for t in TIERS)  # offered in the category form


def _c(code: str, major: str, name: str, tier: Tier) -> CategorySpec:
    return CategorySpec(code, "component", major, name, tier)


def _e(code: str, major: str, name: str, tier: Tier) -> CategorySpec:
    return CategorySpec(code, "event", major, name, tier)


CATEGORIES: list[CategorySpec] = [
    # 部件 · 公用设施
    _c("BJ0101", "公用设施", "上水井盖", URGENT),
    _c("BJ0102", "公用设施", "污水井盖", URGENT),
    _c("BJ0103", "公用设施", "雨水井盖（箅子）", URGENT),
    _c("BJ0104", "公用设施", "电力井盖", URGENT),
    _c("BJ0105", "公用设施", "通信井盖", URGENT),
    _c("BJ0106", "公用设施", "燃气井盖", URGENT),
    _c("BJ0107", "公用设施", "消火栓", REPAIR),
    _c("BJ0108", "公用设施", "路灯", REPAIR),
    _c("BJ0109", "公用设施", "报刊亭、信息亭", REPAIR),
    _c("BJ0110", "公用设施", "健身设施", REPAIR),
    # 部件 · 道路交通
    _c("BJ0201", "道路交通", "人行道板", REPAIR),
    _c("BJ0202", "道路交通", "道路护栏、隔离墩", REPAIR),
    _c("BJ0203", "道路交通", "路名牌", REPAIR),
    _c("BJ0204", "道路交通", "交通标志牌", REPAIR),
    _c("BJ0205", "道路交通", "交通信号灯", URGENT),
    _c("BJ0206", "道路交通", "公交站亭", REPAIR),
    _c("BJ0207", "道路交通", "过街天桥、地下通道", REPAIR),
    # 部件 · 市容环境
    _c("BJ0301", "市容环境", "公共厕所", REPAIR),
    _c("BJ0302", "市容环境", "果皮箱", REPAIR),
    _c("BJ0303", "市容环境", "垃圾收集站（垃圾房）", REPAIR),
    _c("BJ0304", "市容环境", "户外广告设施、牌匾", REPAIR),
    # 部件 · 园林绿化
    _c("BJ0401", "园林绿化", "行道树", REPAIR),
    _c("BJ0402", "园林绿化", "绿地", REPAIR),
    _c("BJ0403", "园林绿化", "花坛、花钵", REPAIR),
    _c("BJ0404", "园林绿化", "城市雕塑、街头座椅", REPAIR),
    # 部件 · 房屋土地 / 其他设施
    _c("BJ0501", "房屋土地", "宣传栏", REPAIR),
    _c("BJ0502", "房屋土地", "人防工事出入口", REPAIR),
    _c("BJ0601", "其他设施", "城管岗亭", REPAIR),
    # 事件 · 市容环境
    _e("SJ0101", "市容环境", "私搭乱建", COMPLEX),
    _e("SJ0102", "市容环境", "暴露垃圾", ORDINARY),
    _e("SJ0103", "市容环境", "积存渣土", ORDINARY),
    _e("SJ0104", "市容环境", "道路不洁", ORDINARY),
    _e("SJ0105", "市容环境", "水域不洁", ORDINARY),
    _e("SJ0106", "市容环境", "绿地脏乱", ORDINARY),
    _e("SJ0107", "市容环境", "露天焚烧", ORDINARY),
    # 事件 · 宣传广告
    _e("SJ0201", "宣传广告", "非法小广告", ORDINARY),
    _e("SJ0202", "宣传广告", "违规户外广告", COMPLEX),
    _e("SJ0203", "宣传广告", "街头散发广告", ORDINARY),
    # 事件 · 施工管理
    _e("SJ0301", "施工管理", "施工扰民", ORDINARY),
    _e("SJ0302", "施工管理", "施工占道", ORDINARY),
    _e("SJ0303", "施工管理", "工地扬尘", ORDINARY),
    _e("SJ0304", "施工管理", "渣土运输遗撒", ORDINARY),
    # 事件 · 突发事件
    _e("SJ0401", "突发事件", "路面塌陷", URGENT),
    _e("SJ0402", "突发事件", "供水管道破裂", URGENT),
    _e("SJ0403", "突发事件", "道路积水", URGENT),
    # 事件 · 街面秩序
    _e("SJ0501", "街面秩序", "占道经营", ORDINARY),
    _e("SJ0502", "街面秩序", "店外经营", ORDINARY),
    _e("SJ0503", "街面秩序", "无照游商", ORDINARY),
    _e("SJ0504", "街面秩序", "露天烧烤", ORDINARY),
    _e("SJ0505", "街面秩序", "非机动车乱停放", ORDINARY),
    _e("SJ0506", "街面秩序", "机动车占用人行道停放", ORDINARY),
    # 事件 · 其他事件
    _e("SJ0601", "其他事件", "其他城市管理问题", REPAIR),
]

BY_CODE: dict[str, CategorySpec] = {c.code: c for c in CATEGORIES}


def proposed_limit(code: str) -> str:
    """The shipped tier's wording for the category (shown beside its rule; the clock runs
    under the category's ``rule_code``, which an administrator may have changed)."""
    spec = BY_CODE.get(code)
    return gettext(spec.proposed_limit) if spec else ""

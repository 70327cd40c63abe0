"""The demo district, modelled on 长沙市芙蓉区 (division code 430102).

Organisations follow the seed report: the district government and the bodies it names, the
13 streets with 79 communities and villages, and the outside bodies that receive filings.
Street names and 定王台街道's 12 communities are real (public gazetteer pages); the other
community and village names are illustrative, and every organisation created from the
illustrative list carries that note. Users: one per role, named by role — no invented people.
Later modules add their own demo records through ``register_demo_step``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.db import transaction

from . import actions, ledger
from .ledger import SystemActor
from .models import CodeTable, DataScope, Organisation, OrgKind, Role, User
from .services import code_item_save, code_table_save, membership_grant, org_create, user_create

DEMO_PASSWORD = "Furong@2019"
ILLUSTRATIVE = "示例名称（演示用，非真实社区名）"
ACTOR = SystemActor("系统（演示数据）")

STREETS = [
    "文艺路",
    "朝阳街",
    "韭菜园",
    "五里牌",
    "火星",
    "马王堆",
    "东屯渡",
    "湘湖",
    "定王台",
    "荷花园",
    "东岸",
    "马坡岭",
    "东湖",
]
DINGWANGTAI = [
    "马王街",
    "定王台",
    "金沙里",
    "藩后街",
    "浏正街",
    "宝南街",
    "东牌楼",
    "丰泉古井",
    "化龙池",
    "走马楼",
    "黄泥街",
    "南阳街",
]
# Illustrative names for the other 67 communities/villages (5 or 6 per street).
OTHER_COMMUNITIES = {
    "文艺路": ["识字岭", "燕山街", "文艺新村", "营盘街", "蔡锷路", "八一桥"],
    "朝阳街": ["朝阳", "解放西村", "朝阳新村", "人民路", "古汉城"],
    "韭菜园": ["韭菜园", "八一路", "五一新村", "车站南", "远大一路", "建湘路"],
    "五里牌": ["五里牌", "杨家山", "马王堆东", "王公塘", "隆平园", "合平"],
    "火星": ["火星", "新军路", "远大二路", "竹叶坪", "高岭", "鸿德"],
    "马王堆": ["马王堆", "汉墓", "浏阳河", "铁路新村", "新河", "凌霄"],
    "东屯渡": ["东屯渡", "浏城桥", "长岛", "东风", "滨河"],
    "湘湖": ["湘湖", "晚报", "东方红", "新民路", "人民东路", "古城"],
    "荷花园": ["荷花园", "荷花池", "隆平", "南湖", "五一大道东", "车站北"],
    "东岸": ["东岸", "大塘村", "东岸新村", "西龙村", "凌霄新村"],
    "马坡岭": ["马坡岭", "合平村", "马坡新村", "农科院", "东岸村"],
    "东湖": ["东湖", "东湖村", "隆平村", "新兴", "金星"],
}
# The former 东岸乡 streets include villages (seed-figures.md).
VILLAGES = {"大塘村", "西龙村", "合平村", "东岸村", "东湖村", "隆平村"}

BUREAUS = [
    ("长沙市芙蓉区人民政府办公室", "区政府办", OrgKind.OFFICE),
    ("长沙市芙蓉区司法局", "区司法局", OrgKind.BUREAU),
    ("长沙市芙蓉区行政审批服务局", "区行政审批服务局", OrgKind.BUREAU),
    ("长沙市芙蓉区行政执法局", "区行政执法局", OrgKind.BUREAU),
    ("长沙市芙蓉区市场监督管理局", "区市场监管局", OrgKind.BUREAU),
    ("长沙市芙蓉区卫生健康局", "区卫生健康局", OrgKind.BUREAU),
    ("长沙市芙蓉区应急管理局", "区应急管理局", OrgKind.BUREAU),
    ("长沙市生态环境局芙蓉分局", "芙蓉生态环境分局", OrgKind.BUREAU),
    ("长沙市芙蓉区审计局", "区审计局", OrgKind.BUREAU),
    ("长沙市芙蓉区信访局", "区信访局", OrgKind.BUREAU),
    ("长沙市芙蓉区财政局", "区财政局", OrgKind.BUREAU),
    ("长沙市芙蓉区住房和城乡建设局", "区住建局", OrgKind.BUREAU),
    ("长沙市芙蓉区人力资源和社会保障局", "区人社局", OrgKind.BUREAU),
]

_steps: list[tuple[str, Callable[[], None]]] = []


def register_demo_step(name: str, fn: Callable[[], None]) -> None:
    """Modules add their demo year here; ``load()`` runs them in registration order."""
    if name not in {n for n, _ in _steps}:
        _steps.append((name, fn))


def step_names() -> list[str]:
    """The registered demo steps, in the order ``load()`` runs them."""
    return [n for n, _ in _steps]


class UnknownStepError(ValueError):
    """A demo step name that no module registered."""


def _selected(steps: Iterable[str] | None) -> list[tuple[str, Callable[[], None]]]:
    if steps is None:
        return list(_steps)
    wanted = set(steps)
    unknown = wanted - set(step_names())
    if unknown:
        raise UnknownStepError(
            f"没有这个演示数据步骤：{'、'.join(sorted(unknown))}"
            f"（已登记：{'、'.join(step_names()) or '无'}）"
        )
    return [(n, fn) for n, fn in _steps if n in wanted]


def is_loaded() -> bool:
    return Organisation.objects.exists()


def _org(name, kind, parent=None, short="", code="", note="") -> Organisation:
    return org_create(
        actor=ACTOR,
        name=name,
        kind=kind,
        parent=parent,
        short_name=short,
        division_code=code,
        note=note,
    )


@transaction.atomic
def load_orgs() -> dict[str, Organisation]:
    orgs: dict[str, Organisation] = {}
    gov = _org("长沙市芙蓉区人民政府", OrgKind.DISTRICT, short="区政府", code="430102")
    orgs["gov"] = gov
    party = _org("中共长沙市芙蓉区委员会", OrgKind.PARTY, short="区委", code="430102")
    committee = _org(
        "中共长沙市芙蓉区委全面依法治区委员会", OrgKind.COMMITTEE, party, short="区委依法治区委"
    )
    for group in ["执法协调小组", "司法协调小组", "守法普法协调小组"]:
        _org(f"区委全面依法治区委员会{group}", OrgKind.COMMITTEE, committee, short=group)
    for name, short, kind in BUREAUS:
        orgs[short] = _org(name, kind, gov, short=short)
    orgs["依法治区办"] = _org(
        "中共长沙市芙蓉区委全面依法治区委员会办公室",
        OrgKind.OFFICE,
        orgs["区司法局"],
        short="区委依法治区办",
        note="设在区司法局（见2019年度法治政府建设情况报告）",
    )
    orgs["12345"] = _org(
        "芙蓉区12345市民热线办公室", OrgKind.OFFICE, orgs["区政府办"], short="12345热线办"
    )
    orgs["park"] = _org("隆平高科技园管理委员会", OrgKind.PARK, gov, short="隆平高科技园")
    for street in STREETS:
        s = _org(f"芙蓉区{street}街道办事处", OrgKind.STREET, gov, short=f"{street}街道")
        orgs[f"{street}街道"] = s
        if street == "定王台":
            for c in DINGWANGTAI:
                _org(f"{street}街道{c}社区", OrgKind.COMMUNITY, s, short=f"{c}社区")
            continue
        for c in OTHER_COMMUNITIES[street]:
            village = c in VILLAGES
            kind = OrgKind.VILLAGE if village else OrgKind.COMMUNITY
            suffix = "" if village else "社区"
            _org(f"{street}街道{c}{suffix}", kind, s, short=f"{c}{suffix}", note=ILLUSTRATIVE)
    for name, short, code in [
        ("中共长沙市委员会", "市委", "430100"),
        ("长沙市人民政府", "市政府", "430100"),
        ("长沙市芙蓉区人民代表大会常务委员会", "区人大常委会", "430102"),
        ("长沙市司法局", "市司法局", "430100"),
    ]:
        orgs[short] = _org(
            name, OrgKind.EXTERNAL, short=short, code=code, note="外部机关：接收备案、报告"
        )
    return orgs


DEMO_USERS = [
    # username, label, org key, role, scope
    ("clerk", "演示窗口人员", "区行政审批服务局", Role.CLERK, DataScope.ORG),
    ("officer", "演示执法人员", "区行政执法局", Role.OFFICER, DataScope.SELF),
    ("reviewer", "演示法制审核人员", "区司法局", Role.REVIEWER, DataScope.SUBTREE),
    ("leader", "演示负责人", "区行政执法局", Role.LEADER, DataScope.SUBTREE),
    ("supervisor", "演示监督人员", "依法治区办", Role.SUPERVISOR, DataScope.ALL),
    ("admin", "演示系统管理员", "gov", Role.ADMIN, DataScope.SUBTREE),
    # 三权分立: the security and the audit administrator are other people than the system one
    ("security", "演示安全管理员", "gov", Role.SECURITY, DataScope.SUBTREE),
    ("auditor", "演示审计管理员", "gov", Role.AUDIT, DataScope.ALL),  # the whole ledger
]

# Logins a module's demo step adds (username, label, role), printed after DEMO_USERS.
EXTRA_LOGINS: list[tuple[str, str, Role]] = []


def register_login(username: str, label: str, role: Role) -> None:
    if username not in {u for u, _l, _r in EXTRA_LOGINS}:
        EXTRA_LOGINS.append((username, label, role))


@transaction.atomic
def load_users(orgs: dict[str, Organisation]) -> list[User]:
    users = []
    for username, label, org_key, role, scope in DEMO_USERS:
        org = orgs[org_key]
        u = user_create(
            actor=ACTOR,
            username=username,
            password=DEMO_PASSWORD,
            full_name=label,
            primary_org=org,
            is_superuser=(role == Role.ADMIN),
        )
        membership_grant(actor=ACTOR, user=u, org=org, role=role, data_scope=scope)
        users.append(u)
    return users


@transaction.atomic
def load_code_tables() -> None:
    for code, name, choices in [
        ("org_kind", "机构类型", OrgKind.choices),
        ("role", "岗位角色", Role.choices),
        ("data_scope", "数据范围", DataScope.choices),
    ]:
        table = code_table_save(
            actor=ACTOR,
            code=code,
            name=name,
            is_system=True,
            description="内核内置，与程序中的取值一致。",
        )
        for i, (value, label) in enumerate(choices):
            code_item_save(actor=ACTOR, table=table, code=value, label=str(label), sort_order=i)


def load(
    *, steps: Iterable[str] | None = None, verbose: Callable[[str], None] = lambda s: None
) -> list[User]:
    """Load the demo district into an empty database: the kernel's organisations, users and
    code tables, then every registered step — or only the named ``steps`` (in registration
    order; a step that builds on another's records needs that one named too)."""
    selected = _selected(steps)
    if is_loaded():
        raise RuntimeError("数据库中已有组织机构，演示数据只能载入空数据库。")
    orgs = load_orgs()
    verbose(f"组织机构：{Organisation.objects.count()} 个")
    users = load_users(orgs)
    if not CodeTable.objects.exists():
        load_code_tables()
    for name, step in selected:
        verbose(f"载入演示数据：{name}")
        step()
    with transaction.atomic():
        ledger.record(
            actor=ACTOR,
            action=actions.DEMO_LOAD,
            data={"orgs": Organisation.objects.count(), "users": len(users)},
        )
    return users

"""The demo's content duties (内容保障, seed 一(六)2): the columns of the district portal
each department keeps current, effective 2019-01-01, and the monthly check of every column
through 2019 — on the last working day of the month, a few columns found stale with the
measure taken. The demo's portal has no crawl, so no monitor finding is linked. A live
present: last month's checks recorded, so the to-do shows this month's as its end nears.

All through ``duties.duty_save`` / ``duties.duty_check``, each at its business date.
"""

from __future__ import annotations

import datetime as dt

from fazhi.core import clock
from fazhi.core.calendar import get_calendar
from fazhi.core.models import Organisation

from . import duties
from .demo import ACTOR, YEAR, _at

#: department → (portal column, what it must keep current)
DUTIES = {
    "区政府办": [
        ("政府信息公开年报", "本机关及区政府政府信息公开工作年度报告（每年1月31日、3月31日前）"),
        ("政策解读", "区政府及区政府办公室文件的解读材料，与文件同步发布"),
        ("通知公告", "区政府及区政府办公室的通知公告"),
    ],
    "区财政局": [
        ("财政预决算", "区本级及各部门预算、决算和“三公”经费，批复后20日内公开"),
        ("政府采购", "区本级政府采购意向和采购结果公告"),
    ],
    "区住建局": [
        ("重大建设项目", "重大建设项目的批准、招标投标和实施情况"),
        ("棚户区改造", "征收决定、补偿方案和征收结果"),
    ],
    "区行政审批服务局": [
        ("办事指南", "政务服务事项办事指南和表格下载，事项调整后及时更新"),
        ("行政许可结果", "行政许可决定，作出决定之日起7个工作日内公示"),
    ],
    "区市场监管局": [
        ("双随机一公开", "随机抽查事项清单、抽查计划和抽查结果"),
        ("食品安全抽检", "食品安全监督抽检结果"),
    ],
    "区人社局": [
        ("人事考试与招聘", "事业单位公开招聘公告、成绩和拟聘用人员名单"),
        ("就业创业", "就业创业政策、补贴申领和招聘会信息"),
    ],
    "芙蓉生态环境分局": [("环境质量", "辖区环境质量信息和建设项目环评审批结果")],
    "区卫生健康局": [("公共卫生", "传染病防控、健康教育和医疗机构监督信息")],
    "区行政执法局": [("行政执法公示", "执法主体、执法依据、执法结果（作出决定之日起7个工作日内）")],
}
#: (department, column, month) found stale at the check, with the measure taken
STALE = {
    ("区住建局", "棚户区改造", 3): "征收补偿方案调整后未同步更新，已督促征收办补充发布",
    ("区市场监管局", "食品安全抽检", 6): "第二季度抽检结果超过两周未发布，已通报并限期补发",
    ("区人社局", "就业创业", 8): "补贴申领政策已调整，栏目内容未更新，已责成就业服务中心整改",
    ("区政府办", "通知公告", 11): "一则通知公告过期未撤下，已撤下并建立定期清理机制",
}
EFFECTIVE = dt.date(YEAR, 1, 1)


def _check_day(month: str) -> dt.date:
    return get_calendar().previous_workday(duties.month_end(month))


def load() -> None:
    orgs = {o.short_name: o for o in Organisation.objects.exclude(short_name="")}
    made = []
    with _at(dt.date(YEAR, 1, 4)):
        for short, columns in DUTIES.items():
            for column, content in columns:
                made.append(
                    (
                        short,
                        duties.duty_save(
                            actor=ACTOR,
                            org=orgs[short],
                            column=column,
                            content=content,
                            effective_from=EFFECTIVE,
                        ),
                    )
                )
    for m in range(1, 13):
        month = f"{YEAR}-{m:02d}"
        day = _check_day(month)
        with _at(day):
            for short, duty in made:
                note = STALE.get((short, duty.column, m), "")
                duties.duty_check(
                    actor=ACTOR,
                    duty=duty,
                    month=month,
                    checked_on=day,
                    current=not note,
                    note=note,
                )
    load_present(made)


def load_present(made) -> None:
    """Last month's checks (the live present): every column current."""
    today = clock.today()
    last = duties.month_of(today.replace(day=1) - dt.timedelta(days=1))
    day = _check_day(last)
    if day > today or last <= f"{YEAR}-12":
        return
    with _at(day):
        for _short, duty in made:
            duties.duty_check(actor=ACTOR, duty=duty, month=last, checked_on=day, current=True)

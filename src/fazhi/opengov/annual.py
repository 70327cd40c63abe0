"""The 政府信息公开工作年度报告's request table, built from the records cell by cell.

Layout: the format the State Council's GOI office issued (国办公开办函〔2021〕30号,
《中华人民共和国政府信息公开工作年度报告格式》), table 三 "收到和处理政府信息公开申请情况":
seven columns — 自然人; 法人或其他组织: 商业企业, 科研机构, 社会公益组织, 法律服务机构,
其他; 总计 — and the rows 一 本年新收, 二 上年结转, 三 本年度办理结果 (（一）…（七）总计,
with the numbered sub-rows of 不予公开, 无法提供, 不予处理, 其他处理), 四 结转下年度继续办理.

Definitions (per request, by the applicant's kind): 新收 = received in the year; 上年结转
= received before the year and still open on 1 January; 办理结果 = closed in the year
(answered, by its answer type and sub-case; withdrawn or abandoned under 其他处理 —
abandoned after a 补正 notice as 逾期不补正, otherwise 其他); 结转下年度 = received by
31 December and still open then. So 一 + 二 = 三（七） + 四 in every column.

Tables 二 (proactive disclosure: normative documents, licences, penalties …) and 四
(reconsideration and litigation) take other registers' figures through the indicator
registry; codes not registered yet are shown as "—" (never as 0).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from django.db.models import Q

from fazhi.core import indicators
from fazhi.core.models import Organisation

from .models import SUBTYPES, ApplicantKind, DisclosureRequest, ReplyType, RequestStatus

FORMAT = "国办公开办函〔2021〕30号"
COLUMNS = [
    ("person", "自然人"),
    ("commercial", "商业企业"),
    ("research", "科研机构"),
    ("public_welfare", "社会公益组织"),
    ("legal_service", "法律服务机构"),
    ("other", "其他"),
    ("total", "总计"),
]
KINDS = [k for k, _l in COLUMNS[:-1]]
if KINDS != list(ApplicantKind.values):  # the columns are the model's applicant kinds
    raise RuntimeError("annual report columns and ApplicantKind differ")

# (key, label, level, reply type or None): level 0 = 一…四, 1 = （一）…（七）, 2 = 1. 2. …
GROUPS = [
    (ReplyType.DISCLOSED, "（一）予以公开"),
    (ReplyType.PARTLY, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
    (ReplyType.NOT_DISCLOSED, "（三）不予公开"),
    (ReplyType.CANNOT_PROVIDE, "（四）无法提供"),
    (ReplyType.NOT_HANDLED, "（五）不予处理"),
    (ReplyType.OTHER, "（六）其他处理"),
]

#: table 二 and 四 cells: (row label, column label, indicator code) — filled when registered
PROACTIVE = [
    ("规章", "本年制发件数", "LEG-RULES-ISSUED"),
    ("规章", "本年废止件数", "LEG-RULES-REPEALED"),
    ("规章", "现行有效件数", "LEG-RULES-IN-FORCE"),
    ("行政规范性文件", "本年制发件数", "LEG-NORMATIVE-ISSUED"),
    ("行政规范性文件", "本年废止件数", "LEG-NORMATIVE-REPEALED"),
    ("行政规范性文件", "现行有效件数", "LEG-NORMATIVE-IN-FORCE"),
    ("行政许可", "本年处理决定数量", "GOV-LICENCE-DECISIONS"),
    ("行政处罚", "本年处理决定数量", "ENF-CASES-CLOSED"),
    ("行政强制", "本年处理决定数量", "ENF-COERCION-DECISIONS"),
]
REVIEW = [
    ("行政复议", r, f"GK-FY-{k}")
    for k, r in [
        ("UPHELD", "结果维持"),
        ("CORRECTED", "结果纠正"),
        ("OTHER", "其他结果"),
        ("PENDING", "尚未审结"),
        ("TOTAL", "总计"),
    ]
] + [
    (w, r, f"GK-SS-{p}-{k}")
    for p, w in [("DIRECT", "行政诉讼（未经复议直接起诉）"), ("AFTER", "行政诉讼（复议后起诉）")]
    for k, r in [
        ("UPHELD", "结果维持"),
        ("CORRECTED", "结果纠正"),
        ("OTHER", "其他结果"),
        ("PENDING", "尚未审结"),
        ("TOTAL", "总计"),
    ]
]


def _row(counter: Counter) -> list[int]:
    vals = [counter.get(k, 0) for k in KINDS]
    return [*vals, sum(vals)]


def _outcome(r: DisclosureRequest) -> tuple[str, str]:
    """(reply type, sub-case) of a request closed in the year."""
    if r.status == RequestStatus.WITHDRAWN:
        abandoned = r.correction_notified_on is not None and r.correction_received_on is None
        return ReplyType.OTHER, "no_correction" if abandoned else "other"
    return r.reply_type, r.reply_subtype


def request_table(org: Organisation | None, year: int) -> list[dict]:
    """The rows of table 三, each ``{"key", "label", "level", "values": [7 ints]}``."""
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    qs = indicators.in_subtree(DisclosureRequest.objects.all(), org)
    new = Counter(
        qs.filter(received_on__range=(start, end)).values_list("applicant_kind", flat=True)
    )
    carried = Counter(
        qs.filter(received_on__lt=start)
        .filter(Q(closed_on__isnull=True) | Q(closed_on__gte=start))
        .values_list("applicant_kind", flat=True)
    )
    forward = Counter(
        qs.filter(received_on__lte=end)
        .filter(Q(closed_on__isnull=True) | Q(closed_on__gt=end))
        .values_list("applicant_kind", flat=True)
    )
    closed = list(
        qs.filter(closed_on__range=(start, end)).only(
            "status",
            "reply_type",
            "reply_subtype",
            "applicant_kind",
            "correction_notified_on",
            "correction_received_on",
        )
    )
    by: dict[tuple[str, str], Counter] = {}
    for r in closed:
        kind, sub = _outcome(r)
        by.setdefault((kind, sub if kind in SUBTYPES else ""), Counter())[r.applicant_kind] += 1
    rows = [
        {
            "key": "new",
            "label": "一、本年新收政府信息公开申请数量",
            "level": 0,
            "values": _row(new),
        },
        {
            "key": "carried",
            "label": "二、上年结转政府信息公开申请数量",
            "level": 0,
            "values": _row(carried),
        },
        {"key": "results", "label": "三、本年度办理结果", "level": 0, "values": None},
    ]
    total = Counter()
    for kind, label in GROUPS:
        if kind in SUBTYPES:
            group = Counter()
            subrows = []
            for i, (code, sublabel) in enumerate(SUBTYPES[kind], 1):
                c = by.get((kind, code), Counter())
                group.update(c)
                subrows.append(
                    {
                        "key": f"{kind}.{code}",
                        "label": f"{i}.{sublabel}",
                        "level": 2,
                        "values": _row(c),
                    }
                )
            rows.append({"key": kind, "label": label, "level": 1, "values": _row(group)})
            rows.extend(subrows)
        else:
            group = by.get((kind, ""), Counter())
            rows.append({"key": kind, "label": label, "level": 1, "values": _row(group)})
        total.update(group)
    rows.append({"key": "total", "label": "（七）总计", "level": 1, "values": _row(total)})
    rows.append(
        {"key": "forward", "label": "四、结转下年度继续办理", "level": 0, "values": _row(forward)}
    )
    return rows


def registry_cells(cells, org, year) -> list[dict]:
    out = []
    for row, col, code in cells:
        try:
            fig = indicators.evaluate(code, year=year, org=org)
            value = str(fig.value)
        except LookupError:
            value = "—"
        out.append({"row": row, "col": col, "code": code, "value": value})
    return out


def build(org: Organisation | None, year: int) -> dict:
    return {
        "format": FORMAT,
        "year": year,
        "columns": [label for _k, label in COLUMNS],
        "requests": request_table(org, year),
        "proactive": registry_cells(PROACTIVE, org, year),
        "review": registry_cells(REVIEW, org, year),
    }

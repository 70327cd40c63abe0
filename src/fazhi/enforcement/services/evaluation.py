"""Case-file evaluation (案卷评查): rounds, the seeded draw of closed cases, scoring sheets,
ranking by body, rectification tasks and the round's report.

A round draws, for each body, up to ``sample_per_body`` cases closed in the round's year,
with ``random.Random(round.seed)`` walking the bodies and their cases in id order — so the
draw is reproducible from the seed and the record, and the ledger keeps both. Each sheet
starts at 100 points; evaluators deduct points by dimension (subject, procedure, evidence,
application of law, documents, discretion), each deduction with its reason; the score is
100 − Σ deductions. Bodies rank by their average score; sheets below the threshold get a
rectification task (督办整改) to the body.

The dimension caps and the threshold are this project's defaults (a common 评查 weighting);
districts set their own in the round's notice.
"""

from __future__ import annotations

import random
import secrets
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fazhi.core import clock, ledger, scoping, supervision
from fazhi.core.actions import register
from fazhi.core.dataexchange.writer import new_book, write_cell
from fazhi.core.ledger import Actor
from fazhi.core.models import Organisation, Role, SupervisionTask, User
from fazhi.core.scoping import require_role

from .. import actions
from ..models import (
    DIMENSIONS,
    Case,
    CaseStatus,
    EnforcementBody,
    EvaluationRound,
    EvaluationSheet,
)

EVAL_DRAW = register("enf.evaluation.draw", gettext_lazy("抽取评查案卷"))
EVAL_SCORE = register("enf.evaluation.score", gettext_lazy("案卷评分"))
EVAL_RECTIFY = register("enf.evaluation.rectify", gettext_lazy("下达评查整改任务"))
EVAL_FINISH = register("enf.evaluation.finish", gettext_lazy("评查结束"))

DIMENSION_LABELS = dict(DIMENSIONS)
# Points each dimension carries (Σ = 100): the most a sheet can lose on it.
DIMENSION_MAX = {
    "subject": Decimal(10),
    "procedure": Decimal(25),
    "evidence": Decimal(20),
    "law": Decimal(20),
    "documents": Decimal(15),
    "discretion": Decimal(10),
}
FULL_MARKS = Decimal(100)
RECTIFY_BELOW = Decimal(80)
RECTIFY_RULE = "RX-1"  # the rectification period (local ⚠ example); see the module report
CLOSED = (CaseStatus.CLOSED, CaseStatus.ARCHIVED)
EVALUATORS = (Role.SUPERVISOR, Role.REVIEWER)


def round_create(
    *,
    actor: Actor,
    org: Organisation,
    name: str,
    year: int,
    sample_per_body: int = 5,
    seed: int | None = None,
    started_on=None,
) -> EvaluationRound:
    """组织一轮案卷评查. Without a seed one is drawn now and kept, so the draw can be redone
    and checked by anyone from the record."""
    require_role(actor, Role.SUPERVISOR, org=org, message=_("只有监督人员可以组织案卷评查。"))
    problems: dict[str, str] = {}
    if not (name or "").strip():
        problems["name"] = _("请填写评查名称。")
    if not isinstance(year, int) or not 2000 <= year <= 2100:
        problems["year"] = _("年度不正确：%(y)s") % {"y": year}
    if not isinstance(sample_per_body, int) or not 1 <= sample_per_body <= 100:
        problems["sample_per_body"] = _("每个主体抽取的案卷数应在1到100之间。")
    if seed is not None and (not isinstance(seed, int) or not 0 <= seed < 2**31):
        problems["seed"] = _("随机种子应为0到2147483647之间的整数。")
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        rnd = EvaluationRound.objects.create(
            name=name.strip(),
            year=year,
            org=org,
            sample_per_body=sample_per_body,
            seed=seed if seed is not None else secrets.randbelow(2**31),
            started_on=started_on or clock.today(),
        )
        ledger.record(
            actor=actor,
            action=actions.EVALUATION,
            subject=rnd,
            data={
                "name": rnd.name,
                "year": year,
                "sample_per_body": sample_per_body,
                "seed": rnd.seed,
            },
        )
    return rnd


def population(actor: Actor, rnd: EvaluationRound) -> QuerySet[Case]:
    """The cases a round draws from: closed (结案 or 归档) in its year, within the actor's
    scope. Cases not filed (不予立案) are not case files and are not drawn."""
    qs = scoping.scope(actor, Case) if isinstance(actor, User) else Case.objects.all()
    return qs.filter(status__in=CLOSED, closed_on__year=rnd.year)


def draw(
    rnd: EvaluationRound, cases: QuerySet[Case], bodies: list[EnforcementBody] | None = None
) -> dict[int, list[int]]:
    """The seeded draw, as a pure function of the seed and the population: body id → the
    chosen case ids. Bodies in id order, each body's cases in id order, one
    ``random.Random(seed)`` for the whole round."""
    by_body: dict[int, list[int]] = defaultdict(list)
    for case_id, body_id in cases.order_by("body_id", "pk").values_list("pk", "body_id"):
        by_body[body_id].append(case_id)
    wanted = sorted(by_body) if bodies is None else sorted(b.pk for b in bodies)
    rng = random.Random(rnd.seed)
    chosen: dict[int, list[int]] = {}
    for body_id in wanted:
        pool = by_body.get(body_id, [])
        chosen[body_id] = sorted(rng.sample(pool, min(rnd.sample_per_body, len(pool))))
    return chosen


def round_draw(
    *, actor: Actor, round: EvaluationRound, bodies: list[EnforcementBody] | None = None
) -> list[EvaluationSheet]:
    """抽取案卷: one sheet per drawn case. A round draws once; the seed, each body's
    population and the drawn cases go into the ledger."""
    require_role(actor, Role.SUPERVISOR, org=round.org, message=_("只有监督人员可以抽取评查案卷。"))
    with transaction.atomic():
        rnd = EvaluationRound.objects.select_for_update().get(pk=round.pk)
        if rnd.finished_on is not None:
            raise ValidationError(_("本轮评查已结束。"))
        if rnd.sheets.exists():
            raise ValidationError(_("本轮已抽取案卷，不能重新抽取。"))
        pool = population(actor, rnd)
        chosen = draw(rnd, pool, bodies)
        if not any(chosen.values()):
            raise ValidationError(_("%(y)d年没有可抽取的已结案案件。") % {"y": rnd.year})
        counts: dict[int, int] = defaultdict(int)
        for body_id in pool.values_list("body_id", flat=True):
            counts[body_id] += 1
        sheets = [
            EvaluationSheet.objects.create(round=rnd, case_id=case_id)
            for body_id in sorted(chosen)
            for case_id in chosen[body_id]
        ]
        numbers = dict(
            Case.objects.filter(pk__in=[s.case_id for s in sheets]).values_list("pk", "number")
        )
        ledger.record(
            actor=actor,
            action=EVAL_DRAW,
            subject=rnd,
            data={
                "seed": rnd.seed,
                "sample_per_body": rnd.sample_per_body,
                "bodies": {
                    str(b): {"population": counts.get(b, 0), "drawn": [numbers[c] for c in ids]}
                    for b, ids in sorted(chosen.items())
                },
            },
        )
    return sheets


def _clean_deductions(deductions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    problems: list[str] = []
    cleaned: list[dict[str, Any]] = []
    per_dimension: dict[str, Decimal] = defaultdict(Decimal)
    for n, d in enumerate(deductions, start=1):
        dim = str(d.get("dimension", "")).strip()
        reason = str(d.get("reason", "")).strip()
        try:
            points = Decimal(str(d.get("points", "")).strip())
        except (InvalidOperation, ValueError):
            points = None
        if dim not in DIMENSION_LABELS:
            problems.append(_("第%(n)d项扣分：请选择评查项目。") % {"n": n})
            continue
        if points is None or points <= 0 or points % Decimal("0.5") != 0:
            problems.append(_("第%(n)d项扣分：扣分应为0.5的正整数倍。") % {"n": n})
            continue
        if not reason:
            problems.append(_("第%(n)d项扣分：请写明扣分理由。") % {"n": n})
            continue
        per_dimension[dim] += points
        cleaned.append({"dimension": dim, "points": str(points), "reason": reason})
    for dim, total in per_dimension.items():
        if total > DIMENSION_MAX[dim]:
            problems.append(
                _("“%(d)s”最多扣%(m)s分，现扣%(t)s分。")
                % {"d": DIMENSION_LABELS[dim], "m": DIMENSION_MAX[dim], "t": total}
            )
    if problems:
        raise ValidationError(problems)
    return cleaned


def score_of(deductions: list[dict[str, Any]]) -> Decimal:
    """100 − Σ deductions, never below 0."""
    total = sum((Decimal(str(d["points"])) for d in deductions), Decimal(0))
    return max(Decimal(0), FULL_MARKS - total)


def sheet_score(
    *, actor: Actor, sheet: EvaluationSheet, deductions: list[dict[str, Any]], on=None
) -> EvaluationSheet:
    """评分: the deductions replace the sheet's earlier ones; the change is in the ledger.
    Only an evaluator of the organising unit (supervisor or legal reviewer) scores, and only
    while the round is open."""
    rnd = EvaluationRound.objects.select_related("org").get(pk=sheet.round_id)
    require_role(
        actor,
        *EVALUATORS,
        org=rnd.org,
        message=_("只有组织评查单位的监督人员或法制审核人员可以评分。"),
    )
    cleaned = _clean_deductions(list(deductions))
    with transaction.atomic():
        s = EvaluationSheet.objects.select_for_update().get(pk=sheet.pk)
        if EvaluationRound.objects.filter(pk=rnd.pk, finished_on__isnull=False).exists():
            raise ValidationError(_("本轮评查已结束，不能再评分。"))
        before = {"deductions": s.deductions, "score": s.score}
        s.deductions = cleaned
        s.score = score_of(cleaned)
        s.scored_on = on or clock.today()
        s.evaluator = actor if isinstance(actor, User) else None
        s.save()
        ledger.record(
            actor=actor,
            action=EVAL_SCORE,
            subject=s,
            org=rnd.org,
            data=ledger.diff(before, {"deductions": s.deductions, "score": s.score}),
        )
    return s


@dataclass(frozen=True)
class BodyRank:
    rank: int | None
    body: EnforcementBody
    sheets: int
    scored: int
    average: Decimal | None
    lowest: Decimal | None
    below: int


def ranking(rnd: EvaluationRound, threshold: Decimal = RECTIFY_BELOW) -> list[BodyRank]:
    """Bodies by average score, best first; equal averages share a rank (1, 2, 2, 4).
    Bodies with no scored sheet come last, unranked."""
    groups: dict[int, list[EvaluationSheet]] = defaultdict(list)
    bodies: dict[int, EnforcementBody] = {}
    for s in rnd.sheets.select_related("case__body__org"):
        groups[s.case.body_id].append(s)
        bodies[s.case.body_id] = s.case.body
    rows = []
    for body_id, sheets in groups.items():
        scores = [s.score for s in sheets if s.score is not None]
        avg = (sum(scores, Decimal(0)) / len(scores)).quantize(Decimal("0.01")) if scores else None
        rows.append(
            (
                bodies[body_id],
                len(sheets),
                len(scores),
                avg,
                min(scores) if scores else None,
                sum(1 for x in scores if x < threshold),
            )
        )
    rows.sort(key=lambda r: (r[3] is None, -(r[3] or 0), r[0].pk))
    out: list[BodyRank] = []
    for i, (body, n, scored, avg, low, below) in enumerate(rows):
        if avg is None:
            rank = None
        elif out and out[-1].average == avg:
            rank = out[-1].rank
        else:
            rank = i + 1
        out.append(BodyRank(rank, body, n, scored, avg, low, below))
    return out


def task_ref(sheet: EvaluationSheet) -> str:
    return f"evaluation:{sheet.round_id}:{sheet.pk}"


def tasks(rnd: EvaluationRound) -> QuerySet[SupervisionTask]:
    return SupervisionTask.objects.filter(
        source="evaluation", source_ref__startswith=f"evaluation:{rnd.pk}:"
    ).select_related("org")


def round_rectify(
    *,
    actor: Actor,
    round: EvaluationRound,
    threshold: Decimal | int | str = RECTIFY_BELOW,
    rule_code: str = RECTIFY_RULE,
    on=None,
) -> list[SupervisionTask]:
    """下达整改: a supervision task to the body of every sheet scored below ``threshold``
    that has none yet, listing the deductions and their reasons. All or none."""
    require_role(
        actor, Role.SUPERVISOR, org=round.org, message=_("只有监督人员可以下达评查整改任务。")
    )
    try:
        threshold = Decimal(str(threshold))
    except (InvalidOperation, ValueError) as exc:
        raise ValidationError(_("整改分数线应为数字。")) from exc
    if not Decimal(0) < threshold <= FULL_MARKS:
        raise ValidationError(_("整改分数线应在0到100之间。"))
    on = on or clock.today()
    with transaction.atomic():
        rnd = EvaluationRound.objects.select_for_update().get(pk=round.pk)
        have = set(tasks(rnd).values_list("source_ref", flat=True))
        low = (
            rnd.sheets.filter(score__lt=threshold)
            .select_related("case__org", "case__body__org")
            .order_by("case__body_id", "case_id")
        )
        created = []
        for s in low:
            if task_ref(s) in have:
                continue
            lines = [
                f"{DIMENSION_LABELS[d['dimension']]} −{d['points']}：{d['reason']}"
                for d in s.deductions
            ]
            created.append(
                supervision.task_create(
                    actor=actor,
                    org=s.case.org,
                    title=_("案卷评查整改：%(n)s（%(s)s分）") % {"n": s.case.number, "s": s.score},
                    description=_("%(r)s中，案卷 %(n)s 得分 %(s)s，低于%(t)s分。扣分情况：")
                    % {"r": rnd.name, "n": s.case.number, "s": s.score, "t": threshold}
                    + "\n"
                    + "\n".join(lines),
                    source="evaluation",
                    source_ref=task_ref(s),
                    rule_code=rule_code,
                    received_on=on,
                )
            )
        if not created:
            raise ValidationError(
                _("没有需要下达整改的案卷（低于%(t)s分且尚未下达）。") % {"t": threshold}
            )
        ledger.record(
            actor=actor,
            action=EVAL_RECTIFY,
            subject=rnd,
            data={"threshold": threshold, "tasks": [t.number for t in created]},
        )
    return created


def round_finish(*, actor: Actor, round: EvaluationRound, on=None) -> EvaluationRound:
    """评查结束: every drawn case has been scored; the round's figures are final."""
    require_role(actor, Role.SUPERVISOR, org=round.org, message=_("只有监督人员可以结束案卷评查。"))
    with transaction.atomic():
        rnd = EvaluationRound.objects.select_for_update().get(pk=round.pk)
        if rnd.finished_on is not None:
            raise ValidationError(_("本轮评查已结束。"))
        if not rnd.sheets.exists():
            raise ValidationError(_("本轮尚未抽取案卷。"))
        left = rnd.sheets.filter(score__isnull=True).count()
        if left:
            raise ValidationError(_("还有 %(n)d 份案卷未评分。") % {"n": left})
        rnd.finished_on = on or clock.today()
        if rnd.finished_on < rnd.started_on:
            raise ValidationError(_("结束日期不能早于开始日期。"))
        rnd.save(update_fields=["finished_on"])
        ledger.record(
            actor=actor,
            action=EVAL_FINISH,
            subject=rnd,
            data={
                "on": rnd.finished_on,
                "ranking": [
                    {"body": r.body.org.name, "rank": r.rank, "average": r.average}
                    for r in ranking(rnd)
                ],
            },
        )
    return rnd


# ---------------------------------------------------------------- reads


def rounds(user: Any) -> QuerySet[EvaluationRound]:
    return scoping.scope(user, EvaluationRound).select_related("org")


def sheets(user: Any) -> QuerySet[EvaluationSheet]:
    """Sheets the user may see: those of rounds their unit organises, and their own body's."""
    own_rounds = scoping.scope(user, EvaluationRound).values("pk")
    own_cases = scoping.scope(user, EvaluationSheet).values("pk")
    return EvaluationSheet.objects.filter(
        Q(round__in=own_rounds) | Q(pk__in=own_cases)
    ).select_related("round", "case__body__org", "evaluator")


def report_workbook(rnd: EvaluationRound, threshold: Decimal = RECTIFY_BELOW) -> bytes:
    """The round's report as an Excel workbook: summary, ranking by body, every sheet with
    its dimension deductions, every deduction with its reason, rectification tasks."""
    book, buf, fmt = new_book()
    bold = fmt.bold
    title = book.add_format({"bold": True, "font_size": 14})

    def table(name: str, headers: list[str], rows) -> None:
        ws = book.add_worksheet(name)
        for c, h in enumerate(headers):
            write_cell(ws, 0, c, str(h), style=bold)
        for r, row in enumerate(rows, start=1):
            for c, v in enumerate(row):
                if isinstance(v, Decimal):
                    write_cell(ws, r, c, float(v))
                else:
                    write_cell(ws, r, c, v if isinstance(v, int | float) else str(v or ""))
        ws.set_column(0, len(headers) - 1, 16)

    all_sheets = list(
        rnd.sheets.select_related("case__body__org", "evaluator").order_by(
            "case__body_id", "case_id"
        )
    )
    scored = [s.score for s in all_sheets if s.score is not None]
    ws = book.add_worksheet(_("概况"))
    write_cell(ws, 0, 0, rnd.name, style=title)
    summary = [
        (_("年度"), rnd.year),
        (_("组织单位"), rnd.org.name),
        (_("开始日期"), rnd.started_on.isoformat()),
        (_("结束日期"), rnd.finished_on.isoformat() if rnd.finished_on else _("进行中")),
        (_("随机抽取种子"), rnd.seed),
        (_("每个主体抽取案卷数"), rnd.sample_per_body),
        (_("抽取案卷数"), len(all_sheets)),
        (_("已评分"), len(scored)),
        (
            _("平均分"),
            float((sum(scored, Decimal(0)) / len(scored)).quantize(Decimal("0.01")))
            if scored
            else "",
        ),
        (_("整改分数线"), float(threshold)),
        (_("低于分数线的案卷"), sum(1 for x in scored if x < threshold)),
    ]
    for r, (k, v) in enumerate(summary, start=2):
        write_cell(ws, r, 0, str(k), style=bold)
        write_cell(ws, r, 1, v if isinstance(v, int | float) else str(v))
    ws.set_column(0, 1, 22)

    table(
        _("主体排名"),
        [
            _("名次"),
            _("执法主体"),
            _("抽取案卷"),
            _("已评分"),
            _("平均分"),
            _("最低分"),
            _("低于分数线"),
        ],
        (
            (r.rank or "", r.body.org.name, r.sheets, r.scored, r.average, r.lowest, r.below)
            for r in ranking(rnd, threshold)
        ),
    )
    dims = [code for code, _label in DIMENSIONS]
    table(
        _("评查表"),
        [_("案件编号"), _("执法主体"), _("结案日期")]
        + [_("%(d)s扣分") % {"d": DIMENSION_LABELS[d]} for d in dims]
        + [_("得分"), _("评查人"), _("评分日期")],
        (
            [s.case.number, s.case.body.org.name, s.case.closed_on.isoformat()]
            + [
                sum(
                    (Decimal(x["points"]) for x in s.deductions if x["dimension"] == d),
                    Decimal(0),
                )
                for d in dims
            ]
            + [
                s.score,
                s.evaluator.display_name if s.evaluator else "",
                s.scored_on.isoformat() if s.scored_on else "",
            ]
            for s in all_sheets
        ),
    )
    table(
        _("扣分明细"),
        [_("案件编号"), _("执法主体"), _("评查项目"), _("扣分"), _("扣分理由")],
        (
            (
                s.case.number,
                s.case.body.org.name,
                DIMENSION_LABELS[d["dimension"]],
                Decimal(d["points"]),
                d["reason"],
            )
            for s in all_sheets
            for d in s.deductions
        ),
    )
    table(
        _("整改任务"),
        [_("任务编号"), _("整改单位"), _("标题"), _("状态"), _("下达日期"), _("办结日期")],
        (
            (
                t.number,
                t.org.name,
                t.title,
                t.get_status_display(),
                t.received_on.isoformat(),
                t.closed_on.isoformat() if t.closed_on else "",
            )
            for t in tasks(rnd).order_by("pk")
        ),
    )
    book.close()
    return buf.getvalue()

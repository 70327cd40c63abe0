"""人大代表建议 and 政协提案 (legal-rules.md §1.12): a suggestion is registered by the
government office (``office``, the 区政府办 that receives them from the 人大常委会 and the
政协), handed (交办) to a lead body (``org``) with co-handling bodies (``CoHandler``), which
talks the matter over with the deputy or member (面商/沟通, ``Contact``) and replies within
the limit (代表法: three months from 交办, six for a wide-ranging or difficult one, rules RD-1
and RD-2; 政协提案: local configuration ⚠, TA-1 and TA-2). The deputy's evaluation closes it,
or sends it back for another round.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from fazhi.core.models import Importable, Matter


class SuggestionKind(models.TextChoices):
    NPC = "npc", _("人大代表建议")
    CPPCC = "cppcc", _("政协提案")


class SuggestionStatus(models.TextChoices):
    RECEIVED = "received", _("待交办")
    ASSIGNED = "assigned", _("办理中")
    REPLIED = "replied", _("已答复待评价")
    CLOSED = "closed", _("已办结")


class ResultClass(models.TextChoices):
    """答复分类: what the reply promises (A–D as the 办理工作 reports count them): A solved,
    B being solved, C in the plan (B and C are promises followed up), D cannot be solved
    for now (conditions). The later the letter, the less is solved."""

    A = "A", _("A类（所提问题已解决或基本解决）")
    B = "B", _("B类（正在解决）")
    C = "C", _("C类（列入计划解决）")
    D = "D", _("D类（因条件限制不能解决）")


class Evaluation(models.TextChoices):
    SATISFIED = "satisfied", _("满意")
    BASIC = "basic", _("基本满意")
    DISSATISFIED = "dissatisfied", _("不满意")


class ContactWay(models.TextChoices):
    MEETING = "meeting", _("面商")
    PHONE = "phone", _("电话沟通")
    VISIT = "visit", _("走访调研")
    LETTER = "letter", _("书面沟通")


class Suggestion(Importable, Matter):
    status = models.CharField(
        _("状态"),
        max_length=30,
        db_index=True,
        choices=SuggestionStatus.choices,
        default=SuggestionStatus.RECEIVED,
    )
    kind = models.CharField(_("类别"), max_length=10, choices=SuggestionKind.choices)
    office = models.ForeignKey(
        "core.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("交办机关")
    )
    session = models.CharField(_("会议"), max_length=100)
    serial = models.CharField(_("建议（提案）号"), max_length=20)
    author = models.CharField(_("领衔代表（委员）"), max_length=60)
    co_authors = models.CharField(_("附议人"), max_length=300, blank=True)
    text = models.TextField(_("内容"))
    difficult = models.BooleanField(_("涉及面广、处理难度大"), default=False)
    assigned_on = models.DateField(_("交办日期"), null=True, blank=True)
    replied_on = models.DateField(_("答复日期"), null=True, blank=True)
    reply = models.TextField(_("答复内容"), blank=True)
    result_class = models.CharField(
        _("答复分类"), max_length=2, choices=ResultClass.choices, blank=True
    )
    evaluation = models.CharField(
        _("代表（委员）评价"), max_length=20, choices=Evaluation.choices, blank=True
    )
    evaluated_on = models.DateField(_("评价日期"), null=True, blank=True)
    rounds = models.PositiveSmallIntegerField(_("重新办理次数"), default=0)
    reply_number = models.CharField(_("答复文号"), max_length=80, blank=True)

    LEDGER_STATE_FIELDS = (
        *Matter.LEDGER_STATE_FIELDS,
        "kind",
        "office",
        "assigned_on",
        "replied_on",
        "result_class",
        "evaluation",
        "rounds",
    )

    @classmethod
    def scope_participants(cls, user):
        """Besides the lead body: the office that handed it, and the co-handling bodies."""
        from fazhi.core import scoping

        orgs = [m.org_id for m in scoping.memberships(user)]
        if not orgs:
            return None
        return Q(office__in=orgs) | Q(cohandlers__org__in=orgs)

    class Meta:
        ordering = ["-received_on", "-id"]
        indexes = [models.Index(fields=["org", "status"])]
        verbose_name = _("建议提案")
        verbose_name_plural = _("建议提案")


class CoHandler(models.Model):
    """会办单位: gives its opinion to the lead body, which replies."""

    suggestion = models.ForeignKey(Suggestion, on_delete=models.CASCADE, related_name="cohandlers")
    org = models.ForeignKey(
        "core.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("会办单位")
    )
    opinion = models.TextField(_("会办意见"), blank=True)
    opinion_on = models.DateField(_("意见日期"), null=True, blank=True)

    scope_org_field = "suggestion__org"
    LEDGER_STATE_FIELDS = ("org", "opinion", "opinion_on")
    LEDGER_STATE_PARENT = "suggestion"

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["suggestion", "org"], name="suggestions_cohandler_unique"
            )
        ]
        verbose_name = _("会办单位")
        verbose_name_plural = _("会办单位")

    def __str__(self) -> str:
        return f"{self.suggestion_id}·{self.org_id}"


class Contact(models.Model):
    """面商/沟通 with the deputy or member before the reply."""

    suggestion = models.ForeignKey(Suggestion, on_delete=models.CASCADE, related_name="contacts")
    on = models.DateField(_("沟通日期"))
    way = models.CharField(_("沟通方式"), max_length=20, choices=ContactWay.choices)
    note = models.TextField(_("沟通情况"))

    scope_org_field = "suggestion__org"
    LEDGER_STATE_FIELDS = ("on", "way")
    LEDGER_STATE_PARENT = "suggestion"

    class Meta:
        ordering = ["suggestion_id", "on", "id"]
        verbose_name = _("沟通记录")
        verbose_name_plural = _("沟通记录")

    def __str__(self) -> str:
        return f"{self.on} {self.get_way_display()}"


class FollowUp(models.Model):
    """承诺落实的再次答复: a B (正在解决) or C (列入计划) reply's promise, followed up and
    answered again by the lead body once fulfilled; the suggestion's class becomes the new
    one, the old one stays here."""

    suggestion = models.ForeignKey(Suggestion, on_delete=models.CASCADE, related_name="followups")
    on = models.DateField(_("再次答复日期"))
    from_class = models.CharField(_("原答复分类"), max_length=2, choices=ResultClass.choices)
    result_class = models.CharField(_("答复分类"), max_length=2, choices=ResultClass.choices)
    reply = models.TextField(_("落实情况"))

    scope_org_field = "suggestion__org"
    LEDGER_STATE_FIELDS = ("on", "from_class", "result_class")
    LEDGER_STATE_PARENT = "suggestion"

    class Meta:
        ordering = ["suggestion_id", "on", "id"]
        verbose_name = _("承诺落实答复")
        verbose_name_plural = _("承诺落实答复")

    def __str__(self) -> str:
        return f"{self.on} {self.from_class}→{self.result_class}"


class Point(models.Model):
    """One issue (问题) a suggestion raises, with its own class and answer: a suggestion of
    several issues is answered issue by issue; its own class is the least solved one."""

    suggestion = models.ForeignKey(Suggestion, on_delete=models.CASCADE, related_name="points")
    n = models.PositiveSmallIntegerField(_("序号"))
    text = models.CharField(_("所提问题"), max_length=300)
    result_class = models.CharField(_("答复分类"), max_length=2, choices=ResultClass.choices)
    answer = models.TextField(_("答复意见"))

    scope_org_field = "suggestion__org"
    LEDGER_STATE_FIELDS = ("n", "result_class")
    LEDGER_STATE_PARENT = "suggestion"

    class Meta:
        ordering = ["suggestion_id", "n"]
        constraints = [
            models.UniqueConstraint(fields=["suggestion", "n"], name="suggestions_point_unique")
        ]
        verbose_name = _("所提问题")
        verbose_name_plural = _("所提问题")

    def __str__(self) -> str:
        return f"{self.suggestion_id}·{self.n}·{self.result_class}"

"""行政应诉: lawsuits, and reconsiderations before the higher body, in which a district body is
the respondent — the answer within its period, the hearings with who appeared, the judgment,
the appeal and the performance."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from fazhi.core.cryptofield import DigestField, EncryptedCharField
from fazhi.core.models import Matter

from .common import MatterRef, PartyKind


class RespondentKind(models.TextChoices):
    LAWSUIT = "lawsuit", _("行政诉讼")
    RECONSIDERATION = "reconsideration", _("行政复议")


class Ruling(models.TextChoices):
    JUDGMENT = "judgment", _("判决")
    RULING = "ruling", _("裁定")
    DECISION = "decision", _("复议决定")


class Outcome(models.TextChoices):
    DISMISS_CLAIM = "dismiss_claim", _("驳回诉讼请求")
    MAINTAIN = "maintain", _("维持")
    DISMISSED = "dismissed", _("驳回起诉或复议申请")
    REVOKE = "revoke", _("撤销")
    PARTIAL_REVOKE = "partial_revoke", _("部分撤销")
    CHANGE = "change", _("变更")
    ILLEGAL = "illegal", _("确认违法")
    VOID = "void", _("确认无效")
    PERFORM = "perform", _("责令履行")
    COMPENSATE = "compensate", _("赔偿")
    WITHDRAWN = "withdrawn", _("撤诉或撤回申请")
    MEDIATED = "mediated", _("调解结案")


#: outcomes against the respondent (败诉 / 被纠错)
LOSSES = frozenset(
    {
        Outcome.REVOKE,
        Outcome.PARTIAL_REVOKE,
        Outcome.CHANGE,
        Outcome.ILLEGAL,
        Outcome.VOID,
        Outcome.PERFORM,
        Outcome.COMPENSATE,
    }
)
#: outcomes that end the case at once (no appeal period runs for the respondent's loss)
ENDING = frozenset({Outcome.WITHDRAWN, Outcome.MEDIATED})


class RespondentStatus(models.TextChoices):
    RECEIVED = "received", _("待答辩")
    ANSWERED = "answered", _("已答辩（审理中）")
    JUDGED = "judged", _("已判决（上诉期内）")
    APPEAL = "appeal", _("二审中")
    FINAL = "final", _("已生效（待履行）")
    CLOSED = "closed", _("已结案")
    WITHDRAWN = "withdrawn", _("撤诉结案")


class RespondentCase(Matter, MatterRef):
    """One case in which a district body answers: the copy of the complaint (or of the
    reconsideration application) is received on ``received_on``; the answer, the evidence and
    the normative documents relied on are due 15 days later for a lawsuit (SS-2), 10 days
    (2017) for a reconsideration (FY-5b)."""

    status = models.CharField(
        _("状态"),
        max_length=30,
        db_index=True,
        choices=RespondentStatus.choices,
        default=RespondentStatus.RECEIVED,
    )
    kind = models.CharField(_("类别"), max_length=20, choices=RespondentKind.choices)
    respondent = models.ForeignKey(
        "core.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("被告或被申请人"),
    )
    counterpart_kind = models.CharField(_("原告类型"), max_length=10, choices=PartyKind.choices)
    counterpart_name = models.CharField(_("原告或申请人"), max_length=200)
    counterpart_id_number = EncryptedCharField(_("身份证号码"), max_length=18, blank=True)
    counterpart_id_number_digest = DigestField(source="counterpart_id_number")
    counterpart_credit_code = models.CharField(_("统一社会信用代码"), max_length=18, blank=True)
    forum = models.CharField(_("受理法院或复议机关"), max_length=100)
    forum_number = models.CharField(_("案号"), max_length=80, blank=True)
    cause = models.CharField(_("案由"), max_length=200)
    act_number = models.CharField(_("被诉行政行为文号"), max_length=80, blank=True)
    answered_on = models.DateField(_("答辩日期"), null=True, blank=True)
    answer_late_reason = models.CharField(_("逾期答辩原因"), max_length=300, blank=True)
    evidence_list = models.TextField(_("提交的证据和依据"), blank=True)
    judged_on = models.DateField(_("裁判日期"), null=True, blank=True)
    ruling = models.CharField(_("裁判形式"), max_length=10, choices=Ruling.choices, blank=True)
    outcome = models.CharField(_("裁判结果"), max_length=20, choices=Outcome.choices, blank=True)
    judgment_served_on = models.DateField(_("裁判送达日期"), null=True, blank=True)
    appealed_on = models.DateField(_("上诉日期"), null=True, blank=True)
    appealed_by_us = models.BooleanField(_("本机关上诉"), default=False)
    final_on = models.DateField(_("生效日期"), null=True, blank=True, db_index=True)
    final_outcome = models.CharField(
        _("生效裁判结果"), max_length=20, choices=Outcome.choices, blank=True
    )
    performed_on = models.DateField(_("履行日期"), null=True, blank=True)
    performance = models.TextField(_("履行情况"), blank=True)

    LEDGER_STATE_FIELDS = (
        *Matter.LEDGER_STATE_FIELDS,
        "kind",
        "respondent",
        "counterpart_name",
        "answered_on",
        "judged_on",
        "outcome",
        "final_on",
        "final_outcome",
        "performed_on",
    )

    @classmethod
    def scope_participants(cls, user):
        from .scoped import respondent_q

        return respondent_q(user, "respondent")

    @property
    def lost(self) -> bool:
        return self.final_outcome in LOSSES

    class Meta:
        ordering = ["-received_on", "-id"]
        indexes = [models.Index(fields=["respondent", "final_on"])]
        verbose_name = _("行政应诉案件")
        verbose_name_plural = _("行政应诉案件")


class CourtHearing(models.Model):
    """A hearing (开庭) and who appeared for the respondent; whether the head of the body
    appeared in court (行政诉讼法 Art.3 para 3: 负责人出庭应诉)."""

    case = models.ForeignKey(RespondentCase, on_delete=models.PROTECT, related_name="hearings")
    held_on = models.DateField(_("开庭日期"))
    place = models.CharField(_("地点"), max_length=200, blank=True)
    instance = models.PositiveSmallIntegerField(_("审级"), default=1)
    appeared = models.CharField(_("出庭人员"), max_length=300)
    head_appeared = models.BooleanField(_("负责人出庭"), default=False)
    head_name = models.CharField(_("出庭负责人"), max_length=100, blank=True)

    scope_org_field = "case__org"

    class Meta:
        ordering = ["case", "held_on", "id"]
        verbose_name = _("庭审")
        verbose_name_plural = _("庭审")

    def __str__(self) -> str:
        return f"{self.case} · {self.held_on}"

    @classmethod
    def scope_participants(cls, user):
        from .scoped import respondent_q

        return respondent_q(user, "case__respondent")

"""Portal monitoring records: sites and their versioned configuration, lexicon versions,
crawl runs with their findings, dismissals remembered across months, uptime probes, monthly
bulletins and the rectification tasks raised from them.

Every model staff read names its owning organisation in ``scope_org_field``; every write goes
through ``fazhi.monitor.services``.
"""

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.translation import gettext_lazy as _


class Site(models.Model):
    """A monitored website (the portal or a department subdomain) and the unit that owns it.

    Identity, hosts, columns, thresholds and crawl limits live in its configuration versions
    (:class:`SiteConfigVersion`); the row itself holds what never needs a history.
    """

    code = models.SlugField(_("网站代号"), max_length=60, unique=True)
    name = models.CharField(_("网站名称"), max_length=120)
    org = models.ForeignKey(
        "core.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("主办单位")
    )
    is_active = models.BooleanField(_("启用监测"), default=True)
    created_at = models.DateTimeField(_("登记时间"))
    probes_scheduled_through = models.DateField(_("探测已排至"), null=True, blank=True)
    crawl_day = models.PositiveSmallIntegerField(_("每月抓取日"), null=True, blank=True)
    crawl_hour = models.PositiveSmallIntegerField(_("抓取时刻（时）"), default=2)
    next_crawl_at = models.DateTimeField(_("下次定时抓取"), null=True, blank=True)

    scope_org_field = "org"

    class Meta:
        ordering = ["code"]
        verbose_name = _("监测网站")
        verbose_name_plural = _("监测网站")

    def __str__(self) -> str:
        return self.name


class SiteConfigVersion(models.Model):
    """One saved version of a site's configuration: the engine's site file (TOML: start URLs,
    hosts, identity, column → category map, crawl limits) and its thresholds file (TOML, each
    line with its source). Editing never changes a version; it adds the next one."""

    site = models.ForeignKey(Site, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField(_("版本号"))
    text = models.TextField(_("网站配置（TOML）"))
    thresholds_text = models.TextField(_("阈值（TOML）"))
    note = models.CharField(_("修改说明"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("保存时间"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_by_name = models.CharField(_("保存人"), max_length=100)

    scope_org_field = "site__org"

    class Meta:
        ordering = ["site", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["site", "number"], name="uniq_monitor_config_version")
        ]
        verbose_name = _("网站配置版本")
        verbose_name_plural = _("网站配置版本")

    def __str__(self) -> str:
        return f"{self.site.code} v{self.number}"


class LexiconVersion(models.Model):
    """One saved version of the district's lexicon (spam terms, canonical formulations, known
    wrong variants, leader names and titles, allowlist), kept by ``org``."""

    number = models.PositiveIntegerField(_("版本号"), unique=True)
    org = models.ForeignKey(
        "core.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("维护单位")
    )
    text = models.TextField(_("词库（TOML）"))
    note = models.CharField(_("修改说明"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("保存时间"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_by_name = models.CharField(_("保存人"), max_length=100)

    scope_org_field = "org"

    class Meta:
        ordering = ["-number"]
        verbose_name = _("监测词库版本")
        verbose_name_plural = _("监测词库版本")

    def __str__(self) -> str:
        return f"L{self.number}"


class RunStatus(models.TextChoices):
    QUEUED = "queued", _("排队中")
    RUNNING = "running", _("抓取中")
    DONE = "done", _("已完成")
    INTERRUPTED = "interrupted", _("已中断（可续抓）")
    FAILED = "failed", _("失败")


class CrawlRun(models.Model):
    """One crawl of one site for one monitoring time point (``as_of``, from the kernel clock).

    The counters are updated while the crawl runs (the progress page polls them); the engine's
    resumable state is the SQLite file at ``state_path``. ``snapshot`` is what next month's
    K6 diff compares with; ``columns``/``homepage``/``stats`` feed the bulletin.
    """

    site = models.ForeignKey(Site, on_delete=models.PROTECT, related_name="runs")
    config_version = models.ForeignKey(
        SiteConfigVersion, on_delete=models.PROTECT, related_name="+"
    )
    lexicon_version = models.ForeignKey(LexiconVersion, on_delete=models.PROTECT, related_name="+")
    month = models.CharField(_("监测月份"), max_length=7, db_index=True)
    as_of = models.DateField(_("监测时间点"))
    status = models.CharField(
        _("状态"), max_length=20, choices=RunStatus.choices, default=RunStatus.QUEUED
    )
    created_at = models.DateTimeField(_("发起时间"))
    created_by_name = models.CharField(_("发起人"), max_length=100)
    started_at = models.DateTimeField(_("开始时间"), null=True, blank=True)
    finished_at = models.DateTimeField(_("结束时间"), null=True, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    stop_requested = models.BooleanField(default=False)
    pages_done = models.PositiveIntegerField(_("已抓页面"), default=0)
    urls_done = models.PositiveIntegerField(_("已查网址"), default=0)
    queued = models.PositiveIntegerField(_("队列"), default=0)
    errors = models.PositiveIntegerField(_("错误"), default=0)
    bytes_fetched = models.BigIntegerField(default=0)
    complete = models.BooleanField(_("抓取完整"), default=False)
    stop_reason = models.CharField(_("停止原因"), max_length=200, blank=True)
    error = models.TextField(_("错误信息"), blank=True)
    state_path = models.CharField(max_length=500, blank=True)
    stats = models.JSONField(default=dict, blank=True, encoder=DjangoJSONEncoder)
    columns = models.JSONField(default=list, blank=True, encoder=DjangoJSONEncoder)
    homepage = models.JSONField(default=dict, blank=True, encoder=DjangoJSONEncoder)
    snapshot = models.JSONField(null=True, blank=True, encoder=DjangoJSONEncoder)
    cloaking_checked = models.PositiveIntegerField(default=0)

    scope_org_field = "site__org"

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["site", "month", "status"])]
        verbose_name = _("抓取批次")
        verbose_name_plural = _("抓取批次")

    def __str__(self) -> str:
        return f"{self.site.code} {self.as_of.isoformat()} #{self.pk}"


class Severity(models.TextChoices):
    HIGH = "high", _("高")
    MEDIUM = "medium", _("中")
    LOW = "low", _("低")
    INFO = "info", _("提示")


class FindingStatus(models.TextChoices):
    OPEN = "open", _("待处理")
    CONFIRMED = "confirmed", _("已确认")
    DISMISSED = "dismissed", _("已排除")


class Dismissal(models.Model):
    """A person's decision that a finding is a false positive. Kept by fingerprint, so the
    same finding found next month arrives already dismissed; revoking ends it."""

    site = models.ForeignKey(Site, on_delete=models.PROTECT, related_name="dismissals")
    fingerprint = models.CharField(max_length=40, db_index=True)
    rule_id = models.CharField(_("规则"), max_length=40)
    url = models.TextField(_("网址"))
    reason = models.CharField(_("排除理由"), max_length=300)
    at = models.DateTimeField(_("排除时间"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    by_name = models.CharField(_("排除人"), max_length=100)
    revoked_at = models.DateTimeField(null=True, blank=True)

    scope_org_field = "site__org"

    class Meta:
        ordering = ["-at"]
        verbose_name = _("误报排除")
        verbose_name_plural = _("误报排除")

    def __str__(self) -> str:
        return f"{self.rule_id} {self.url}"


class Finding(models.Model):
    """One problem a crawl found on one URL (the engine's Finding, evidence already masked)."""

    run = models.ForeignKey(CrawlRun, on_delete=models.PROTECT, related_name="findings")
    site = models.ForeignKey(Site, on_delete=models.PROTECT, related_name="+")
    url = models.TextField(_("网址"))
    rule_id = models.CharField(_("规则"), max_length=40, db_index=True)
    indicator = models.CharField(_("指标"), max_length=40)
    severity = models.CharField(_("严重度"), max_length=10, choices=Severity.choices)
    evidence = models.TextField(_("证据"))
    needs_confirmation = models.BooleanField(_("需人工确认"), default=False)
    key = models.TextField(blank=True)
    detail = models.JSONField(default=dict, blank=True, encoder=DjangoJSONEncoder)
    fingerprint = models.CharField(max_length=40, db_index=True)
    status = models.CharField(
        _("处理状态"), max_length=12, choices=FindingStatus.choices, default=FindingStatus.OPEN
    )
    dismissal = models.ForeignKey(
        Dismissal, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by_name = models.CharField(max_length=100, blank=True)
    decision_note = models.CharField(_("处理说明"), max_length=300, blank=True)

    scope_org_field = "site__org"

    class Meta:
        ordering = ["run", "id"]
        verbose_name = _("监测问题")
        verbose_name_plural = _("监测问题")

    def __str__(self) -> str:
        return f"{self.rule_id} {self.url}"[:200]


class Probe(models.Model):
    """One homepage availability probe (19-V2): ok when it opened within the timeout."""

    site = models.ForeignKey(Site, on_delete=models.PROTECT, related_name="probes")
    at = models.DateTimeField(_("探测时间"))
    ok = models.BooleanField(_("可访问"))
    status = models.PositiveSmallIntegerField(_("HTTP 状态"), null=True, blank=True)
    elapsed_ms = models.PositiveIntegerField(_("耗时（毫秒）"), null=True, blank=True)
    error = models.CharField(_("错误"), max_length=200, blank=True)

    scope_org_field = "site__org"

    class Meta:
        ordering = ["-at"]
        indexes = [models.Index(fields=["site", "at"])]
        verbose_name = _("可用性探测")
        verbose_name_plural = _("可用性探测")

    def __str__(self) -> str:
        return f"{self.site.code} {self.at.isoformat(timespec='minutes')}"


class Bulletin(models.Model):
    """The monthly bulletin (通报) of one site: its document number and a frozen snapshot of
    the engine's structured bulletin. Regenerating the month keeps the number and bumps
    ``revision`` (findings confirmed or dismissed since then are reflected)."""

    site = models.ForeignKey(Site, on_delete=models.PROTECT, related_name="bulletins")
    month = models.CharField(_("月份"), max_length=7)
    run = models.ForeignKey(CrawlRun, on_delete=models.PROTECT, related_name="+")
    number = models.CharField(_("文号"), max_length=80)
    issued_on = models.DateField(_("成文日期"))
    generated_at = models.DateTimeField(_("生成时间"))
    revision = models.PositiveIntegerField(default=1)
    title = models.CharField(_("标题"), max_length=300)
    conclusion = models.CharField(_("结论"), max_length=300)
    score = models.FloatField(_("估算得分"), null=True, blank=True)
    snapshot = models.JSONField(default=dict, encoder=DjangoJSONEncoder)

    scope_org_field = "site__org"

    class Meta:
        ordering = ["-month", "site"]
        constraints = [
            models.UniqueConstraint(fields=["site", "month"], name="uniq_monitor_bulletin")
        ]
        verbose_name = _("网站监测通报")
        verbose_name_plural = _("网站监测通报")

    def __str__(self) -> str:
        return f"{self.number} {self.title}"[:200]


class DistrictBulletin(models.Model):
    """The month's combined bulletin of every monitored site under ``org`` (the form the 政务
    公开 office sends out): the overall picture, a section per site and a ranking; its number
    comes from the same series as the per-site bulletins. Regenerating keeps the number."""

    org = models.ForeignKey(
        "core.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("发文单位")
    )
    month = models.CharField(_("月份"), max_length=7)
    number = models.CharField(_("文号"), max_length=80)
    issued_on = models.DateField(_("成文日期"))
    generated_at = models.DateTimeField(_("生成时间"))
    revision = models.PositiveIntegerField(default=1)
    title = models.CharField(_("标题"), max_length=300)
    snapshot = models.JSONField(default=dict, encoder=DjangoJSONEncoder)

    scope_org_field = "org"

    class Meta:
        ordering = ["-month", "org"]
        constraints = [
            models.UniqueConstraint(fields=["org", "month"], name="uniq_monitor_district_bulletin")
        ]
        verbose_name = _("全区网站监测通报")
        verbose_name_plural = _("全区网站监测通报")

    def __str__(self) -> str:
        return f"{self.number} {self.title}"[:200]


class Rectification(models.Model):
    """A supervision task raised from one item of a bulletin's rectification annex."""

    bulletin = models.ForeignKey(Bulletin, on_delete=models.PROTECT, related_name="rectifications")
    fingerprint = models.CharField(max_length=40)
    task = models.ForeignKey("core.SupervisionTask", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField()

    scope_org_field = "bulletin__site__org"

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["bulletin", "fingerprint"], name="uniq_monitor_rectification"
            )
        ]
        verbose_name = _("整改任务")
        verbose_name_plural = _("整改任务")

    def __str__(self) -> str:
        return f"{self.bulletin.number} {self.fingerprint}"

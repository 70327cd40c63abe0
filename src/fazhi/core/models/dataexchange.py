"""Import runs: one per imported file, the rows it created hidden until it is published,
and the ledger events its services recorded, staged until then (``dataexchange/staging.py``).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ..dataexchange.staging import current_run_id


class ImportStatus(models.TextChoices):
    RUNNING = "running", _("导入中")
    DONE = "done", _("已导入")
    WITHDRAWN = "withdrawn", _("未导入")


class ImportRun(models.Model):
    register = models.CharField(_("名册"), max_length=64)
    sha256 = models.CharField(_("文件哈希"), max_length=64)
    file_name = models.CharField(_("文件名"), max_length=255)
    org = models.ForeignKey(
        "core.Organisation", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    actor_name = models.CharField(_("导入人"), max_length=100)
    status = models.CharField(_("状态"), max_length=16, choices=ImportStatus.choices)
    dry_run = models.BooleanField(_("仅检查"), default=False)
    rows = models.PositiveIntegerField(_("数据行"), default=0)
    added = models.PositiveIntegerField(_("新增"), default=0)
    unchanged = models.PositiveIntegerField(_("未变"), default=0)
    updated = models.PositiveIntegerField(_("更新"), default=0)
    failed = models.PositiveIntegerField(_("出错行"), default=0)
    started_at = models.DateTimeField(_("开始时间"))
    touched_at = models.DateTimeField(_("最近进展"))
    finished_at = models.DateTimeField(_("完成时间"), null=True, blank=True)

    scope_org_field = "org"
    scope_owner_field = "actor"

    class Meta:
        ordering = ["-id"]
        indexes = [models.Index(fields=["register", "sha256"])]
        constraints = [
            models.UniqueConstraint(
                fields=["register", "sha256"],
                condition=Q(status="done"),
                name="core_importrun_one_done_per_file",
            )
        ]
        verbose_name = _("导入记录")
        verbose_name_plural = _("导入记录")

    def __str__(self) -> str:
        return f"{self.register} {self.file_name}"


class StagedEvent(models.Model):
    """A ledger event a service recorded during an import run, waiting for the run to be
    published (then appended to the chain, in ``n`` order) or withdrawn (then dropped)."""

    run = models.ForeignKey(ImportRun, on_delete=models.CASCADE, related_name="staged")
    n = models.PositiveIntegerField()
    fields = models.JSONField()

    class Meta:
        ordering = ["run", "n"]
        constraints = [
            models.UniqueConstraint(fields=["run", "n"], name="core_stagedevent_run_n"),
        ]

    def __str__(self) -> str:
        return f"{self.run_id}#{self.n}"


class ImportableManager(models.Manager):
    """Hides rows of import runs that are not finished, except from the run itself."""

    def get_queryset(self):
        qs = super().get_queryset()
        run = current_run_id()
        if run is None:
            return qs.filter(import_run__isnull=True)
        return qs.filter(Q(import_run__isnull=True) | Q(import_run=run))


class Importable(models.Model):
    """Mix into every model an import's services create (``dataexchange/staging.py``)."""

    # Not indexed: every query of the model filters on ``import_run IS NULL``, and SQLite's
    # planner would pick such an index over the primary key and sort a whole table to show
    # a page of fifty. Publishing and withdrawing a run scan the table once; that is cheap.
    import_run = models.ForeignKey(
        ImportRun,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        db_index=False,
    )

    objects = ImportableManager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self._state.adding and self.import_run_id is None:
            self.import_run_id = current_run_id()
        super().save(*args, **kwargs)

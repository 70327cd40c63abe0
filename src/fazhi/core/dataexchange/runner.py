"""Running an import: one path for the CLI, the workspace pages and the API.

1. **The file.** Anything but an ``.xlsx`` is refused; the bytes' SHA-256 names the file: a
   file this register has already imported is reported as such and adds nothing. The rows
   come from the guarded reader (``reader.py``), one at a time; the first row is the header
   (a trailing ``*`` marking a required column is ignored) and must hold every required
   column.
2. **Each row**, in order: every cell is checked against its column (``values.check_cell``:
   no NUL byte, not longer than its database column, integers and amounts in range); the
   register's builder turns it into its service's arguments, resolving names within the
   importer's scope; rows of one file may not repeat a key, and rows of one group must agree;
   a row equal to the record already holding its key is *unchanged* and adds nothing; a row
   that differs from it is an update if the register allows one, else an error; every other
   row is written by the register's service (its role check, its ledger event) in a
   savepoint, so one pass names every bad row with its row number and column.
3. **Batches.** Rows are written in transactions of ``IMPORT_BATCH_ROWS`` rows, each
   committed, so other writers wait for one batch, not for the file. What a batch creates is
   hidden from everyone else and its ledger events are staged (``staging.py``).
4. **The end.** If any row failed (and not ``valid_rows_only``), or for a dry run, the run is
   *withdrawn*: its hidden rows are deleted and its staged events dropped — nothing was ever
   visible and the ledger is untouched. Otherwise it is *published* in one short transaction:
   updates applied, the staged events appended to the chain, the rows made visible, the file
   stored as an attachment and one ``import`` event recorded with the file's hash.
5. **A killed importer.** Its run stays "running", its rows hidden; the next import withdraws
   it first — at once, as its process no longer holds the run (``liveness.py``), or after
   ``STALE_AFTER`` without progress.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, models, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .. import attachments, clock, filescan, ledger, masking, scoping
from ..actions import register as register_action
from ..bulk import BulkLoader
from ..ledger import Actor
from ..models import Importable, ImportRun, ImportStatus, Organisation, StagedEvent, User
from . import liveness, registry, staging
from .reader import FileRefused, SheetReader
from .registry import Register
from .resolver import Resolver
from .values import ImportFileError, ImportResult, check_cell, text

IMPORT = register_action("data.import", gettext_lazy("Excel导入"))
STALE_AFTER = dt.timedelta(minutes=15)

Progress = Callable[[int, int], None]  # (rows done, rows in the file)


def importable(name: str) -> Register:
    """The register called ``name`` if it can be imported, else ImportFileError."""
    reg = registry.get(name)
    if reg is None:
        raise ImportFileError(
            _("没有名为“%(n)s”的名册。可导入的名册：%(a)s")
            % {"n": name, "a": "、".join(r.name for r in registry.all_registers() if r.importable)}
        )
    if not reg.importable:
        raise ImportFileError(_("名册“%(n)s”只能导出，不能导入。") % {"n": name})
    return reg


def check_org(actor: Actor, org: Organisation | None) -> None:
    """An import (or export) for an organisation the user may not see is refused."""
    if org is None or not isinstance(actor, User):
        return
    if not scoping.scope(actor, Organisation).filter(pk=org.pk).exists():
        raise ImportFileError(_("单位“%(n)s”不存在或不在您的数据范围内。") % {"n": org.name})


def run(
    register: str,
    *,
    actor: Actor,
    data: bytes,
    filename: str,
    org: Organisation | None = None,
    dry_run: bool = False,
    valid_rows_only: bool = False,
    progress: Progress | None = None,
) -> ImportResult:
    """Import ``data`` (an .xlsx file) into ``register`` (module docstring). Raises
    ImportFileError when the file as a whole is refused; row problems are in the result."""
    reg = importable(register)
    if not filename.lower().endswith(".xlsx"):
        raise ImportFileError(_("请上传 Excel（.xlsx）文件。"))
    if set(filename) & {"/", "\\", "\x00"} or filename.startswith("."):
        raise ImportFileError(_("文件名不正确。"))
    if problem := filescan.check_bytes(data, filename):
        raise ImportFileError(problem)
    check_org(actor, org)
    sha = hashlib.sha256(data).hexdigest()
    result = ImportResult(reg.name, file_name=filename, sha256=sha, dry_run=dry_run)
    if not dry_run:
        before = ImportRun.objects.filter(
            register=reg.name, sha256=sha, status=ImportStatus.DONE
        ).first()
        if before is not None:
            result.already, result.rows, result.unchanged = before, before.rows, before.rows
            return result
    withdraw_stale()
    held: list[liveness.Held] = []  # the run's lock, let go of whatever happens
    try:
        return _run(reg, actor, org, data, filename, result, valid_rows_only, progress, held)
    finally:
        for h in held:
            liveness.release(h)


def _run(reg, actor, org, data, filename, result, valid_rows_only, progress, held):
    dry_run, sha = result.dry_run, result.sha256
    try:
        with SheetReader(data) as sheet:
            rows = iter(sheet)
            first = next(rows, None)
            if first is None:
                raise ImportFileError(_("文件是空的。"))
            job = _Job(reg, actor, org, result, valid_rows_only)
            job.index = header_index(reg, first[1])
            job.total = max(0, int(sheet.facts.get("rows") or 0) - first[0])
            job.start(filename)
            held.append(job.alive)
            try:
                job.write(rows, progress)
            except BaseException:
                withdraw(job.run)
                raise
    except FileRefused as exc:
        raise ImportFileError(str(exc)) from exc
    # rows of a batch are checked, then written: report the errors in row order
    result.errors.sort(key=lambda e: e.row)
    if result.rows == 0:
        withdraw(job.run)
        raise ImportFileError(_("文件中没有数据行。"))
    if dry_run or result.error_count and not valid_rows_only:
        withdraw(job.run)
        if not dry_run:  # a dry run tells what would be added; a refused file added nothing
            result.added = result.updated = 0
        return result
    try:
        job.publish(data, filename)
    except IntegrityError:
        # the same file published by a concurrent import a moment ago
        withdraw(job.run)
        before = ImportRun.objects.filter(
            register=reg.name, sha256=sha, status=ImportStatus.DONE
        ).first()
        if before is None:
            raise
        result.already, result.added, result.updated = before, 0, 0
        result.unchanged = before.rows
    except (ValidationError, PermissionDenied) as exc:
        withdraw(job.run)
        result.add_error(0, "", "；".join(getattr(exc, "messages", [str(exc)])))
    return result


def header_index(reg: Register, header: list[Any]) -> dict[str, int]:
    """Column key → position, from the header row; ImportFileError if a required column is
    missing."""
    names = [text(h).rstrip("*＊ ").strip() for h in header]
    position = {h: i for i, h in enumerate(names) if h}
    missing = [c.header for c in reg.columns if c.required and c.header not in position]
    if missing:
        raise ImportFileError(
            _("第1行缺少这些列：%(c)s。请使用下载的导入模板。") % {"c": "、".join(missing)}
        )
    return {c.key: position[c.header] for c in reg.columns if c.header in position}


def _key_part(value: Any) -> Any:
    return value.pk if isinstance(value, models.Model) else value


class _Job:
    """One run of one file: the state that spans its batches."""

    def __init__(self, reg: Register, actor: Actor, org, result: ImportResult, valid_only: bool):
        self.reg, self.actor, self.org, self.result = reg, actor, org, result
        self.valid_only = valid_only
        self.resolver = (reg.resolver or Resolver)(actor, org)
        self.keys: dict[tuple, int] = {}
        self.groups: dict[Any, tuple[int, dict[str, Any]]] = {}
        self.updates: list[tuple[int, dict[str, Any]]] = []
        self.run: ImportRun | None = None
        self.index: dict[str, int] = {}
        self.total = 0

    def start(self, filename: str) -> None:
        now = clock.now()
        with transaction.atomic():  # the run is held before anyone can see it (liveness)
            self._start(filename, now)

    def _start(self, filename: str, now: dt.datetime) -> None:
        self.run = ImportRun.objects.create(
            register=self.reg.name,
            sha256=self.result.sha256,
            file_name=filename[:255],
            org=self.org,
            actor=self.actor if isinstance(self.actor, User) else None,
            actor_name=self.actor.display_name if isinstance(self.actor, User) else self.actor.name,
            status=ImportStatus.RUNNING,
            dry_run=self.result.dry_run,
            started_at=now,
            touched_at=now,
        )
        self.result.run_id = self.run.pk
        self.alive = liveness.hold(self.run.pk)

    # ------------------------------------------------------------ writing

    def write(self, rows: Iterator[tuple[int, list[Any]]], progress: Progress | None) -> None:
        size = max(1, int(getattr(settings, "IMPORT_BATCH_ROWS", 200)))
        batch: list[tuple[int, dict[str, Any]]] = []
        with staging.writing_for(self.run.pk):
            for n, cells in rows:
                values = {
                    c.key: (
                        cells[i]
                        if (i := self.index.get(c.key, -1)) >= 0 and i < len(cells)
                        else None
                    )
                    for c in self.reg.columns
                }
                if all(text(v) == "" for v in values.values()):
                    continue
                batch.append((n, values))
                if len(batch) >= size:
                    self._batch(batch)
                    batch = []
                    if progress:
                        progress(self.result.rows, self.total)
            if batch:
                self._batch(batch)
                if progress:
                    progress(self.result.rows, self.total)

    def _batch(self, batch: list[tuple[int, dict[str, Any]]]) -> None:
        """One batch: its writes in one transaction. Registers that find existing records
        for many rows at once (``find_many``) read everything before the transaction, so
        the write lock is held only while rows are written."""
        reg = self.reg
        if reg.find_many is not None:
            ready = [(n, kw) for n, values in batch if (kw := self._prepared(n, values))]
            found = reg.find_many(self.resolver, [kw for _n, kw in ready]) if ready else []
            with transaction.atomic():
                for (n, kw), existing in zip(ready, found, strict=True):
                    self._act_counted(n, kw, existing)
                self._touch()
            return
        with transaction.atomic():
            for n, values in batch:
                if kw := self._prepared(n, values):
                    existing = reg.find(self.resolver, kw) if reg.find else None
                    self._act_counted(n, kw, existing)
            self._touch()

    def _touch(self) -> None:
        ImportRun.objects.filter(pk=self.run.pk).update(touched_at=clock.now())

    def _act_counted(self, n: int, kwargs: dict[str, Any], existing: Any) -> None:
        before = self.result.error_count
        self._act(n, kwargs, existing)
        if self.result.error_count > before:
            self.result.failed_rows += 1

    def _errors(self, n: int, errors: dict[str, str]) -> None:
        for key, message in errors.items():
            self.result.add_error(n, self.reg.header_of(key), message)

    def _checked(self, values: dict[str, Any], errors: dict[str, str]) -> dict[str, Any]:
        checked = {}
        for c in self.reg.columns:
            try:
                checked[c.key] = check_cell(c, self.reg.limits(c), values[c.key])
            except ValueError as exc:
                errors[c.key] = str(exc)
                checked[c.key] = None
                continue
            if c.required and text(checked[c.key]) == "":
                errors[c.key] = _("必填，不能为空。")
        return checked

    def _prepared(self, n: int, values: dict[str, Any]) -> dict[str, Any] | None:
        """The row's service arguments, or None with its errors reported."""
        self.result.rows += 1
        errors: dict[str, str] = {}
        checked = self._checked(values, errors)
        kwargs = None if errors else self.reg.build(self.resolver, checked, errors)
        if not errors:
            self._in_file(n, kwargs, errors)
        if errors:
            self.result.failed_rows += 1
            self._errors(n, errors)
            return None
        return kwargs

    def _act(self, n: int, kwargs: dict[str, Any], existing: Any) -> None:
        reg = self.reg
        if existing is not None and getattr(existing, "import_run_id", None) == self.run.pk:
            existing = None  # written by this run, still hidden: changing it is part of it
        if existing is not None:
            self._unmask(existing, kwargs)
            differs = None if reg.find_many else self._differs(existing, kwargs)
            if differs is None:
                self.result.unchanged += 1
                return None
            if not reg.updates:
                return self._errors(
                    n,
                    {
                        differs: _("已有相同%(k)s的记录，且本列与它不同（%(v)s）。")
                        % {
                            "k": "、".join(reg.header_of(k) for k in reg.key),
                            "v": text(self._export_values(existing).get(differs)) or _("空"),
                        }
                    },
                )
            # an update changes a record users already see: it waits for the publication,
            # and is tried now (and rolled back) so its problems are reported with the rest
            if self._try(n, kwargs, keep=False):
                self.updates.append((n, kwargs))
            return None
        # kept (hidden) even after an error elsewhere, so later rows may still name it; a run
        # with errors is withdrawn whole at the end
        if self._try(n, kwargs, keep=True):
            self.result.added += 1
        return None

    def _try(self, n: int, kwargs: dict[str, Any], *, keep: bool) -> bool:
        """Call the service in a savepoint; roll it back unless ``keep``. False on a refusal."""
        try:
            with transaction.atomic():
                self.reg.save(actor=self.actor, **kwargs)
                if not keep:
                    raise _RollBack
        except _RollBack:
            return True
        except (ValidationError, PermissionDenied) as exc:
            self._service_errors(n, exc)
            return False
        except IntegrityError:
            # a unique value taken meanwhile (by another import still running, or a user)
            self.result.add_error(n, "", _("与系统中已有的记录冲突，请稍后重试或检查本行。"))
            return False
        return True

    def _service_errors(self, n: int, exc: Exception) -> None:
        if isinstance(exc, ValidationError) and hasattr(exc, "error_dict"):
            for key, msgs in exc.message_dict.items():
                for m in msgs:
                    self.result.add_error(n, self.reg.header_of(key), m)
            return
        for m in getattr(exc, "messages", None) or [str(exc)]:
            self.result.add_error(n, "", m)

    def _in_file(self, n: int, kwargs: dict[str, Any], errors: dict[str, str]) -> None:
        reg = self.reg
        if reg.group:
            by, agree = reg.group
            gk = _key_part(kwargs[by])
            first_n, first = self.groups.setdefault(gk, (n, {k: kwargs[k] for k in agree}))
            for k in agree:
                if first[k] != kwargs[k]:
                    errors[k] = _("与本文件第%(n)d行（同一%(g)s）不一致。") % {
                        "n": first_n,
                        "g": reg.header_of(by),
                    }
        if reg.key:
            key = tuple(_key_part(kwargs[k]) for k in reg.key)
            seen = self.keys.setdefault(key, n)
            if seen != n:
                errors[reg.key[-1]] = _("与本文件第%(n)d行重复。") % {"n": seen}

    def _export_values(self, record: Any) -> dict[str, Any]:
        if not (self.reg.row_of is not None):
            raise RuntimeError("internal: self.reg.row_of is not None")
        return dict(zip([c.key for c in self.reg.columns], self.reg.row_of(record), strict=False))

    def _unmask(self, record: Any, kwargs: dict[str, Any]) -> None:
        """A personal column (``fazhi.core.masking``) exported masked to this user comes
        back as the record's own value when it is exactly that value's mask: an export
        imports back unchanged whoever made it, and a mask is never stored."""
        cols = [c for c in self.reg.columns if c.personal and "*" in str(kwargs.get(c.key) or "")]
        if not cols:
            return
        stored = self._export_values(record)
        for c in cols:
            full = str(stored.get(c.key) or "")
            if full and kwargs[c.key] == masking.mask(c.personal, full):
                kwargs[c.key] = full

    def _differs(self, record: Any, kwargs: dict[str, Any]) -> str | None:
        """The first column where ``kwargs`` differs from ``record`` as the export writes it
        (both read through the same checks and builder), or None when they are equal."""
        errors: dict[str, str] = {}
        theirs = self.reg.build(
            self.resolver, self._checked(self._export_values(record), errors), errors
        )
        if errors:
            return next(iter(errors))
        for c in self.reg.columns:
            if c.key in kwargs and _same(kwargs.get(c.key), theirs.get(c.key)) is False:
                return c.key
        for k, v in kwargs.items():
            if _same(v, theirs.get(k)) is False:
                return k if self.reg.column(k) else self.reg.columns[0].key
        return None

    # ------------------------------------------------------------ publishing

    def publish(self, data: bytes, filename: str) -> None:
        result = self.result
        with transaction.atomic():
            run = ImportRun.objects.select_for_update().get(pk=self.run.pk)
            if run.status != ImportStatus.RUNNING:
                raise ValidationError(_("导入已被撤回（超时未完成），请重新导入。"))
            for model in importable_models():
                model._base_manager.filter(import_run=run).update(import_run=None)
            append_staged(run, self.actor)
            for _n, kwargs in self.updates:
                self.reg.save(actor=self.actor, **kwargs)
                result.updated += 1
            att = attachments.store(
                actor=self.actor, source=data, name=filename, note=str(self.reg.title)
            )
            ledger.record(
                actor=self.actor,
                action=IMPORT,
                org=self.org,
                data={
                    "register": self.reg.name,
                    "file": filename,
                    "sha256": result.sha256,
                    "rows": result.rows,
                    "added": result.added,
                    "unchanged": result.unchanged,
                    "updated": result.updated,
                    "failed": result.failed_rows,
                    "run": run.pk,
                },
                attachments=[att.sha256],
            )
            run.status = ImportStatus.DONE
            run.rows, run.added, run.unchanged = result.rows, result.added, result.unchanged
            run.updated, run.failed = result.updated, result.failed_rows
            run.finished_at = clock.now()
            run.save()


def append_staged(run: ImportRun, actor: Actor, chunk: int = 5000) -> int:
    """Append the events the run's services recorded, in their order, to the chain — through
    the kernel's bulk path (chained and signed as ``ledger.record`` does), a chunk at a time
    so memory stays flat. Inside the publishing transaction."""
    staged = StagedEvent.objects.filter(run=run).order_by("n").values_list("fields", flat=True)
    name = actor.display_name if isinstance(actor, User) else actor.name
    n = 0
    loader = None
    for fields in staged.iterator(chunk_size=chunk):
        if loader is None:
            loader = BulkLoader(actor_name=name, action=IMPORT)
        loader.event(
            subject_type=fields["subject_type"],
            subject_id=fields["subject_id"],
            subject_label=fields["subject_label"],
            org_id=fields["org_id"],
            org_name=fields["org_name"],
            data=fields["data"],
            action=fields["action"],
            attachments=fields["attachments"],
            plain=True,
            actor_id=fields["actor_id"],
            actor_name=fields["actor_name"],
        )
        n += 1
        if len(loader.events) >= chunk:
            loader.flush()
            loader = None
    if loader is not None:
        loader.flush()
    StagedEvent.objects.filter(run=run).delete()
    return n


class _RollBack(Exception):
    pass


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, Decimal) or isinstance(b, Decimal):
        try:
            return Decimal(a or 0) == Decimal(b or 0)
        except Exception:
            return False
    if a in (None, "") and b in (None, ""):
        return True
    return a == b


# ---------------------------------------------------------------- withdrawing


def importable_models() -> list[type[models.Model]]:
    """Every Importable model, those that point at another Importable model first (so rows
    are deleted before the rows they point at)."""
    found = [m for m in apps.get_models() if issubclass(m, Importable)]
    ordered: list[type[models.Model]] = []

    def visit(m, path=()):
        if m in ordered or m in path:
            return
        for other in found:
            if other is not m and any(
                f.is_relation and f.related_model is m for f in other._meta.concrete_fields
            ):
                visit(other, (*path, m))
        ordered.append(m)

    for m in found:
        visit(m)
    return ordered


def withdraw(run: ImportRun | None, chunk: int = 1000) -> None:
    """Delete what ``run`` created (hidden from everyone) and drop its staged events; the run
    is marked withdrawn. Children before parents, newest first, in short transactions. No
    service is involved: nothing of the run was ever visible or recorded."""
    if run is None:
        return
    qn = connection.ops.quote_name
    for model in importable_models():
        table, pk = qn(model._meta.db_table), qn(model._meta.pk.column)
        while True:
            ids = list(
                model._base_manager.filter(import_run=run)
                .order_by("-pk")
                .values_list("pk", flat=True)[:chunk]
            )
            if not ids:
                break
            with transaction.atomic(), connection.cursor() as cur:
                marks = ", ".join(["%s"] * len(ids))
                # names from the model's own metadata, quoted; the ids are parameters
                cur.execute(f"DELETE FROM {table} WHERE {pk} IN ({marks})", ids)  # nosec B608
    while True:
        ids = list(StagedEvent.objects.filter(run=run).values_list("pk", flat=True)[: chunk * 10])
        if not ids:
            break
        StagedEvent.objects.filter(pk__in=ids).delete()
    ImportRun.objects.filter(pk=run.pk, status=ImportStatus.RUNNING).update(
        status=ImportStatus.WITHDRAWN, finished_at=clock.now()
    )


def withdraw_stale() -> int:
    """Withdraw runs that stopped without finishing: their process is gone (``liveness``),
    or they made no progress for ``STALE_AFTER``. Returns how many."""
    running = ImportRun.objects.filter(status=ImportStatus.RUNNING)
    since = clock.now() - STALE_AFTER
    stale = [r for r in running if r.touched_at < since or liveness.dead(r.pk)]
    for r in stale:
        withdraw(r)
    return len(stale)

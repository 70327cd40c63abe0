"""Concurrency and crashes across processes (issue 20, item 8); the figures are in
docs/security.md.

- 200 attempts at the same payment and at the same transition on one enforcement case from
  8 operating-system processes that start together (``core/tests/processes.py``), each with
  Django set up against this test's database and its own connection: nothing lost, nothing
  done twice, every refusal the exact message, the ledger whole.
- ``fazhi import`` of a large file of past enforcement cases, run as a process and killed
  with SIGKILL at 10 points spread over its run: each time no row of it visible, no event of
  it in the ledger, the chain whole; the next import withdraws the dead run at once (its
  process no longer holds the run: ``dataexchange/liveness.py``), and the same file then
  imports every row exactly once.

Each test starts its own processes and waits for them; they share one xdist group, so a
worker runs them one after the other (``--dist loadgroup`` in scripts/test).
"""

from __future__ import annotations

import os
import random
import re
import signal
import time
from decimal import Decimal
from pathlib import Path

import pytest

from fazhi.core import ledger
from fazhi.core.dataexchange import liveness
from fazhi.core.models import ImportRun, LedgerEvent, Role, StagedEvent
from fazhi.core.tests.processes import Forker, child_env, race_processes
from fazhi.enforcement import actions
from fazhi.enforcement.models import Case, Decision, Payment
from fazhi.enforcement.tests.casefactories import Bureau
from fazhi.enforcement.tests.matrixworld import EnforcementWorld
from fazhi.enforcement.tests.xlsxrows import PAST_CASE_HEADERS, past_case_row, xlsx

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.xdist_group("processes")]
PROCESSES = 8
ATTEMPTS = 200
BUDGET = 60  # seconds for the 200 attempts once the writers are connected


@pytest.fixture
def w(settings, tmp_path):
    settings.ATTACHMENT_ROOT = tmp_path / "att"
    return EnforcementWorld.create()


def test_200_payments_from_8_processes_on_a_fine_of_150(w):
    case = w.case("served")
    d = case.decision
    clerk = w.actor(Role.CLERK)
    events = LedgerEvent.objects.count()
    start = time.monotonic()
    out, elapsed = race_processes(
        "fazhi.enforcement.tests.racing:pay_one_yuan",
        n=PROCESSES,
        attempts=ATTEMPTS,
        kwargs={"case": case.pk, "actor": clerk.pk},
        timeout=BUDGET,
    )
    assert [o.message for o in out if o.error] == []
    assert len(out) == ATTEMPTS and len({o.pid for o in out}) == PROCESSES
    assert sum(o.ok for o in out) == 150
    assert [o.message for o in out if not o.ok] == [
        f"决定书 {d.number} 的罚没款已缴清，不能重复缴纳。"
    ] * 50
    assert Payment.objects.filter(decision=d).count() == 150
    assert sum(p.amount for p in Payment.objects.filter(decision=d)) == Decimal(150)
    assert LedgerEvent.objects.filter(action=actions.PAYMENT, seq__gt=events).count() == 150
    others = LedgerEvent.objects.filter(seq__gt=events).exclude(action=actions.PAYMENT)
    assert list(others.values_list("action", flat=True)) == ["clock.stop"]  # paid in full
    result = ledger.verify()
    assert result.ok, result.problem
    total = time.monotonic() - start
    print(f"\n200 payments: {PROCESSES} processes, {elapsed:.1f} s racing, {total:.1f} s in all")


def test_200_attempts_at_the_same_transition_from_8_processes(w):
    case = w.case("served")
    officer = w.actor(Role.OFFICER)
    version = case.version
    events = LedgerEvent.objects.count()
    start = time.monotonic()
    out, elapsed = race_processes(
        "fazhi.enforcement.tests.racing:execute",
        n=PROCESSES,
        attempts=ATTEMPTS,
        kwargs={"case": case.pk, "actor": officer.pk},
        timeout=BUDGET,
    )
    assert [o.message for o in out if o.error] == []
    assert len(out) == ATTEMPTS and len({o.pid for o in out}) == PROCESSES
    assert sum(o.ok for o in out) == 1
    assert [o.message for o in out if not o.ok] == ["该事项已经是“执行中”，无需重复办理。"] * 199
    case.refresh_from_db()
    assert (case.status, case.version) == ("executing", version + 1)
    assert LedgerEvent.objects.count() == events + 1
    result = ledger.verify()
    assert result.ok, result.problem
    total = time.monotonic() - start
    print(f"\n200 transitions: {PROCESSES} processes, {elapsed:.1f} s racing, {total:.1f} s in all")


# --- kill -9 in the middle of a large import --------------------------------------------------

ROWS = 500  # past cases in the file (each a case, its decision and its payment)
BATCH = 25  # rows a batch (FAZHI_IMPORT_BATCH_ROWS): the file is 20 batches, then published
KILLS = 10
SEED = 20
DELAY = 0.3  # at most this many seconds after the batch's report (seeded)
IMPORT_TIMEOUT = 120  # seconds: the hard limit of each import process
PROGRESS = re.compile(r"(\d+)/(\d+)")


def _past_cases(n: int) -> bytes:
    rows = [
        past_case_row(
            2019,
            number=f"芙执案〔2019〕{i}号",
            decision_number=f"芙执罚决〔2019〕{i}号",
            party_name=f"商户{i}",
        )
        for i in range(1, n + 1)
    ]
    return xlsx(PAST_CASE_HEADERS, rows)


def kill_points(seed: int = SEED) -> list[tuple[int, float]]:
    """Ten points spread over the run, one in each tenth of it: (rows reported written, then
    seconds). The last is the publication: after the last batch's report."""
    rng = random.Random(seed)
    batches = ROWS // BATCH
    points = []
    for k in range(KILLS):
        lo, hi = k * batches // KILLS + 1, (k + 1) * batches // KILLS
        points.append((rng.randint(lo, hi) * BATCH, round(rng.uniform(0, DELAY), 3)))
    points[-1] = (ROWS, points[-1][1] / 10)  # in the publishing transaction
    return points


def _kill_after(forker: Forker, argv: list[str], err: Path, rows: int, delay: float) -> int:
    """Start the import, wait until it reports ``rows`` written, wait ``delay`` more and
    SIGKILL it; its exit status."""
    deadline = time.monotonic() + IMPORT_TIMEOUT
    err.write_bytes(b"")
    pid = forker.start(argv, os.devnull, str(err))
    try:
        done = 0
        while done < rows:
            if time.monotonic() > deadline:
                raise AssertionError(f"the import hung before {rows} rows")
            found = PROGRESS.findall(err.read_bytes().decode(errors="replace"))
            done = int(found[-1][0]) if found else 0
            time.sleep(0.005)
        time.sleep(delay)
    finally:
        os.kill(pid, signal.SIGKILL)  # whatever happened: never left running
    return forker.wait(IMPORT_TIMEOUT)


def _counts() -> tuple[int, int, int]:
    """Cases, decisions, payments as users see them."""
    return Case.objects.count(), Decision.objects.count(), Payment.objects.count()


def test_kill_9_at_10_points_of_a_large_import_leaves_nothing_then_it_imports_once(
    settings, tmp_path
):
    settings.ATTACHMENT_ROOT = tmp_path / "att"
    b = Bureau()
    path = tmp_path / "历史案件.xlsx"
    path.write_bytes(_past_cases(ROWS))
    temp = tmp_path / "tmp"  # the importer's temporary directory: its copies of the file
    temp.mkdir()
    env = child_env(FAZHI_IMPORT_BATCH_ROWS=str(BATCH), TMPDIR=str(temp))
    argv = ["import", "past-cases", str(path), "--user", b.leader.username]
    err = tmp_path / "stderr"
    before, events = _counts(), LedgerEvent.objects.count()
    hidden, timings = [], []
    with Forker(env, str(tmp_path / "forker.log")) as forker:
        for k, (rows, delay) in enumerate(kill_points()):
            # the operator tries again at once: the import withdraws the dead run first (its
            # process no longer holds it: dataexchange/liveness.py), so each kill meets a clean
            # import, and the killed one of the round before is withdrawn
            start = time.monotonic()
            status = _kill_after(forker, [*argv, "--progress"], err, rows, delay)
            timings.append(time.monotonic() - start)
            assert status == -signal.SIGKILL, err.read_text()  # killed before the end
            # nothing of it is visible, nothing of it in the ledger, the chain whole
            assert _counts() == before
            assert LedgerEvent.objects.count() == events
            result = ledger.verify()
            assert result.ok, result.problem
            assert not ImportRun.objects.filter(status="done").exists()
            assert list(temp.iterdir()) == []  # no copy of the upload left behind
            # what it had committed is still there, hidden from everyone: its reported rows,
            # or one batch more when the kill came after the next commit
            hidden.append(Case._base_manager.exclude(import_run=None).count())
            assert hidden[-1] in (rows, min(rows + BATCH, ROWS))
            runs = sorted(ImportRun.objects.values_list("status", flat=True))
            assert runs == ["running"] + ["withdrawn"] * k
        start = time.monotonic()
        out = tmp_path / "stdout"
        forker.start(argv, str(out), str(err))
        assert forker.wait(IMPORT_TIMEOUT) == 0, err.read_text()
        full = time.monotonic() - start
    assert out.read_text().strip() == (
        f"已导入：共 {ROWS} 行，新增 {ROWS} 行，更新 0 行，与系统中一致 0 行，跳过有误的 0 行。"
    )
    # every row exactly once, nothing hidden left
    assert _counts() == (before[0] + ROWS, before[1] + ROWS, before[2] + ROWS)
    assert Case._base_manager.count() == Case.objects.count()
    assert Decision._base_manager.count() == Decision.objects.count()
    assert Payment._base_manager.count() == Payment.objects.count()
    numbers = Case.objects.values_list("number", flat=True)
    assert len(set(numbers)) == len(numbers) == before[0] + ROWS
    assert (
        sorted(ImportRun.objects.values_list("status", flat=True))
        == ["done"] + ["withdrawn"] * KILLS
    )
    assert StagedEvent.objects.count() == 0
    assert [r for r in ImportRun.objects.all() if liveness.lock_path(r.pk).exists()] == []
    assert LedgerEvent.objects.filter(seq__gt=events, action="data.import").count() == 1
    result = ledger.verify()
    assert result.ok, result.problem
    print(
        f"\nkill -9 at {kill_points()}: hidden rows committed {hidden}; "
        + ", ".join(f"{t:.1f}" for t in timings)
        + f" s; re-run {full:.1f} s; {LedgerEvent.objects.count() - events} events"
    )


def test_a_live_import_is_not_taken_for_dead(settings, tmp_path):
    """While an import runs (between two of its batches), another connection's import start
    (``withdraw_stale``) leaves it alone: its process holds it."""
    import threading

    from django.db import connections

    from fazhi.core.dataexchange import runner

    settings.ATTACHMENT_ROOT = tmp_path / "att"
    settings.IMPORT_BATCH_ROWS = 2
    b = Bureau()
    seen = []

    def progress(done, total):
        def other():
            try:
                seen.append((runner.withdraw_stale(), liveness.dead(result_run())))
            finally:
                connections.close_all()

        t = threading.Thread(target=other)
        t.start()
        t.join()

    def result_run() -> int:
        return ImportRun.objects.get(status="running").pk

    rows = [past_case_row(2019, number=f"芙执案〔2019〕{i}号", decision_number=f"芙执罚决〔2019〕{i}号")
            for i in range(1, 6)]  # fmt: skip
    result = runner.run(
        "past-cases", actor=b.leader, data=xlsx(PAST_CASE_HEADERS, rows), filename="活.xlsx",
        progress=progress,
    )  # fmt: skip
    assert result.ok and result.added == 5, result.errors
    assert seen == [(0, False)] * 3
    assert ImportRun.objects.get(pk=result.run_id).status == "done"

"""The project's own lint rules (scripts/lint_rules.py): each can fail, and the face pattern
reaches every face module."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[4]


@pytest.fixture(scope="module")
def lint():
    spec = importlib.util.spec_from_file_location("lint_rules", ROOT / "scripts" / "lint_rules.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.mark.parametrize(
    ("rel", "line", "code"),
    [
        ("enforcement/views/cases.py", "workflow.transition(actor=u, matter=c, to=S.CLOSED)", "R5"),
        ("enforcement/api_grid.py", "transition(actor=u, matter=r, to='closed')", "R5"),
        ("monitor/commands.py", "site.save()", "R2"),
        ("core/cli_kernel.py", "CalendarDay.objects.filter(date=d).delete()", "R2"),
        ("enforcement/portal.py", "Case.objects.filter(pk=1).update(status='closed')", "R2"),
        ("web/views/users.py", "User.objects.create(username='x')", "R2"),
        ("enforcement/views/grid.py", "GridReport.objects.bulk_create(rows)", "R2"),
        ("enforcement/api.py", "case = Case.objects.get(pk=pk)", "R1"),
        ("enforcement/services/cases.py", "LedgerEvent.objects.filter(seq=1).delete()", "R3"),
        ("enforcement/services/cases.py", "today = dt.date.today()", "R4"),
    ],
)
def test_each_rule_fails_on_its_bad_example(lint, tmp_path, rel, line, code):
    f = tmp_path / "x.py"
    f.write_text(line + "\n", encoding="utf-8")
    problems = lint.check(f, rel)
    assert [p.split(": ", 1)[1].split(" ", 1)[0] for p in problems] == [code]


@pytest.mark.parametrize(
    ("rel", "line"),
    [
        (
            "enforcement/services/cases.py",
            "case = transition(actor=actor, matter=case, to=S.CLOSED)",
        ),
        ("enforcement/views/cases.py", "svc.close(actor=request.user, case=case, on=on)"),
        ("enforcement/views/cases.py", "params.update(page=2)"),
    ],
)
def test_the_good_forms_pass(lint, tmp_path, rel, line):
    f = tmp_path / "x.py"
    f.write_text(line + "\n", encoding="utf-8")
    assert lint.check(f, rel) == []


def test_the_face_pattern_covers_every_face_module(lint):
    src = ROOT / "src" / "fazhi"
    faces = [
        p.relative_to(src).as_posix()
        for p in src.rglob("*.py")
        if "/tests/" not in p.as_posix()
        and "/migrations/" not in p.as_posix()
        and (
            p.stem.startswith(("views", "api", "cli", "portal", "commands"))
            or p.parent.name == "views"
        )
    ]
    assert faces, "no face modules found"
    assert [f for f in faces if not lint.FACE.search(f)] == []


def test_the_tree_passes(lint):
    assert lint.main([]) == 0

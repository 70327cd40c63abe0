"""The demo's proactive-disclosure records (the open-government and audit demo steps only):
each body's 主动公开目录 with every 2019 item filed under it and numbered in the 索引号 form in
the order formed; the content duties checked every month of 2019; the catalogue and the
duties exported by ``fazhi export`` import back (dry run) with 0 errors, every row unchanged;
``fazhi indicators show --all`` stating the seed's figures."""

from __future__ import annotations

import re

import pytest

from fazhi.cli import main
from fazhi.core.models import Organisation

from ..models import CatalogueCategory, ContentDuty, DisclosureItem, DutyCheck

pytestmark = [pytest.mark.demo("政务公开", "审计整改"), pytest.mark.django_db]
INDEX = re.compile(r"^11430102[0-9A-Z]{10}/2019-\d{5}$")


def test_every_item_is_filed_and_numbered_in_the_order_formed():
    gov = Organisation.objects.get(parent__isnull=True, short_name="区政府")
    assert CatalogueCategory.objects.filter(org=gov).count() == 6
    assert {c.responsible.short_name for c in CatalogueCategory.objects.filter(org=gov)} == {
        "区政府办", "区财政局", "区住建局", "区行政审批服务局", "区人社局",
    }  # fmt: skip
    items = list(DisclosureItem.objects.select_related("catalogue_category", "org"))
    assert len(items) == 72 and sum(i.on_time for i in items) == 70
    for i in items:
        assert i.catalogue_category.org_id == i.org_id, i.index_number
        assert INDEX.match(i.index_number), i.index_number
        assert i.index_number.startswith(i.org.credit_code + "/")
    for org in {i.org for i in items}:
        mine = sorted((i.formed_on, i.index_number) for i in items if i.org == org)
        assert [n for _d, n in mine] == sorted(n for _d, n in mine)
        assert CatalogueCategory.objects.filter(org=org).count() == 8


def test_the_duties_are_checked_every_month():
    assert ContentDuty.objects.count() == 16
    checks = DutyCheck.objects.filter(month__startswith="2019-")
    assert checks.count() == 16 * 12
    assert sorted(checks.filter(ok=False).values_list("month", flat=True)) == [
        "2019-03", "2019-06", "2019-08", "2019-11",
    ]  # fmt: skip
    assert all(c.checked_on.strftime("%Y-%m") == c.month for c in checks)


@pytest.mark.parametrize("name", ["disclosure-catalogue", "content-duties"])
def test_the_demo_registers_import_back_unchanged(name, tmp_path, capsys):
    out = tmp_path / f"{name}.xlsx"
    assert main(["export", name, "-o", str(out)]) == 0
    capsys.readouterr()
    n = (CatalogueCategory if name == "disclosure-catalogue" else ContentDuty).objects.count()
    assert main(["import", name, str(out), "--dry-run"]) == 0
    assert capsys.readouterr().out.strip() == (
        f"检查完毕（未导入）：共 {n} 行，0 处错误；可新增 0 行，与系统中一致 {n} 行。"
    )


def test_show_all_states_the_seed_figures(capsys):
    assert main(["indicators", "show", "--all", "--year", "2019"]) == 0
    lines = capsys.readouterr().out.splitlines()
    for code, text in [("GK-REQ-RECEIVED", "130件"), ("GK-REQ-ON-TIME", "130件"),
                       ("AUD-PROJECTS", "268个"), ("AUD-CUT", "2.6亿元")]:  # fmt: skip
        assert next(x for x in lines if x.startswith(code + "\t")).endswith("\t" + text), code

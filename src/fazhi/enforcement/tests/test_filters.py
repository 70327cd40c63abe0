"""The case list's filters (one FilterSet behind the page and the API): each narrows exactly,
a value that does not parse is ignored on the page and refused by the API."""

from __future__ import annotations

import datetime as dt

import pytest

from fazhi.core.tests.signin import sign_in

from ..services import cases as svc
from .casefactories import Bureau

pytestmark = pytest.mark.django_db
D = dt.date
API = "/api/v1/enforcement/cases"


@pytest.fixture
def b(db):
    bureau = Bureau()
    kw = dict(body=bureau.body, field=bureau.field, item=bureau.item, party_kind="person")
    bureau.a = svc.case_open(actor=bureau.clerk, source="patrol", party_name="王某某",
                             received_on=D(2023, 5, 8), **kw)  # fmt: skip
    bureau.b = svc.case_open(actor=bureau.clerk, source="complaint", party_name="李某某",
                             received_on=D(2024, 3, 4), **kw)  # fmt: skip
    bureau.c = svc.case_open(actor=bureau.clerk, source="complaint", party_name="张某某",
                             received_on=D(2024, 6, 3), **kw)  # fmt: skip
    svc.register(actor=bureau.leader, case=bureau.c, on=D(2024, 6, 3))
    return bureau


def _numbers(rows) -> list[str]:
    return sorted(r["number"] for r in rows)


def test_the_api_filters_and_refuses_what_does_not_parse(client, b):
    sign_in(client, "leader")
    assert _numbers(client.get(f"{API}?year=2024").json()) == [b.b.number, b.c.number]
    assert _numbers(client.get(f"{API}?source=patrol").json()) == [b.a.number]
    assert _numbers(client.get(f"{API}?status=registered").json()) == [b.c.number]
    assert _numbers(client.get(f"{API}?q=李某").json()) == [b.b.number]
    assert _numbers(client.get(f"{API}?source=complaint&year=2024&status=clue").json()) == [
        b.b.number
    ]
    bad = client.get(f"{API}?status=nonsense&year=twenty")
    assert (bad.status_code, bad.json()) == (400, {"detail": "筛选条件不正确：status、year"})


def test_the_page_filters_and_ignores_what_does_not_parse(client, b):
    sign_in(client, "leader")

    def listed(query):
        page = client.get(f"/workspace/enforcement/cases/?{query}")
        return sorted(c.number for c in page.context["page"].rows)

    assert listed("year=2024&source=complaint") == [b.b.number, b.c.number]
    assert listed("closed=2024") == []
    assert listed("year=twenty") == sorted([b.a.number, b.b.number, b.c.number])
    page = client.get("/workspace/enforcement/cases/?q=%20王某%20&status=clue")
    assert page.context["q"] == "王某" and page.context["f"]["status"] == "clue"

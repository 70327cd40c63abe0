"""The suggestions register in the kernel's data-exchange registry: the batch the 人大常委会
or the 政协 sends after its session (one row per suggestion or proposal), registered by the
same service as a single one (``suggestion_create``: the office's role, its number, its ledger
event). All rows or nothing, every bad row named — that is the kernel's runner. The export
writes the same columns, so an export imports back unchanged. ``register()`` is called from
``SuggestionsConfig.ready()``.

A withdrawn run (a file with a bad row) deletes the suggestions it had written, but the
numbers they took stay issued: the office's series then skips them (the kernel's numbering
has no hook for a withdrawn import yet).
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fazhi.core.dataexchange import registry
from fazhi.core.dataexchange.registry import Column, Kind, Register
from fazhi.core.dataexchange.resolver import Resolver
from fazhi.core.dataexchange.values import choice, field_value, label, parse_date, text

from .models import Suggestion, SuggestionKind
from .services import handling

KEY = ("office", "kind", "session", "serial")


def _kwargs(r: Resolver, v: dict[str, Any], errors: dict[str, str]) -> dict:
    return {
        "office": field_value(errors, "office", lambda: r.org_named(text(v["office"]))),
        "kind": field_value(
            errors, "kind", lambda: choice(v["kind"], SuggestionKind.choices, _("类别"))
        ),
        "session": text(v["session"]),
        "serial": text(v["serial"]),
        "author": text(v["author"]),
        "co_authors": text(v["co_authors"]),
        "title": text(v["title"]),
        "text": text(v["text"]),
        "received_on": field_value(errors, "received_on", lambda: parse_date(v["received_on"])),
    }


def _row(s: Suggestion) -> list[Any]:
    return [
        s.office.name,
        label(SuggestionKind, s.kind),
        s.session,
        s.serial,
        s.author,
        s.co_authors,
        s.title,
        s.text,
        s.received_on,
    ]


def _find(r: Resolver, kw: dict[str, Any]) -> Suggestion | None:
    return (
        Suggestion.objects.filter(
            office=kw["office"], kind=kw["kind"], session=kw["session"], serial=kw["serial"]
        )
        .select_related("office")
        .first()
    )


def _records(*, actor, org=None, year=None):
    qs = Resolver(actor, org).scoped(Suggestion).select_related("office")
    if year:
        qs = qs.filter(received_on__year=year)
    return qs.order_by("received_on", "kind", "pk")


SUGGESTIONS = Register(
    name="suggestions",
    title=gettext_lazy("人大代表建议和政协提案"),
    model=Suggestion,
    columns=(
        Column(
            "交办机关",
            "office",
            True,
            gettext_lazy("登记并交办的机关（区政府办）的名称或简称"),
            Kind.NAME,
            "长沙市芙蓉区人民政府办公室",
        ),
        Column(
            "类别",
            "kind",
            True,
            gettext_lazy("人大代表建议或政协提案"),
            Kind.CHOICE,
            "人大代表建议",
            choices=SuggestionKind,
        ),
        Column(
            "会议",
            "session",
            True,
            gettext_lazy("提出建议（提案）的会议"),
            Kind.TEXT,
            "芙蓉区第十七届人民代表大会第四次会议",
        ),
        Column("建议（提案）号", "serial", True, gettext_lazy("会议编的号"), Kind.CODE, "12"),
        Column("领衔代表（委员）", "author", True, gettext_lazy("姓名"), Kind.TEXT, "刘建华"),
        Column("附议人", "co_authors", False, gettext_lazy("姓名，用顿号分隔"), Kind.TEXT),
        Column("标题", "title", True, gettext_lazy("建议（提案）的标题"), Kind.TEXT),
        Column("内容", "text", True, gettext_lazy("建议（提案）的内容"), Kind.TEXT),
        Column(
            "收到日期",
            "received_on",
            True,
            gettext_lazy("交办机关收到的日期"),
            Kind.DATE,
            "2019-01-25",
        ),
    ),
    build=_kwargs,
    save=handling.suggestion_create,
    key=KEY,
    find=_find,
    row_of=_row,
    models=(Suggestion,),
    records=_records,
    year_note=gettext_lazy("收到日期所在年度"),
)


def register() -> None:
    registry.register(SUGGESTIONS)

"""Key-set pagination: lists page by the last key seen, so deep pages stay fast."""

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

PAGE_SIZE = 50


@dataclass
class Page:
    rows: list[Any]
    next_after: Any | None
    count: int | None = None


def keyset(
    qs: QuerySet, request, *, key: str = "pk", descending: bool = True, size: int = PAGE_SIZE
) -> Page:
    after = request.GET.get("after")
    field = key.lstrip("-")
    if after not in (None, ""):
        try:
            after_val = int(after)
        except ValueError:
            after_val = None
        if after_val is not None:
            qs = qs.filter(**{f"{field}__{'lt' if descending else 'gt'}": after_val})
    qs = qs.order_by(f"-{field}" if descending else field)
    rows = list(qs[: size + 1])
    more = len(rows) > size
    rows = rows[:size]
    return Page(rows=rows, next_after=getattr(rows[-1], field) if more and rows else None)

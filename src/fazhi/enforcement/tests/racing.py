"""What the racing processes of ``tests/test_processes.py`` call (``core/tests/processes``):
one attempt each, every object read afresh by its primary key, as a request would."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from fazhi.core.models import User

from ..models import Case
from ..services import decisions


def pay_one_yuan(*, case: int, actor: int) -> None:
    decisions.pay(
        actor=User.objects.get(pk=actor),
        case=Case.objects.get(pk=case),
        on=dt.date(2024, 3, 25),
        amount=Decimal(1),
        receipt="R",
    )


def execute(*, case: int, actor: int) -> None:
    decisions.execute(
        actor=User.objects.get(pk=actor),
        case=Case.objects.get(pk=case),
        on=dt.date(2024, 4, 10),
        version=None,
    )

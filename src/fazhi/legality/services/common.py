"""What the legality services share: numbers from the kernel's series, and the one way a
matter's own number is made."""

from __future__ import annotations

from fazhi.core import numbering
from fazhi.core.ledger import Actor
from fazhi.core.models import Organisation


def next_number(
    actor: Actor, org: Organisation, kind: str, year: int, prefix: str, pattern: str, subject
) -> str:
    """The next number of the series (gapless: in the caller's transaction)."""
    series = numbering.series_get_or_create(
        actor=actor, org=org, kind=kind, year=year, prefix=prefix, pattern=pattern
    )
    return numbering.issue(actor=actor, series=series, subject=subject).text


def matter_number(actor: Actor, org: Organisation, kind: str, prefix: str, year: int, subject):
    """A matter's register number, e.g. 合审〔2019〕12号 (one series per body, kind and year)."""
    return next_number(actor, org, kind, year, prefix, "{prefix}〔{year}〕{n}号", subject)

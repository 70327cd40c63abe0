"""Matter references by document number: the act under review, the normative document relied
on — fazhi's own records of other domains, found without importing them.

Every numbered act of fazhi is registered in the kernel's numbering (``IssuedNumber``: the
text, and the matter it was issued for); the matter's label is the one its latest ledger event
carries. A reconsideration or a lawsuit names the act by its number; the reference (type, id,
label, owning organisation) is stored on the case, and events about the act (a reversal) are
written against it, so the act's own page shows them in its timeline.

(A kernel facility in waiting: ``matterlinks`` could resolve numbers for every domain.)
"""

from __future__ import annotations

from dataclasses import dataclass

from fazhi.core import matterlinks
from fazhi.core.models import IssuedNumber, LedgerEvent, Organisation


@dataclass(frozen=True)
class Ref:
    type: str
    id: str
    label: str
    org: Organisation

    @property
    def url(self) -> str:
        return matterlinks.url_for(self.type, self.id)

    def as_fields(self) -> dict[str, str]:
        return {"ref_type": self.type, "ref_id": self.id, "ref_label": self.label[:300]}


def by_number(number: str) -> Ref | None:
    """The matter the document ``number`` was issued for, or None (not fazhi's own, voided,
    or a number issued without a matter)."""
    number = (number or "").strip()
    if not number:
        return None
    n = (
        IssuedNumber.objects.filter(text=number, voided_at__isnull=True)
        .select_related("series__org")
        .first()
    )
    if n is None or not n.subject_type or not n.subject_id:
        return None
    label = (
        LedgerEvent.objects.filter(subject_type=n.subject_type, subject_id=n.subject_id)
        .order_by("-seq")
        .values_list("subject_label", flat=True)
        .first()
    )
    return Ref(n.subject_type, n.subject_id, label or number, n.series.org)


def ref_of(obj) -> Ref | None:
    """The reference stored on a case (``MatterRef`` fields), if any."""
    if not getattr(obj, "ref_type", "") or not getattr(obj, "ref_id", ""):
        return None
    org = getattr(obj, "respondent", None) or obj.org
    return Ref(obj.ref_type, obj.ref_id, obj.ref_label, org)

"""This domain's time limits (codes into ``core/data/time_rules.toml``) and the rules of the
procedure that cite their source.

- BA-1 — a district normative document is filed with each body above within 15 days of
  publication (⚠ Hunan; the seed names 市委、市政府 and 区人大常委会); BA-2 — it takes
  effect no earlier than 30 days after publication unless immediate effect is justified;
- BA-4, BA-5 — departments and streets file their own documents within 15 days, the
  Justice Bureau reviews each within 15 WD (⚠ local configuration);
- HS-1, HS-2, HS-3 — legality review within 15 WD (normative documents and decisions),
  5 WD (documents in the government's name), 7 WD (contracts) (⚠ local configuration);
- GF-1, JC-1 — consultation on a draft document at least 30 days (⚠ local), on a major
  decision at least 30 days from 2019-09-01 (国务院令第713号 Art.15), shorter only with a
  reason stated in the call; JC-2 — at least 7 WD allowed for the decision's review.

A rule applies in the version in force on the matter's date; where none is in force (a
major decision before 2019-09-01), no minimum is imposed by the platform and the page says
so.
"""

from __future__ import annotations

import datetime as dt

from fazhi.core import rules as core_rules
from fazhi.core.calendar import get_calendar

FILING = "BA-1"
EFFECTIVE = "BA-2"
LOWER_FILING = "BA-4"
FILING_REVIEW = "BA-5"
DOC_CONSULTATION = "GF-1"
DECISION_CONSULTATION = "JC-1"
DECISION_REVIEW_MINIMUM = "JC-2"
REVIEW_RULES = {"normative": "HS-1", "decision": "HS-1", "document": "HS-2", "contract": "HS-3"}

# The organisations a district normative document is filed with (seed 一(四)).
FILING_BODIES = ("中共长沙市委员会", "长沙市人民政府", "长沙市芙蓉区人民代表大会常务委员会")

#: Uploads of drafts: what the drafting offices produce, and no more than this.
UPLOAD_TYPES = (".docx", ".pdf")
UPLOAD_MAX_MB = 20


def rule_day(code: str, start: dt.date) -> dt.date | None:
    """The date rule ``code`` gives for an event on ``start`` (a deadline, or for an
    ``earliest`` rule the first permitted day), or None when no version is in force."""
    try:
        return core_rules.compute(get_calendar(), code, start).due.due
    except LookupError:
        return None


def earliest_effective(published_on: dt.date) -> dt.date | None:
    """BA-2: the first day a document may take effect without a stated reason."""
    return rule_day(EFFECTIVE, published_on)


def consultation_minimum(code: str, opens_on: dt.date) -> dt.date | None:
    """The earliest day a consultation opened on ``opens_on`` may close (GF-1 / JC-1)."""
    return rule_day(code, opens_on)

import datetime as dt

from django import template
from django.utils.translation import gettext as _

from fazhi.core import actions
from fazhi.core.workflow import MATTER_TRANSITION

register = template.Library()

# Where an event that is not a status move keeps its business date, when not in ``on``.
_DATE_KEYS = ("held_on", "requested_on", "reminded_on", "applied_on", "start", "from")


@register.filter
def action_label(code: str) -> str:
    """The Chinese label of a ledger action name."""
    return str(actions.label(code))


@register.filter
def event_step(event) -> str:
    """A timeline entry's name: the step of a status move as the table names it (批准立案,
    登记送达 …), else the action's label."""
    data = event.data if isinstance(event.data, dict) else {}
    if event.action == MATTER_TRANSITION and data.get("step"):
        # recorded in the words of the table (Chinese); shown in the reader's language
        return _(str(data["step"]))
    return str(actions.label(event.action))


@register.filter
def event_on(event) -> dt.date | None:
    """The business date of a timeline entry — the day the step happened (``data.on``, or
    the dated field of records that are not moves: a hearing, a reminder, a clock's start),
    not the time it was recorded."""
    data = event.data if isinstance(event.data, dict) else {}
    for key in ("on", *_DATE_KEYS):
        value = data.get(key)
        if isinstance(value, str) and len(value) == 10:
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                continue
    return None


@register.filter
def event_detail(event) -> str:
    """What else the step fixed, briefly: the number issued, a clock started (to whom its
    period belongs and when it ends)."""
    data = event.data if isinstance(event.data, dict) else {}
    parts = []
    if isinstance(data.get("number"), str) and data["number"]:
        parts.append(data["number"])
    c = data.get("clock")
    if isinstance(c, dict) and c.get("due"):
        parts.append(_("%(l)s至%(d)s") % {"l": c.get("label") or c.get("rule", ""), "d": c["due"]})
    elif event.action == "clock.start" and data.get("due"):
        parts.append(_("%(r)s 至%(d)s") % {"r": data.get("rule", ""), "d": data["due"]})
    return " · ".join(parts)

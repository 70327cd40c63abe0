"""China's official working-day calendar and statutory-period engine (pure, Django-free).

``engine``: :class:`WorkCalendar` (is_workday, add_workdays, workdays_between, vectorised
forms) over the shipped ``holidays_cn.csv``. ``periods``: :func:`compute_due` for a rule's
:class:`PeriodSpec` (民法典 Arts.201–203). Both refuse dates outside the announced years.
"""

from .engine import (
    CalendarError,
    HolidayBlock,
    SpecialDay,
    UnknownYearError,
    WorkCalendar,
    default_calendar,
)
from .periods import Due, Pause, PeriodError, PeriodSpec, Step, compute_due

__all__ = [
    "CalendarError",
    "Due",
    "HolidayBlock",
    "Pause",
    "PeriodError",
    "PeriodSpec",
    "SpecialDay",
    "Step",
    "UnknownYearError",
    "WorkCalendar",
    "compute_due",
    "default_calendar",
]

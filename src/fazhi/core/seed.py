"""Reference data every installation needs from the first migrate: the official work
calendar and the statutory rule registry. Idempotent: the calendar loads into an empty table;
the rule registry adds the rules and versions shipped since the last migrate."""


def ensure_reference_data() -> None:
    from . import calendar, rules

    calendar.seed_from_shipped()
    rules.seed_from_shipped()

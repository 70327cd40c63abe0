"""Reference data every installation needs from the first migrate: the official work
calendar and the statutory rule registry. Idempotent: loads only into empty tables."""


def ensure_reference_data() -> None:
    from . import calendar, rules

    calendar.seed_from_shipped()
    rules.seed_from_shipped()

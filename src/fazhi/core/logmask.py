"""No full ID number in a log line (等保 8.1.4.10; ASVS 16.2.5). Django logs the path of a
refused request ("Not Found: /api/v1/…/430102198605171238"), a library may put a value in an
exception's message: every log record is masked as it is made (a record factory, so every
handler and every logger gets the masked text), its traceback too. Passwords, session ids
and tokens are never logged by fazhi or its libraries (axes masks them); the test of a run's
logs (tests/test_audit_coverage.py) checks all four.
"""

from __future__ import annotations

import logging
import re

from .redaction import mask_id_number

# an 18-digit ID number's shape (GB 11643: region, birth date, sequence, check character)
ID_NUMBER_SHAPE = (
    r"[1-9][0-9]{5}(?:18|19|20)[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])"
    r"[0-9]{3}[0-9Xx]"
)
ID_NUMBER = re.compile(rf"(?<![0-9]){ID_NUMBER_SHAPE}(?![0-9])")


def mask(text: str) -> str:
    return ID_NUMBER.sub(lambda m: mask_id_number(m.group(0)), text)


def install() -> None:
    """Wrap the log record factory once (``CoreConfig.ready``)."""
    make = logging.getLogRecordFactory()
    if getattr(make, "fazhi_masks", False):
        return

    def masked(*args, **kwargs) -> logging.LogRecord:
        record = make(*args, **kwargs)
        try:
            text = record.getMessage()
        except Exception:  # a record whose arguments do not fit its message: left to logging
            return record
        if ID_NUMBER.search(text):
            record.msg, record.args = mask(text), None
        if record.exc_info and record.exc_info[1] is not None:
            trace = "".join(logging.Formatter().formatException(record.exc_info))
            if ID_NUMBER.search(trace):
                record.exc_text = mask(trace)
        return record

    masked.fazhi_masks = True  # type: ignore[attr-defined]
    logging.setLogRecordFactory(masked)

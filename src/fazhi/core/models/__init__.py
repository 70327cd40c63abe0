from .calendar import CalendarDay, CalendarYear, DayKind
from .clocks import Clock, ClockPause
from .codes import CodeItem, CodeTable, Notice
from .dataexchange import Importable, ImportRun, ImportStatus, StagedEvent
from .ledger import Attachment, LedgerEvent, LedgerHead
from .matters import Matter, SupervisionTask
from .numbering import IssuedNumber, NumberSeries
from .orgs import ADMIN_ROLES, DEFAULT_SCOPE, DataScope, Membership, Organisation, OrgKind, Role
from .rules import Confirmation, TimeRule, TimeRuleVersion, Unit
from .security import (
    AuditOutcome,
    AuditRecord,
    IdempotentRequest,
    PasswordHistory,
    RecoveryCode,
)
from .users import ApiToken, LoginOutcome, LoginRecord, User, UserSession

__all__ = [
    "ADMIN_ROLES",
    "CalendarDay",
    "CalendarYear",
    "Clock",
    "ClockPause",
    "Confirmation",
    "DayKind",
    "Importable",
    "ImportRun",
    "AuditOutcome",
    "AuditRecord",
    "IdempotentRequest",
    "ImportStatus",
    "IssuedNumber",
    "Matter",
    "NumberSeries",
    "PasswordHistory",
    "RecoveryCode",
    "StagedEvent",
    "SupervisionTask",
    "TimeRule",
    "TimeRuleVersion",
    "Unit",
    "DEFAULT_SCOPE",
    "ApiToken",
    "Attachment",
    "CodeItem",
    "CodeTable",
    "DataScope",
    "LedgerEvent",
    "LedgerHead",
    "LoginOutcome",
    "LoginRecord",
    "Membership",
    "Notice",
    "OrgKind",
    "Organisation",
    "Role",
    "User",
    "UserSession",
]

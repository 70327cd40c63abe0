from .codes import CodeItem, CodeTable, Notice
from .ledger import Attachment, LedgerEvent, LedgerHead
from .orgs import DEFAULT_SCOPE, DataScope, Membership, Organisation, OrgKind, Role
from .users import ApiToken, LoginOutcome, LoginRecord, User, UserSession

__all__ = [
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

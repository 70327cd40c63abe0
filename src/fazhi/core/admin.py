"""Django admin, for administrators only, and read-only.

Every write in fazhi goes through a service function that appends its ledger event; the
admin would bypass that, so here it is an inspection tool: browse, search, filter — change
things in the workspace, where the services run.
"""

from django.contrib import admin

from . import models


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(models.Organisation)
class OrganisationAdmin(ReadOnlyAdmin):
    list_display = ["name", "short_name", "kind", "division_code", "parent", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "short_name", "division_code"]


@admin.register(models.User)
class UserAdmin(ReadOnlyAdmin):
    list_display = ["username", "full_name", "primary_org", "is_active", "last_login"]
    list_filter = ["is_active"]
    search_fields = ["username", "full_name"]
    exclude = ["password"]


@admin.register(models.Membership)
class MembershipAdmin(ReadOnlyAdmin):
    list_display = ["user", "org", "role", "data_scope", "is_active"]
    list_filter = ["role", "data_scope", "is_active"]


@admin.register(models.LedgerEvent)
class LedgerEventAdmin(ReadOnlyAdmin):
    list_display = ["seq", "at", "actor_name", "org_name", "action", "subject_label"]
    list_filter = ["action"]
    search_fields = ["actor_name", "subject_label", "hash"]


@admin.register(models.LoginRecord)
class LoginRecordAdmin(ReadOnlyAdmin):
    list_display = ["at", "username", "outcome", "ip"]
    list_filter = ["outcome"]
    search_fields = ["username", "ip"]


@admin.register(models.CodeTable)
class CodeTableAdmin(ReadOnlyAdmin):
    list_display = ["code", "name", "is_system"]


@admin.register(models.CodeItem)
class CodeItemAdmin(ReadOnlyAdmin):
    list_display = ["table", "code", "label", "is_active"]
    list_filter = ["table"]


@admin.register(models.Notice)
class NoticeAdmin(ReadOnlyAdmin):
    list_display = ["title", "org", "published_at", "withdrawn_at"]


@admin.register(models.ApiToken)
class ApiTokenAdmin(ReadOnlyAdmin):
    list_display = ["user", "name", "prefix", "created_at", "revoked_at"]
    exclude = ["key_hash"]


# django-otp's device admin can add and change devices; devices change only through
# fazhi.core.otp (enrolment by the user, reset by an administrator with a ledger event).
def _unregister_otp_admin() -> None:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    if admin.site.is_registered(TOTPDevice):
        admin.site.unregister(TOTPDevice)


_unregister_otp_admin()

"""Read-only admin for the monitor's records (writes go through the services)."""

from django.contrib import admin

from fazhi.core.admin import ReadOnlyAdmin

from . import models


@admin.register(models.Site)
class SiteAdmin(ReadOnlyAdmin):
    list_display = ["code", "name", "org", "is_active", "created_at"]
    list_filter = ["is_active"]
    search_fields = ["code", "name"]


@admin.register(models.SiteConfigVersion)
class SiteConfigVersionAdmin(ReadOnlyAdmin):
    list_display = ["site", "number", "note", "created_by_name", "created_at"]


@admin.register(models.LexiconVersion)
class LexiconVersionAdmin(ReadOnlyAdmin):
    list_display = ["number", "org", "note", "created_by_name", "created_at"]


@admin.register(models.CrawlRun)
class CrawlRunAdmin(ReadOnlyAdmin):
    list_display = ["id", "site", "as_of", "status", "pages_done", "errors", "complete"]
    list_filter = ["status", "month"]


@admin.register(models.Finding)
class FindingAdmin(ReadOnlyAdmin):
    list_display = ["id", "site", "rule_id", "severity", "status", "url"]
    list_filter = ["severity", "status", "rule_id"]
    search_fields = ["url", "evidence", "fingerprint"]


@admin.register(models.Dismissal)
class DismissalAdmin(ReadOnlyAdmin):
    list_display = ["site", "rule_id", "url", "by_name", "at", "revoked_at"]


@admin.register(models.Probe)
class ProbeAdmin(ReadOnlyAdmin):
    list_display = ["site", "at", "ok", "status", "elapsed_ms", "error"]
    list_filter = ["ok"]


@admin.register(models.Bulletin)
class BulletinAdmin(ReadOnlyAdmin):
    list_display = ["number", "site", "month", "revision", "conclusion", "score"]
    exclude = ["snapshot"]


@admin.register(models.Rectification)
class RectificationAdmin(ReadOnlyAdmin):
    list_display = ["bulletin", "fingerprint", "task", "created_at"]

from django.contrib import admin
from django.urls import include, path

from .api import api

admin.site.site_header = "法治 · 系统管理"
admin.site.site_title = "法治"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    path("workspace/enforcement/", include("fazhi.enforcement.urls")),
    path("workspace/monitor/", include("fazhi.monitor.urls")),
    path("workspace/", include("fazhi.web.urls")),
    path("enforcement/", include("fazhi.enforcement.portal")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("fazhi.portal.urls")),
]

handler404 = "fazhi.web.views.errors.not_found"
handler403 = "fazhi.web.views.errors.forbidden"
handler500 = "fazhi.web.views.errors.server_error"

from django.contrib import admin
from django.urls import include, path

from .api import api
from .ui import registry

admin.site.site_header = "法治 · 系统管理"
admin.site.site_title = "法治"

# Each domain mounts its staff pages under /workspace/<key>/ and its public pages under
# /<key>/ by registering itself (fazhi.ui.registry, from its AppConfig.ready()).
_domains = [
    *[
        path(f"workspace/{d.workspace_prefix or d.key}/", include(d.workspace_urls))
        for d in registry.domains()
        if d.workspace_urls
    ],
    *[
        path(f"{d.portal_prefix or d.key}/", include(d.portal_urls))
        for d in registry.domains()
        if d.portal_urls
    ],
]

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    *_domains,
    path("workspace/", include("fazhi.web.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("fazhi.portal.urls")),
]

handler404 = "fazhi.web.views.errors.not_found"
handler403 = "fazhi.web.views.errors.forbidden"
handler500 = "fazhi.web.views.errors.server_error"

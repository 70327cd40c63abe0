from django.contrib import admin
from django.templatetags.static import static
from django.urls import include, path
from django.views.generic.base import RedirectView

from .api import api
from .ui import registry


class _Favicon(RedirectView):
    """Browsers ask for /favicon.ico whatever the page says; the icon is a static SVG."""

    permanent = True

    def get_redirect_url(self, *args, **kwargs) -> str:
        return static("web/favicon.svg")


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
    # The admin signs in through the workspace (lockout, second factor), never on its own.
    path("admin/login/", RedirectView.as_view(pattern_name="web:login", query_string=True)),
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    *_domains,
    path("workspace/", include("fazhi.web.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("favicon.ico", _Favicon.as_view()),
    path("", include("fazhi.portal.urls")),
]

handler404 = "fazhi.web.views.errors.not_found"
handler403 = "fazhi.web.views.errors.forbidden"
handler500 = "fazhi.web.views.errors.server_error"

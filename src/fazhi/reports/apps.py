from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "fazhi.reports"
    label = "reports"
    verbose_name = "法治政府建设年度报告"

    def ready(self) -> None:
        from django.urls import reverse
        from django.utils.translation import gettext_lazy as _

        from fazhi.core import matterlinks
        from fazhi.core.demo import register_demo_step
        from fazhi.ui import registry

        from . import actions, demo, states  # noqa: F401  (names, table)
        from .models import AnnualReport

        registry.register(
            registry.Domain(
                key="reports",
                label=_("统计报告"),
                workspace_urls="fazhi.reports.urls",
                workspace_home="reports:home",
                portal_urls="fazhi.reports.portal",
                portal_home="reports_public:home",
                portal_title=_("法治政府建设年度报告"),
                portal_description=_("依据记录生成的年度报告。"),
            )
        )
        matterlinks.register_matter(AnnualReport, lambda pk: reverse("reports:report", args=[pk]))
        # after every domain's demo year (reports is the last domain in INSTALLED_APPS)
        register_demo_step("法治政府建设年度报告", demo.load)

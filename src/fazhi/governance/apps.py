from django.apps import AppConfig


class GovernanceConfig(AppConfig):
    name = "fazhi.governance"
    label = "governance"
    verbose_name = "依法治区"

    def ready(self) -> None:
        from django.urls import reverse
        from django.utils.translation import gettext_lazy as _

        from fazhi.core import matterlinks
        from fazhi.ui import registry

        from . import actions, demo, imports, indicators, report, states  # noqa: F401
        from .models import WorkPoint

        registry.register(
            registry.Domain(
                key="governance",
                label=_("依法治区"),
                workspace_urls="fazhi.governance.urls",
                workspace_home="governance:home",
                api=[("governance/", "fazhi.governance.api:router")],
            )
        )
        # the work point's page, and 我的待办 (lead body; the office) from its table
        matterlinks.register_matter(WorkPoint, lambda pk: reverse("governance:point", args=[pk]))
        imports.register()  # the committee's spreadsheet of work points
        demo.register()  # the 2019 committee, plan, points and 述法 after the kernel's orgs
        report.register_parts()  # 一(一) of the annual report (fazhi.core.reportparts)

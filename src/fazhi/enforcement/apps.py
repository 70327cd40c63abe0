from django.apps import AppConfig


class EnforcementConfig(AppConfig):
    name = "fazhi.enforcement"
    label = "enforcement"
    verbose_name = "行政执法"

    def ready(self) -> None:
        from django.urls import reverse
        from django.utils.translation import gettext_lazy as _

        from fazhi.core import matterlinks, todo
        from fazhi.ui import registry

        from . import actions, demo, indicators, report, states  # noqa: F401
        from .models import Case, GridReport
        from .services import officers  # noqa: F401  (its ledger action names)
        from .todo import certificate_reminders, reviews_waiting

        registry.register(
            registry.Domain(
                key="enforcement",
                label=_("行政执法"),
                workspace_urls="fazhi.enforcement.urls",
                workspace_home="enforcement:home",
                portal_urls="fazhi.enforcement.portal",
                portal_home="enforcement_public:home",
                portal_title=_("行政执法公示"),
                portal_description=_("执法主体、执法人员、权责清单、执法决定。"),
                api=[
                    ("enforcement/", "fazhi.enforcement.api:router"),
                    ("enforcement/", "fazhi.enforcement.api_grid:router"),
                ],
            )
        )
        # the matters: their pages, and 我的待办 from their transition tables
        matterlinks.register_matter(Case, lambda pk: reverse("enforcement:case", args=[pk]))
        matterlinks.register_matter(
            GridReport, lambda pk: reverse("enforcement:grid_report", args=[pk])
        )
        from . import exports, imports, imports_catalogue

        imports.register()  # inspections, sampling, grid cells in the data-exchange registry
        imports_catalogue.register()  # the power list and past cases
        exports.register()  # the lists the staff pages download
        # `fazhi demo`: the 2019 year after the kernel's demo, each body's 2019 figures
        # published (SZ-4), then the live present (open matters for every demo login)
        demo.register()
        # 我的待办: certificates lapsing within 30 days, for supervisors and body leaders
        todo.register_provider("enforcement.certificates", certificate_reminders)
        # 我的待办: major cases waiting for the legal reviewer's opinion
        todo.register_provider("enforcement.reviews", reviews_waiting)
        report.register_parts()  # its paragraphs of the annual report (fazhi.core.reportparts)

from django.apps import AppConfig


class OpengovConfig(AppConfig):
    name = "fazhi.opengov"
    label = "opengov"
    verbose_name = "政务公开"

    def ready(self) -> None:
        from django.urls import reverse
        from django.utils.translation import gettext_lazy as _

        from fazhi.core import matterlinks, todo
        from fazhi.core.demo import register_demo_step
        from fazhi.ui import registry

        from . import actions, demo, indicators, report, states  # noqa: F401  (names, the table)
        from .models import DisclosureRequest
        from .todo import duties_to_check, items_coming_due, requests_coming_due

        registry.register(
            registry.Domain(
                key="opengov",
                label=_("政务公开"),
                workspace_urls="fazhi.opengov.urls",
                workspace_home="opengov:home",
                portal_urls="fazhi.opengov.portal",
                portal_home="opengov_public:home",
                portal_title=_("政务公开"),
                portal_description=_("依申请公开指南、办理进度查询、政府信息公开工作年度报告。"),
                api=[("opengov/", "fazhi.opengov.api:router")],
            )
        )
        matterlinks.register_matter(
            DisclosureRequest, lambda pk: reverse("opengov:request", args=[pk])
        )
        from . import exports

        exports.register()  # the lists the staff pages download (data-exchange registry)
        register_demo_step("政务公开", demo.load)
        todo.register_provider("opengov.requests_due", requests_coming_due)
        todo.register_provider("opengov.items_due", items_coming_due)
        todo.register_provider("opengov.duties_to_check", duties_to_check)
        report.register_parts()  # its paragraphs of the annual report (fazhi.core.reportparts)

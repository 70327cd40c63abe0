from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "fazhi.audit"
    label = "audit"
    verbose_name = "审计整改"

    def ready(self) -> None:
        from django.urls import reverse
        from django.utils.translation import gettext_lazy as _

        from fazhi.core import matterlinks, todo
        from fazhi.core.demo import register_demo_step
        from fazhi.ui import registry

        from . import actions, demo, indicators, report, states  # noqa: F401  (names, the tables)
        from .models import Commitment, Rectification

        registry.register(
            registry.Domain(
                key="audit",
                label=_("审计整改"),
                workspace_urls="fazhi.audit.urls",
                workspace_home="audit:home",
                api=[("audit/", "fazhi.audit.api:router")],
            )
        )
        matterlinks.register_matter(
            Rectification, lambda pk: reverse("audit:rectification", args=[pk])
        )
        matterlinks.register_matter(Commitment, lambda pk: reverse("audit:commitment", args=[pk]))
        from . import exports

        exports.register()  # the lists the staff pages download (data-exchange registry)
        register_demo_step("审计整改", demo.load)
        from .todo import rectifications_coming_due

        todo.register_provider("audit.rectifications_due", rectifications_coming_due)
        report.register_parts()  # its paragraphs of the annual report (fazhi.core.reportparts)

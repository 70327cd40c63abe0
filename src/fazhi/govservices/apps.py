from django.apps import AppConfig


class GovServicesConfig(AppConfig):
    name = "fazhi.govservices"
    label = "govservices"
    verbose_name = "政务服务"

    def ready(self) -> None:
        from django.urls import reverse
        from django.utils.translation import gettext_lazy as _

        from fazhi.core import matterlinks, todo
        from fazhi.ui import registry

        from . import actions, demo, indicators, report, states  # noqa: F401  (names, figures, tables)
        from .models import Application, PackageApplication, Rectification

        registry.register(
            registry.Domain(
                key="govservices",
                label=_("政务服务"),
                workspace_urls="fazhi.govservices.urls",
                workspace_home="govservices:home",
                portal_urls="fazhi.govservices.portal",
                portal_home="govservices_public:home",
                portal_title=_("政务服务"),
                portal_description=_("办事指南、办件进度查询、好差评。"),
                api=[("govservices/", "fazhi.govservices.api:router")],
            )
        )
        # the matters: their pages, and 我的待办 from their transition tables
        matterlinks.register_matter(
            Application, lambda pk: reverse("govservices:application", args=[pk])
        )
        matterlinks.register_matter(
            PackageApplication, lambda pk: reverse("govservices:package_application", args=[pk])
        )
        matterlinks.register_matter(
            Rectification, lambda pk: reverse("govservices:rectification", args=[pk])
        )
        from . import exports, imports

        imports.register()  # the catalogue in the kernel's data-exchange registry
        exports.register()  # the lists the staff pages download
        demo.register()  # `fazhi demo` loads the 2019 services year after the kernel's
        # 我的待办: post-approval checks of approvals on commitment coming due
        from .todo import post_check_reminders

        todo.register_provider("govservices.post_checks", post_check_reminders)
        report.register_parts()  # its paragraphs of the annual report (fazhi.core.reportparts)

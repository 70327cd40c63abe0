from django.apps import AppConfig


class HotlineConfig(AppConfig):
    name = "fazhi.hotline"
    label = "hotline"
    verbose_name = "12345市民热线"

    def ready(self) -> None:
        from django.urls import reverse
        from django.utils.translation import gettext_lazy as _

        from fazhi.core import matterlinks, todo
        from fazhi.ui import registry

        from . import actions, demo, imports, indicators, ladder, report, states  # noqa: F401
        from .models import Order

        registry.register(
            registry.Domain(
                key="hotline",
                label=_("12345热线"),
                workspace_urls="fazhi.hotline.urls",
                workspace_home="hotline:home",
                portal_urls="fazhi.hotline.portal",
                portal_home="hotline_public:submit",
                portal_title=_("12345市民热线"),
                portal_description=_("网上提交投诉、求助、建议和咨询。"),
                api=[("hotline/", "fazhi.hotline.api:router")],
            )
        )
        matterlinks.register_matter(Order, lambda pk: reverse("hotline:order", args=[pk]))
        demo.register()
        report.register_parts()  # its paragraphs of the annual report (fazhi.core.reportparts)
        imports.register()  # the dispatch catalogue and the orders, in the data-exchange path
        from . import exports

        exports.register()  # the warning list (催办), export-only
        todo.register_provider("hotline.ladder", ladder.office_reminders)

from django.apps import AppConfig


class MonitorConfig(AppConfig):
    name = "fazhi.monitor"
    label = "monitor"
    verbose_name = "网站监测"

    def ready(self) -> None:
        from django.urls import reverse
        from django.utils.translation import gettext_lazy as _

        from fazhi.core import matterlinks
        from fazhi.core.demo import register_demo_step
        from fazhi.ui import registry

        registry.register(
            registry.Domain(
                key="monitor",
                label=_("网站监测"),
                workspace_urls="fazhi.monitor.urls",
                workspace_home="monitor:home",
                api=[("monitor/", "fazhi.monitor.api:router")],
            )
        )

        from . import actions, exports, indicators  # noqa: F401  (action names, Excel registers, figures)
        from .demo import load_demo

        register_demo_step("网站监测", load_demo)
        exports.register()  # the findings list in the data-exchange registry
        # other domains link to a finding through the kernel (a content-duty check names the
        # findings behind it): it opens in the findings list, filtered to that one
        matterlinks.register(
            "monitor.finding", lambda pk: reverse("monitor:findings") + f"?finding={pk}"
        )
        # ... and offers its findings on a column to the month's content-duty check
        from .queries import column_findings

        matterlinks.register_offer("website.column", column_findings)
